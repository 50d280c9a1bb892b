"""A branch's rating page for the year (S2 §4.6): the peer rating round (opened with its
closing day, its completion — never who rated whom — and closed), the committee's
organisation rating of each member with the guide's comments as its input, the annual
results (composite, grade, rank) computed, and the period's table posted as a publicity.
Every write is the service's; "missing" and "not yours" are the same 404."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core.errors import ApplicationError
from grassroots.core.parsing import BadValue, id_or_none, parse_date
from grassroots.core.policy import require
from grassroots.core.selectors import get_for_user
from grassroots.party.models import BRANCH_KINDS, PartyOrganisation

from .. import selectors, services
from ..models import Grade, PeerRound, PointsPosting
from ..services.common import guide_comments, quarter_bounds, today


def _org(request, pk) -> PartyOrganisation:
    org = get_for_user(PartyOrganisation.objects.filter(kind__in=BRANCH_KINDS), request.user, pk)
    require(request.user, "partymembers.points_view", org)
    return org


def _year(request) -> int:
    year = id_or_none(request.GET.get("year") or request.POST.get("year")) or today().year
    return year if 2000 <= year <= 2999 else today().year


def _page(request, org, *, error=None, status=200):
    year = _year(request)
    scheme = selectors.current_scheme(year)
    rnd = rows = None
    completion, guide, postings = {}, {}, []
    if scheme is not None:
        rnd = PeerRound.objects.filter(scheme=scheme, organisation=org).first()
        completion = selectors.round_completion(rnd) if rnd else {}
        rows = list(selectors.rating_sheet(request.user, org, scheme))
        guide = guide_comments([r.pk for r in rows], year)
        for r in rows:
            r.guide = guide.get(r.pk, "")
        postings = PointsPosting.objects.filter(scheme=scheme, organisation=org).order_by(
            "period_start")
    now = today()
    quarters = [(q, f"{year}-{3 * q - 2:02d}-01") for q in range(1, 5)
                if date(year, 3 * q - 2, 1) <= now]
    return render(request, "partymembers/points/rating.html", {
        "org": org, "year": year, "scheme": scheme, "round": rnd, "completion": completion,
        "rows": rows, "postings": postings, "quarters": quarters, "error": error,
        "grades": dict(Grade.choices), "default_closes_on": now.replace(day=min(now.day, 28)),
    }, status=status)


@login_required
def rating_page(request, pk):
    return _page(request, _org(request, pk))


def _date(raw, field) -> date:
    try:
        value = parse_date(raw)
    except BadValue as exc:
        raise ApplicationError(exc.message, field=field) from None
    if value is None:
        raise ApplicationError(_("请填写日期。"), field=field)
    return value


def _act(request, org, op):
    post, actor = request.POST, request.user
    scheme = selectors.current_scheme(_year(request))
    if scheme is None:
        raise ApplicationError(_("积分方案尚未发布。"))
    if op == "round_open":
        services.round_open(actor=actor, scheme=scheme, organisation=org,
                            closes_on=_date(post.get("closes_on"), "closes_on"))
    elif op == "round_close":
        rnd = PeerRound.objects.filter(scheme=scheme, organisation=org).first()
        if rnd is None:
            raise ApplicationError(_("本支部本年度尚未开启互评。"))
        services.round_close(actor=actor, round=rnd)
    elif op == "org_rate":
        members = {m.pk: m for m in selectors.on_roll(org.members.all())}
        given = [(members[pk], post.get(f"score_{pk}", "").strip(),
                  post.get(f"comment_{pk}", "")) for pk in members
                 if post.get(f"score_{pk}", "").strip()]
        if not given:
            raise ApplicationError(_("请至少填写一名党员的组织评定分。"))
        with transaction.atomic():  # the committee's sheet: all or nothing
            for member, score, comment in given:
                services.org_rate(actor=actor, scheme=scheme, member=member, score=score,
                                  comment=comment)
    elif op == "results":
        services.results_compute(actor=actor, scheme=scheme, organisation=org)
    elif op == "post":
        start, end = quarter_bounds(_date(post.get("quarter"), "quarter"))
        services.posting_publish(actor=actor, scheme=scheme, organisation=org, start=start,
                                 end=end, contact_phone=post.get("phone", ""))
    else:
        raise ApplicationError(_("请选择操作。"))


@login_required
@require_POST
def rating_act(request, pk):
    org = _org(request, pk)
    try:
        _act(request, org, request.POST.get("op", ""))
    except ApplicationError as exc:
        return _page(request, org, error=exc.message, status=exc.status_code)
    messages.success(request, _("已办理。"))
    return redirect(f"{request.path.rsplit('act/', 1)[0]}?year={_year(request)}")
