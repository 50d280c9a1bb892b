"""The installable app's files (manifest, service worker, reference data), the theme-day
record page, and the idempotent create endpoints the outbox submits to.

Endpoints answer JSON in the API's one error shape (docs/api.md):
``{"error": {"code", "message", "fields"}}``; 401 for a session that ran out (the outbox then
asks the person to log in and continues), 409 for a key reused with another body."""

from __future__ import annotations

import hashlib
import json

from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from grassroots.core.errors import ApplicationError, errors_by_field, refusal_status
from grassroots.core.idempotency import IdempotencyConflict, fingerprint, header_key, run_once
from grassroots.core.policy import require
from grassroots.gridwork.forms import VisitEntryForm, demand_rows_from_post
from grassroots.gridwork.services.visits import visit_record
from grassroots.partyday.models import DayStatus
from grassroots.partyday.selectors import get_day_for_user
from grassroots.places.models import Grid

from . import reference
from .services import recorded_at_check, suggestion_rows_from_post, themeday_record_offline

SKIP_FIELDS = {"csrfmiddlewaretoken", "idempotency_key"}
STATIC_FILES = ("offline/sw.js", "offline/outbox.js", "offline/offline.css")


def _json(data, status=200):
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def _error(status, code, message, fields=None):
    return _json({"error": {"code": code, "message": str(message), "fields": fields or {}}},
                 status=status)


CODES = {400: "invalid", 403: "forbidden", 404: "not_found", 409: "conflict", 413: "too_large"}


def _refusal(exc: Exception):
    status = refusal_status(exc)
    if isinstance(exc, IdempotencyConflict):
        status = 409
    fields = {k or "__all__": [str(m) for m in v]
              for k, v in errors_by_field(exc).items()} if isinstance(exc, ApplicationError) else {}
    message = getattr(exc, "message", None) or (exc.args[0] if exc.args else _("未找到"))
    return _error(status, CODES.get(status, "invalid"), message, fields)


def _unauthenticated():
    return _error(401, "unauthenticated", _("登录已过期，请重新登录；登录后将继续提交本机保存的记录。"))


def _fingerprint(request) -> str:
    fields = sorted((k, v) for k in request.POST if k not in SKIP_FIELDS
                    for v in request.POST.getlist(k))
    photos = []
    for f in request.FILES.getlist("photos"):
        digest = hashlib.sha256()
        for chunk in f.chunks():
            digest.update(chunk)
        f.seek(0)
        photos.append(digest.hexdigest())
    return fingerprint({"fields": fields, "photos": photos})


def _submit_once(request, *, operation: str, create, body):
    """``create()`` once per (user, Idempotency-Key); a repeat answers the first answer byte for
    byte (with ``Idempotent-Replayed: true``); the same key with another body is a 409."""
    if not request.user.is_authenticated:
        return _unauthenticated()
    try:
        key = header_key(request.headers.get("Idempotency-Key"))
        if not key:
            raise ApplicationError(_("离线提交须带 Idempotency-Key。"), field="Idempotency-Key")
        outcome = run_once(
            user=request.user, key=key, operation=operation,
            request_fingerprint=_fingerprint(request), create=create,
            # rendered inside the create's transaction and stored as sent
            result=lambda value: {"status": 201, "body": json.dumps(body(value),
                                                                    ensure_ascii=False)})
    except (ApplicationError, Http404) as exc:
        return _refusal(exc)
    except PermissionError as exc:  # pragma: no cover - defensive
        return _error(403, "forbidden", str(exc))
    response = HttpResponse(outcome.result["body"], status=outcome.result["status"],
                            content_type="application/json; charset=utf-8")
    if outcome.repeated:
        response["Idempotent-Replayed"] = "true"
    return response


def _local(dt) -> str:
    return timezone.localtime(dt).isoformat() if dt else ""


@require_POST
def visit_submit(request):
    """POST the visit form's fields (the same names as /grid/visits/new/), ``photos`` and
    ``recorded_at``; 201 with the visit and its demand numbers."""
    if not request.user.is_authenticated:
        return _unauthenticated()
    rows = demand_rows_from_post(request.POST)
    seen = {}

    def create():
        from django.core.exceptions import PermissionDenied

        from grassroots.core.errors import FieldErrors, NotInScope
        from grassroots.gridwork.selectors.visits import seated_secretaries

        recorded_at = seen["recorded_at"] = recorded_at_check(request.POST.get("recorded_at"))
        scope = require(request.user, "core.staff")
        # Every grid the user may see is offered: one outside the user's own is then refused
        # by the service with its reason (403), not as an unknown choice.
        grids = Grid.objects.restrict(request.user)
        secretaries = None
        if not scope.is_secretary:
            secretaries = seated_secretaries(list(grids.values_list("pk", flat=True)))
        form = VisitEntryForm(request.POST, grids=grids, secretaries=secretaries)
        if not form.is_valid():
            if "grid" in form.errors and request.POST.get("grid"):
                # a grid not the user's, or none at all: one answer, with its reason
                raise NotInScope(_("只能为自己负责的网格登记走访。"), field="grid")
            raise FieldErrors(field_errors={k: [str(m) for m in v]
                                            for k, v in form.errors.items()})
        cd = form.cleaned_data
        try:
            return visit_record(
                actor=request.user, grid=cd["grid"], date=cd["date"], form=cd["form"],
                households_met=cd["households_met"] or 0, people_met=cd["people_met"] or 0,
                notes=cd["notes"], photos=request.FILES.getlist("photos"),
                secretary=cd.get("secretary"), recorded_at=recorded_at,
                demands=[{k: v for k, v in r.items() if k != "index"} for r in rows])
        except PermissionDenied as exc:
            if isinstance(exc, NotInScope):
                raise
            raise NotInScope(str(exc) or _("只能为自己负责的网格登记走访。")) from exc

    def body(visit):
        demands = list(visit.demands.order_by("id"))
        return {
            "kind": "visit", "id": visit.pk,
            "url": reverse("gridwork:visit_detail", args=[visit.pk]),
            "label": f"{visit.grid.name} {visit.date.isoformat()}",
            "received_at": _local(visit.created_at),
            "recorded_at": _local(seen.get("recorded_at")),
            "demands": [{"number": d.number, "title": d.title,
                         "solved_on_spot": d.solved_on_spot,
                         "url": reverse("demands:detail", args=[d.pk])} for d in demands],
            "message": _("走访已登记：收集诉求%(n)s条。") % {"n": len(demands)},
        }

    return _submit_once(request, operation="offline.visit_record", create=create, body=body)


@require_POST
def themeday_submit(request, pk):
    """POST the theme-day record (``minutes``, ``present`` ids, ``suggestion-N-…``, ``photos``,
    ``recorded_at``); 201 with the suggestions and the demand numbers of the 民意诉求."""
    if not request.user.is_authenticated:
        return _unauthenticated()
    from grassroots.core.parsing import ids_of

    def create():
        day = get_day_for_user(request.user, pk)  # the same 404 for missing and not yours
        recorded_at = recorded_at_check(request.POST.get("recorded_at"))
        return themeday_record_offline(
            actor=request.user, day=day, minutes=request.POST.get("minutes", ""),
            present_person_ids=ids_of(request.POST.getlist("present")),
            suggestions=suggestion_rows_from_post(request.POST),
            photos=request.FILES.getlist("photos"), recorded_at=recorded_at)

    def body(out):
        day = out["day"]
        demands = [s["demand"] for s in out["suggestions"] if s["demand"]]
        return {
            "kind": "themeday", "id": day.pk,
            "url": reverse("partyday:day_detail", args=[day.pk]),
            "label": f"{day.branch.name} {day.month:%Y-%m}",
            "held_at": _local(day.held_at),
            "suggestions": out["suggestions"],
            "demands": [{"number": n, "url": reverse("demands:detail", args=[s["demand_id"]])}
                        for s in out["suggestions"] if (n := s["demand"])],
            "message": _("主题党日已记录：意见建议%(n)s条，转为群众诉求%(k)s条。")
            % {"n": len(out["suggestions"]), "k": len(demands)},
        }

    return _submit_once(request, operation="offline.themeday_record", create=create, body=body)


@login_required
def themeday_record(request, pk):
    """The theme-day record form for the phone (works offline: the outbox keeps it)."""
    require(request.user, "partyday.view")
    day = get_day_for_user(request.user, pk)
    members = (day.meeting.attendance.filter(role__in=("member", "probationary"))
               .select_related("person").order_by("person__name"))
    from grassroots.partyday.models import SuggestionKind

    return render(request, "offline/themeday_record.html", {
        "day": day, "members": members, "kinds": SuggestionKind.choices,
        "held": day.status not in (DayStatus.PLANNED, DayStatus.INVITED),
        "rows": range(1, 3)})


@login_required
def outbox_page(request):
    """What waits on this phone (filled in by outbox.js from IndexedDB)."""
    require(request.user, "core.staff")
    return render(request, "offline/outbox.html", {})


@login_required
@never_cache
def reference_data(request):
    """The reference data the offline forms need, refreshed by the service worker online."""
    require(request.user, "core.staff")
    return _json(reference.for_user(request.user))


def manifest(request):
    name = _("基层治理")
    return _json({
        "name": name, "short_name": name, "lang": request.LANGUAGE_CODE,
        "start_url": reference.start_url(request.user), "scope": "/", "id": "/",
        "display": "standalone", "background_color": "#ffffff", "theme_color": "#b71c1c",
        "icons": [{"src": f"/static/offline/icon-{n}.png", "sizes": f"{n}x{n}",
                   "type": "image/png", "purpose": "any"} for n in (192, 512)]
        + [{"src": "/static/offline/icon-maskable-512.png", "sizes": "512x512",
            "type": "image/png", "purpose": "maskable"}],
    })


def _version() -> str:
    digest = hashlib.sha256()
    for name in STATIC_FILES + ("core/forms.js", "core/nav.js", "css/site.css"):
        path = finders.find(name)
        if path:
            with open(path, "rb") as fh:
                digest.update(fh.read())
    return digest.hexdigest()[:12]


def service_worker(request):
    """The service worker, served here (not from /static/) so that it may control every page:
    ``Service-Worker-Allowed: /``; its cache version follows the scripts' contents."""
    path = finders.find("offline/sw.js")
    with open(path, encoding="utf-8") as fh:
        text = fh.read().replace("__VERSION__", _version())
    response = HttpResponse(text, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response
