"""Presentation helpers shared by the demand pages: countdowns, labels, paging, responses."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from ..selectors import due_state
from ..timeline import (  # noqa: F401 - the pages' names for the one timeline definition
    EXTRA_ACTION_LABELS,
    PUBLIC_NOTE_ACTIONS,
    action_label,
    state_label,
    timeline_rows,
)

PAGE_SIZE = 50

def countdown(due_at, *, now=None) -> dict:
    """"剩余3.5工作小时" / "已超时1.2工作小时" and the CSS class for it (working time)."""
    from grassroots.workcal.services import working_time_between

    if due_at is None:
        return {"text": "", "css": "", "estimated": False}
    now = now or timezone.now()
    wt = working_time_between(now, due_at)
    state = due_state(due_at, now=now, working_hours_left=wt.hours)
    if wt.hours >= 0 and due_at >= now:
        text = _("剩余%(h).1f工作小时") % {"h": wt.hours}
    elif abs(wt.hours) < 0.05:  # overdue after office hours: no working time has passed yet
        local_due = timezone.localtime(due_at)
        fmt = "%H:%M" if local_due.date() == timezone.localtime(now).date() else "%m-%d %H:%M"
        text = _("已超时（%(due)s到期）") % {"due": local_due.strftime(fmt)}
    else:
        text = _("已超时%(h).1f工作小时") % {"h": abs(wt.hours)}
    return {"text": text, "css": f"due-{state}" if state else "", "estimated": wt.estimated}


def paginate(request, queryset, per_page: int = PAGE_SIZE):
    paginator = Paginator(queryset, per_page)
    return paginator.get_page(request.GET.get("page"))


def safe_next(request) -> str | None:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                   require_https=request.is_secure()):
        return target
    return None


def redirect_next(request, default: str, message: str = "", *, error: bool = False):
    if message:
        (messages.error if error else messages.success)(request, message)
    return redirect(safe_next(request) or default)


# A form on the demand page refused without htmx: kept for the page's next GET (see below).
REFUSED_FORM_KEY = "demands:refused_form"


def keep_refused_form(request, demand_pk: int, error: dict) -> None:
    """Post/redirect/get for a refused form: its message and what was typed wait in the session
    for the redirect's GET, so reloading the page shows it and never posts the form again.
    Uploaded photos are not kept (they have to be chosen again, as after any refusal)."""
    typed = request.POST.copy()
    typed.pop("csrfmiddlewaretoken", None)
    request.session[REFUSED_FORM_KEY] = {
        "demand": demand_pk,
        "error": {"key": error.get("key", ""), "field": error.get("field") or "",
                  "message": str(error.get("message", ""))},
        "post": typed.urlencode(),
        "next": safe_next(request) or "",
    }


def pop_refused_form(request, demand_pk: int) -> dict | None:
    """The refused form kept for this demand, once: a second reload shows the plain page."""
    kept = request.session.get(REFUSED_FORM_KEY)
    if not kept or kept.get("demand") != demand_pk:
        return None
    del request.session[REFUSED_FORM_KEY]
    return {"error": kept["error"], "post": QueryDict(kept["post"]), "next": kept["next"]}


def is_htmx(request) -> bool:
    return bool(getattr(request, "htmx", False))


def audited_export(request, name: str, response):
    """Exports of citizens' demands are recorded in the audit log (who exported what, when)."""
    from grassroots.audit.services import audit_record

    audit_record(category="export", action=f"export_{name}", actor=request.user, request=request,
                 extra={"query": request.GET.urlencode()[:500]})
    return response


def created_redirect(request, url_name: str, outcome):
    """Post/redirect/get after an intake form: back to a fresh form that shows what was
    created (a reload then repeats nothing); a repeat of the same rendered form says so."""
    from django.urls import reverse

    from grassroots.core.forms import draft_done

    if outcome.repeated:
        messages.info(request, _("已提交，未重复创建。"))
    draft_done(request, DRAFT_NAMES[url_name])
    pk = outcome.result["pk"]
    # This session may show the answer even where the user's scope would not (an anonymous
    # report keeps no link to its author, who still needs the number to follow it).
    request.session[JUST_CREATED] = [pk, *request.session.get(JUST_CREATED, [])][:5]
    return redirect(f"{reverse(url_name)}?created={pk}")


JUST_CREATED = "demands_just_created"


# The browser-side draft of each intake form (components/draft_attrs.html).
DRAFT_NAMES = {"demands:my_new": "citizen-new", "demands:phone_new": "phone-new"}


def created_from_query(request, queryset):
    """The demand named by ``?created=`` if this session created it or the user may see it
    (else nothing, silently)."""
    value = request.GET.get("created", "")
    if not (value.isascii() and value.isdigit() and len(value) < 16):
        return None
    pk = int(value)
    if pk in request.session.get(JUST_CREATED, []):
        from ..models import Demand

        return Demand.objects.filter(pk=pk).first()
    return queryset.filter(pk=pk).first()
