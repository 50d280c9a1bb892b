"""The branch's pages: the quarter table with the entries to confirm and the disputes to
rule on; the statistics; the point card (.docx) and the posting table (.xlsx)."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core.errors import ApplicationError
from grassroots.core.files import MIME, download_response
from grassroots.core.parsing import id_or_none
from grassroots.core.policy import require
from grassroots.core.selectors import get_for_user
from grassroots.party.models import BRANCH_KINDS, PartyMember, PartyOrganisation

from .. import documents, selectors, services
from ..models import Aspect, EntryStatus, PointEntry
from ..services.common import quarter_bounds, today


def _quarter(request) -> tuple[date, date, int, int]:
    now = today()
    year = id_or_none(request.GET.get("year")) or now.year
    q = id_or_none(request.GET.get("q")) or (now.month - 1) // 3 + 1
    year = year if 2000 <= year <= 2999 else now.year
    q = q if 1 <= q <= 4 else 1
    start, end = quarter_bounds(date(year, 3 * q - 2, 1))
    return start, end, year, q


def _branches(user):
    return (PartyOrganisation.objects.restrict(user, "view")
            .filter(kind__in=BRANCH_KINDS, is_active=True).order_by("path"))


@login_required
def branch(request):
    require(request.user, "partymembers.points_view")
    branches = list(_branches(request.user)[:500])
    org_id = id_or_none(request.GET.get("org"))
    org = next((b for b in branches if b.pk == org_id), branches[0] if branches else None)
    start, end, year, q = _quarter(request)
    table = list(selectors.branch_table(request.user, org, start, end)) if org else []
    pending = list(selectors.entries_for(request.user, org=org, year=year).filter(
        status__in=(EntryStatus.PROPOSED, EntryStatus.DISPUTED))[:200]) if org else []
    return render(request, "partymembers/points/branch.html", {
        "branches": branches, "org": org, "table": table, "pending": pending, "year": year,
        "q": q, "start": start, "end": end, "aspects": [Aspect(a).label for a in Aspect.values],
        "aspect_keys": [f"a_{a}" for a in Aspect.values]})


@login_required
@require_POST
def entry_act(request, pk):
    entry = get_for_user(PointEntry.objects.select_related("member"), request.user, pk)
    op = request.POST.get("op")
    try:
        if op == "confirm":
            services.entry_confirm(actor=request.user, entry=entry)
        elif op in ("uphold", "void"):
            services.entry_rule(actor=request.user, entry=entry, uphold=op == "uphold",
                                ruling=request.POST.get("ruling", ""))
        else:
            raise ApplicationError(_("请选择操作。"))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect(f"{_url('partymembers:points_branch')}?org={entry.member.organisation_id}")


def _url(name):
    from django.urls import reverse

    return reverse(name)


@login_required
def stats(request):
    require(request.user, "partymembers.points_stats")
    start, end, year, q = _quarter(request)
    by = "branch" if request.GET.get("by") == "branch" else "town"
    scheme = selectors.current_scheme(year)
    return render(request, "partymembers/points/stats.html", {
        "year": year, "q": q, "by": by, "scheme": scheme,
        "participation": selectors.participation(request.user, start, end, by=by),
        "grades": selectors.grade_distribution(request.user, scheme, by=by) if scheme else [],
        "postings": selectors.posting_compliance(request.user, start, by=by)})


@login_required
def posting_table(request, pk):
    org = get_for_user(PartyOrganisation.objects.all(), request.user, pk)
    require(request.user, "partymembers.points_view", org)
    start, end, year, q = _quarter(request)
    rows = selectors.branch_table(request.user, org, start, end)
    data = documents.posting_table_xlsx(org, start, end, rows)
    return download_response(data, f"{org.name}{year}年第{q}季度积分公示表.xlsx", MIME["xlsx"])


@login_required
def point_card(request, pk):
    member = get_for_user(PartyMember.objects.select_related("person", "organisation"),
                          request.user, pk)
    year = id_or_none(request.GET.get("year")) or today().year
    entries = PointEntry.objects.filter(member=member, scheme__year=year).select_related(
        "item").order_by("occurred_on", "pk")
    data = documents.point_card_docx(member, year, entries)
    return download_response(data, f"{member.person.name}{year}年党员积分登记卡.docx",
                             MIME["docx"])
