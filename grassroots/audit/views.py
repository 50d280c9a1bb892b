"""Pages of the security baseline: login/2FA, the auditor's log, PII reveal, health, errors."""

from __future__ import annotations

import base64
import io
import sys
from datetime import datetime

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import InterfaceError, OperationalError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django.views.defaults import server_error as default_server_error

from grassroots.core import xlsx
from grassroots.core.errors import ApplicationError
from grassroots.core.files import MIME, download_response
from grassroots.core.health import details_allowed as health_details_allowed
from grassroots.core.health import health_report, public_report
from grassroots.core.policy import require
from grassroots.core.ratelimit import ratelimit
from grassroots.core.refusals import refusals

from . import services
from .forms import AuditSearchForm, LoginForm, RevealForm, TokenForm
from .middleware import unavailable_response
from .models import AuditCategory, AuditLog
from .selectors import audit_search, person_for_reveal, pii_reveal_allowed

EXPORT_LIMIT = 50_000


# --- login, logout, password ---------------------------------------------------------------------

class LoginView(auth_views.LoginView):
    template_name = "people/login.html"
    redirect_authenticated_user = True
    form_class = LoginForm

    def dispatch(self, request, *args, **kwargs):
        return ratelimit("login")(super().dispatch)(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        """Say why the form is shown and where the person goes back to (the form they were
        filling keeps its draft in the browser and restores it there)."""
        context = super().get_context_data(**kwargs)
        next_url = context.get("next") or ""
        context["session_expired"] = self.request.GET.get("expired") == "1"
        context["return_to"] = _return_label(next_url) if next_url else ""
        return context


# The pages a person is most often sent back to, by name; any other page shows its address.
RETURN_PAGES = {
    "gridwork:visit_new": gettext_lazy("记录走访"),
    "demands:my_new": gettext_lazy("提交诉求"),
    "demands:phone_new": gettext_lazy("电话受理登记"),
}


def _return_label(next_url: str) -> str:
    from django.urls import Resolver404, resolve

    path = next_url.split("?")[0]
    try:
        match = resolve(path)
    except Resolver404:
        return path
    label = RETURN_PAGES.get(match.view_name)
    return f"“{label}”" if label else path


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "people/password_change.html"
    success_url = "/"

    def form_valid(self, form):
        response = super().form_valid(form)
        services.audit_record(category=AuditCategory.AUTH, action="password_change",
                              actor=self.request.user, request=self.request)
        messages.success(self.request, _("密码已修改。"))
        return response


# --- second factor -------------------------------------------------------------------------------

def _safe_next(request, default="/"):
    target = request.POST.get("next") or request.GET.get("next") or default
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return target
    return default


def _qr_data_uri(text: str) -> str:
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def second_factor(request):
    """Enrol a TOTP device (first time) or verify a code (every login)."""
    from django_otp import login as otp_login
    from django_otp import user_has_device

    next_url = _safe_next(request)
    is_verified = getattr(request.user, "is_verified", None)  # set by SecondFactorMiddleware
    if is_verified is not None and is_verified():
        return redirect(next_url)
    enrolled = user_has_device(request.user, confirmed=True)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with refusals(request, flash=False) as refused:
            if not _otp_attempt_allowed(request):
                raise ApplicationError(_("验证码尝试次数过多，请稍后再试。"), field="token")
            if enrolled:
                device = services.totp_verify(actor=request.user, token=form.cleaned_data["token"],
                                              request=request)
            else:
                device = services.totp_enrol_confirm(actor=request.user,
                                                     token=form.cleaned_data["token"],
                                                     request=request)
        if refused:
            form.add_error("token", refused.message)
        else:
            otp_login(request, device)
            return redirect(next_url)
    context = {"form": form, "enrolled": enrolled, "next": next_url}
    if not enrolled:
        device = services.totp_enrol_start(actor=request.user)
        context["secret"] = base64.b32encode(device.bin_key).decode()
        context["qr"] = _qr_data_uri(device.config_url)
    return render(request, "people/second_factor.html", context,
                  status=400 if form.errors else 200)


def _otp_attempt_allowed(request) -> bool:
    from grassroots.core.ratelimit import hit

    return hit("otp_verify", f"u{request.user.pk}")[0]


# --- the auditor's pages -------------------------------------------------------------------------

def _searched(request):
    form = AuditSearchForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return form, None
    data = form.cleaned_data if form.is_bound else {}
    return form, audit_search(request.user, **{k: v for k, v in data.items() if v})


@require_GET
@login_required
def audit_list(request):
    require(request.user, "audit.read_log")
    form, qs = _searched(request)
    if qs is None:
        return render(request, "audit/list.html", {"form": form, "page": None}, status=400)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "audit/list.html",
                  {"form": form, "page": page, "query": query.urlencode(),
                   "export_query": query.urlencode()})


@require_GET
@login_required
def audit_export(request):
    require(request.user, "audit.read_log")
    form, qs = _searched(request)
    if qs is None:
        return render(request, "audit/list.html", {"form": form, "page": None}, status=400)
    workbook = xlsx.workbook()
    sheet = workbook.create_sheet(_("审计日志"))
    fields = ["at", "actor_name", "category", "action", "outcome", "target_type", "target_id",
              "target_repr", "reason", "ip", "user_agent"]
    xlsx.append(sheet, [str(AuditLog._meta.get_field(f).verbose_name) for f in fields])
    categories = dict(AuditCategory.choices)
    count = 0
    for row in qs.values_list(*fields)[:EXPORT_LIMIT]:
        row = list(row)
        row[0] = timezone.localtime(row[0]).strftime("%Y-%m-%d %H:%M:%S")
        row[2] = str(categories.get(row[2], row[2]))
        xlsx.append(sheet, ["" if v is None else str(v) for v in row])
        count += 1
    services.audit_record(category=AuditCategory.EXPORT, action="audit_export",
                          actor=request.user, request=request,
                          extra={"rows": count, "filters": request.GET.dict()})
    stamp = datetime.now().strftime("%Y%m%d-%H%M")
    return download_response(xlsx.to_bytes(workbook), f"audit-log-{stamp}.xlsx", MIME["xlsx"])


# --- PII reveal ----------------------------------------------------------------------------------

def _reveal_context(person, field):
    if field not in services.PII_FIELDS:
        raise Http404(_("未找到"))
    masked = person.phone_masked if field == "phone" else person.id_number_masked
    return {"person": person, "field": field,
            "masked": masked or "—", "seconds": services.REVEAL_SECONDS}


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
@ratelimit("pii_reveal", per_user=True)
def pii_reveal(request, person_pk: int, field: str):
    """GET: the reason form (htmx fragment); POST: the clear value for 60 seconds, logged.

    Every POST is an attempt and leaves an audit row, refused or not; a person the user may not
    see is the same 404 as a missing one."""
    reason = request.POST.get("reason", "") if request.method == "POST" else ""
    try:
        person = person_for_reveal(request.user, person_pk)
        context = _reveal_context(person, field)
    except Http404:
        if request.method == "POST":
            services.pii_reveal_refused_unknown(actor=request.user, person_id=person_pk,
                                                field=field, reason=reason, request=request)
        raise
    if request.method == "GET":
        if not pii_reveal_allowed(request.user, person):
            raise Http404(_("未找到"))
        return render(request, "audit/_reveal_form.html", {**context, "form": RevealForm()})
    # The service is the one judge of the reason (the form only renders the box).
    form = RevealForm(initial={"reason": reason[:200]})
    # Not allowed is the service's NotVisible (logged as denied): the same 404 as for a
    # missing person; a reason refused is shown on the form.
    with refusals(request, flash=False) as refused:
        value = services.pii_reveal(actor=request.user, person=person, field=field,
                                    reason=reason, request=request)
    if refused:
        return render(request, "audit/_reveal_form.html",
                      {**context, "form": form, "error": refused.message}, status=refused.status)
    return render(request, "audit/_revealed.html", {**context, "value": value})


@login_required
@require_GET
def pii_masked(request, person_pk: int, field: str):
    """What the revealed value turns back into after 60 seconds (and the initial button)."""
    person = person_for_reveal(request.user, person_pk)
    context = _reveal_context(person, field)
    context["can_reveal"] = pii_reveal_allowed(request.user, person)
    return render(request, "audit/_reveal_button.html", context)


# --- operations ----------------------------------------------------------------------------------

@never_cache
@require_GET
def healthz(request):
    healthy, report = health_report()
    if not health_details_allowed(request):
        report = public_report(report)
    return JsonResponse(report, status=200 if healthy else 503,
                        json_dumps_params={"ensure_ascii": False})


def server_error(request, *args, **kwargs):
    """handler500: a lost database anywhere in the stack becomes a 503 with a message."""
    exc = sys.exc_info()[1]
    if isinstance(exc, OperationalError | InterfaceError):
        return unavailable_response(request)
    return default_server_error(request, *args, **kwargs)
