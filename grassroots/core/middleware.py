import json

from django.utils.translation import gettext_lazy


class ContentSecurityPolicyMiddleware:
    """A strict CSP: scripts and styles only from this site (htmx and ECharts are served locally)."""

    POLICY = (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; "
        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.POLICY)
        return response


class LanguageMiddleware:
    """Chinese unless the person switched: pages take the language from the switch's cookie only.

    Django's LocaleMiddleware would follow the browser's Accept-Language, so a county office
    PC with an English browser would get English pages it never asked for. An API client has
    no switch: the Accept-Language it sends is how it asks, so under ``/api/`` the header is
    honoured after the cookie (a person using the API from a browser keeps their choice).
    """

    API_PREFIX = "/api/"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.utils import translation
        from django.utils.cache import patch_vary_headers

        is_api = request.path_info.startswith(self.API_PREFIX)
        language = self.language_for(request, honour_header=is_api)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        if is_api:
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response

    @staticmethod
    def language_for(request, *, honour_header: bool) -> str:
        from django.conf import settings
        from django.utils.translation import get_supported_language_variant
        from django.utils.translation.trans_real import parse_accept_lang_header

        supported = {code for code, _name in settings.LANGUAGES}
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language in supported:
            return language
        if honour_header:
            # Best first, as the client ranked them; "en-US" → en, "zh-CN" → zh-hans.
            header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
            for code, _quality in parse_accept_lang_header(header):
                if code == "*":
                    break
                try:
                    return get_supported_language_variant(code)
                except LookupError:
                    continue
        return settings.LANGUAGE_CODE


class RejectNullBytesMiddleware:
    """A NUL byte in a query or form value is never legitimate and PostgreSQL refuses it in text:
    answer 400 with a message instead of letting it reach a query (a 500)."""

    MESSAGE = gettext_lazy("请求参数中含有非法字符（NUL），请检查后重试。")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._has_nul(request.GET) or (
            request.method == "POST"
            and request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data")
            and self._has_nul(request.POST)
        ) or self._json_has_nul(request):
            from django.http import HttpResponseBadRequest, JsonResponse

            message = str(self.MESSAGE)  # in the language LanguageMiddleware (before) chose
            if request.path.startswith("/api/"):
                return JsonResponse({"error": {"code": "invalid", "message": message,
                                               "fields": {}}}, status=400,
                                    json_dumps_params={"ensure_ascii": False})
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)

    @classmethod
    def _json_has_nul(cls, request) -> bool:
        """A JSON body with ``\\u0000`` in a key or a string (the API, the 12345 inbound)."""
        if request.method not in ("POST", "PUT", "PATCH") or "json" not in request.content_type:
            return False
        body = request.body
        if b"\\u0000" not in body and b"\x00" not in body:
            return False  # the common case: no parsing here
        try:
            data = json.loads(body)
        except ValueError:
            return b"\x00" in body  # not JSON: the endpoint explains that, unless it holds NUL
        return cls._walk_has_nul(data)

    @classmethod
    def _walk_has_nul(cls, value) -> bool:
        if isinstance(value, str):
            return "\x00" in value
        if isinstance(value, dict):
            return any(cls._walk_has_nul(k) or cls._walk_has_nul(v) for k, v in value.items())
        if isinstance(value, list):
            return any(cls._walk_has_nul(v) for v in value)
        return False

    @staticmethod
    def _has_nul(query) -> bool:
        return any("\x00" in key or any("\x00" in v for v in values)
                   for key, values in query.lists())


class SessionTouchMiddleware:
    """Slide a signed-in session's idle expiry without a write on every request.

    With ``SESSION_SAVE_EVERY_REQUEST`` every page view was an UPDATE and a commit. Here a
    session nobody changed is marked (and so saved, with a new expiry and cookie) only when its
    last mark is ``SESSION_TOUCH_INTERVAL`` seconds old or more.

    A request a script sent by itself — the offline service worker refreshing its copies, the
    outbox sending what waited on the phone — says so with ``X-Grassroots-Background``: it is
    not the person's activity and never slides the expiry, so an idle phone is signed out after
    the idle timeout however often it refreshes."""

    KEY = "_touched"
    BACKGROUND_HEADER = "X-Grassroots-Background"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or session.modified or session.session_key is None:
            return response
        if not session.accessed:
            return response  # nothing read it (a static file, a health check): not a visit
        if request.headers.get(self.BACKGROUND_HEADER):
            return response  # nobody's activity
        from django.conf import settings
        from django.utils import timezone

        now = int(timezone.now().timestamp())
        if session.is_empty() or response.status_code >= 500:
            return response
        if now - int(session.get(self.KEY, 0)) >= settings.SESSION_TOUCH_INTERVAL:
            session[self.KEY] = now
        return response


class SessionExpiredMiddleware:
    """Tell the login page when it was reached because the session ran out.

    A request that still carries a session cookie whose session is gone (expired, or ended
    elsewhere) and is sent to the login page gets ``expired=1`` on that redirect, so the page
    can say "your session expired" rather than a bare login form (the browser keeps the typed
    draft, and the page says where the person will return).

    A background request (a form's live check) may be the first to carry the stale cookie: the
    session middleware then drops the cookie, and the form's own submit a moment later would
    look like a first visit. So a stale cookie seen on any other response leaves a short-lived
    marker cookie that the next redirect to the login page reads (and clears)."""

    MARK = "grassroots_session_expired"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.shortcuts import resolve_url

        response = self.get_response(request)
        session = getattr(request, "session", None)
        stale = (bool(request.COOKIES.get(settings.SESSION_COOKIE_NAME)) and session is not None
                 and session.is_empty())
        marked = request.COOKIES.get(self.MARK) == "1"
        location = response.get("Location", "") if response.status_code == 302 else ""
        to_login = location.split("?")[0] == resolve_url(settings.LOGIN_URL)
        # A script's request (the offline service worker refreshing its copies) may be sent to
        # the login page too; the person never sees that redirect, so it leaves the marker.
        if to_login and request.headers.get("Sec-Fetch-Mode", "navigate") != "navigate":
            to_login = False
        if to_login and (stale or marked):
            if "expired=" not in location:
                response["Location"] = f"{location}{'&' if '?' in location else '?'}expired=1"
            if marked:
                response.delete_cookie(self.MARK)
        elif stale:
            response.set_cookie(self.MARK, "1", max_age=600, httponly=True, samesite="Lax",
                                secure=settings.SESSION_COOKIE_SECURE)
        elif marked and session is not None and not session.is_empty():
            response.delete_cookie(self.MARK)  # signed in again meanwhile
        return response
