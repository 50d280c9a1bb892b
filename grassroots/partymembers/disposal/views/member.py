"""A member's disposal page for the branch and the committees above: his counters, his
recorded valid reasons (staff enter one; it stops the counters for its period), his cases, and
the form to flag him as a candidate with evidence (never a disposal: the branch committee's
initial finding comes next). "Missing" and "not yours" are the same 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core.errors import ApplicationError
from grassroots.core.parsing import BadValue, id_or_none, parse_date
from grassroots.core.policy import can, require
from grassroots.core.selectors import get_for_user
from grassroots.party.models import PartyMember

from .. import selectors, services
from ..models import Counter, Source
from ..services.common import today

# The sources an officer may give (the counters raise their own candidates).
FLAG_SOURCES = [(v, label) for v, label in Source.choices if v != Source.COUNTERS]
# Rows of criteria the form offers (one is enough; more may be added to the case later).
CRITERIA_ROWS = 3


def _member(request, pk) -> PartyMember:
    require(request.user, "partymembers.dsp_view")
    member = get_for_user(PartyMember.objects.select_related("person", "organisation"),
                          request.user, pk)
    if not can(request.user, "partymembers.dsp_flag", member):
        raise Http404(_("未找到"))
    return member


def _page(request, member, *, error=None, status=200, posted=None):
    return render(request, "partymembers/disposal/member.html", {
        "member": member, "counters": selectors.counters_of(member),
        "reasons": selectors.valid_reasons_of(member),
        "cases": selectors.cases_in_scope(request.user).filter(member=member),
        "catalogue": selectors.criteria_catalogue(), "sources": FLAG_SOURCES,
        "counter_choices": Counter.choices, "rows": range(CRITERIA_ROWS),
        "error": error, "posted": posted or {}, "today": today(),
    }, status=status)


@login_required
def member_pick(request):
    """Find a member on the roll in scope by name (the list page's box), then his page."""
    require(request.user, "partymembers.dsp_view")
    pk = id_or_none(request.GET.get("member"))
    if pk is not None:
        return redirect("partymembers:dsp_member", pk=_member(request, pk).pk)
    q = (request.GET.get("q") or "").strip()[:20]
    found = selectors.members_to_flag(request.user, q)[:50] if q else []
    return render(request, "partymembers/disposal/pick.html", {"q": q, "found": found})


@login_required
def member_page(request, pk):
    return _page(request, _member(request, pk))


def _date(raw, field, *, required=True):
    try:
        value = parse_date(raw) if raw else None
    except BadValue as exc:
        raise ApplicationError(exc.message, field=field) from None
    if value is None and required:
        raise ApplicationError(_("请填写日期。"), field=field)
    return value


def _criteria(post) -> list[tuple]:
    items = []
    for i in range(CRITERIA_ROWS):
        code = post.get(f"code_{i}", "")
        if not code:
            continue
        items.append((code, post.get(f"evidence_{i}", ""),
                      _date(post.get(f"from_{i}"), f"from_{i}", required=False),
                      _date(post.get(f"to_{i}"), f"to_{i}", required=False)))
    return items


@login_required
@require_POST
def member_act(request, pk):
    member = _member(request, pk)
    op, post = request.POST.get("op"), request.POST
    try:
        if op == "reason":
            services.valid_reason_record(
                actor=request.user, member=member, reason=post.get("reason", ""),
                counter=post.get("counter", ""),
                valid_from=_date(post.get("valid_from"), "valid_from"),
                valid_to=_date(post.get("valid_to"), "valid_to", required=False))
            messages.success(request, _("已登记正当理由。"))
        elif op == "flag":
            case = services.candidate_flag(
                actor=request.user, member=member, source=post.get("source", ""),
                criteria=_criteria(post), note=post.get("note", ""),
                discipline_breach=bool(post.get("discipline_breach")),
                punished=bool(post.get("punished")), hardship=bool(post.get("hardship")),
                on=_date(post.get("on"), "on", required=False))
            messages.success(request, _("已登记处置线索，请支委会研究初步认定。"))
            return redirect("partymembers:dsp_case", pk=case.pk)
        else:
            raise ApplicationError(_("请选择操作。"))
    except ApplicationError as exc:
        return _page(request, member, error=exc.message, status=exc.status_code,
                     posted=post.dict())
    return redirect("partymembers:dsp_member", pk=member.pk)
