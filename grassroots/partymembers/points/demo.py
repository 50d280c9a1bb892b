"""Demo county: the points sub-area's step (imported by partymembers/demo.py), S2 §4.11: a
published scheme for the demo's current year with the 4 fields × 5 aspects, the automatic
entries of every month so far from the demo's meetings, dues and S1 data (the real nightly
service), a few manual entries with a dispute, and one posted quarter (most branches post; the
rest show as missing in the posting compliance)."""

from __future__ import annotations

from datetime import date

from grassroots.demo.registry import SeedContext, register_step
from grassroots.demo.summary import register_counts
from grassroots.party.models import BRANCH_KINDS, PartyMember, PartyOrganisation
from grassroots.people.models import User

from . import services
from .models import EntryStatus, PointEntry, PointsPosting, PointsScheme, SchemeStatus
from .services.common import quarter_bounds, today

POSTING_SHARE = 0.85  # the branches that post the quarter (the rest: compliance < 100 %)


def _actor():
    user = User.objects.filter(username="org_dept").first()
    return user or User.objects.filter(is_superuser=True).order_by("pk").first()


def _posted_quarter(now: date) -> tuple[date, date]:
    """The last complete quarter of this year, or the current one in the first quarter."""
    start, _end = quarter_bounds(now)
    if start.month == 1:
        return quarter_bounds(now)
    return quarter_bounds(date(now.year, start.month - 3, 1))


def seed_points(ctx: SeedContext) -> dict[str, int]:
    actor, now = _actor(), today()
    rng = ctx.rng("points")
    scheme = PointsScheme.objects.filter(year=now.year).first()
    if scheme is None:
        scheme = services.scheme_create(actor=actor, year=now.year)
    if scheme.status == SchemeStatus.DRAFT:
        scheme = services.scheme_publish(actor=actor, scheme=scheme)
    for month in range(1, now.month + 1):
        services.points_nightly(date(now.year, month, 1), actor=actor)
    # A few manual entries (organisational tasks, commendations), one disputed.
    if not PointEntry.objects.filter(scheme=scheme, source_kind="manual").exists():
        members = list(PartyMember.objects.filter(is_active=True, status__in=("full",))
                       .select_related("organisation").order_by("pk")[:400])
        items = {i.code: i for i in scheme.items.filter(code__in=("OT-01", "DC-01", "DC-03"))}
        for member in rng.sample(members, min(40, len(members))):
            item = items[rng.choice(sorted(items))]
            day = date(now.year, rng.randint(1, now.month), 1)
            entry = services.entry_propose(actor=actor, member=member, item=item,
                                           occurred_on=min(day, now), evidence="支部记录在案")
            if rng.random() < 0.8:
                services.entry_confirm(actor=actor, entry=entry)
    start, end = _posted_quarter(now)
    if not PointsPosting.objects.filter(scheme=scheme, period_start=start).exists():
        branches = list(PartyOrganisation.objects.filter(
            kind__in=BRANCH_KINDS, is_active=True, members__is_active=True).distinct()
            .order_by("pk"))
        for org in branches:
            if rng.random() < POSTING_SHARE:
                services.posting_publish(actor=actor, scheme=scheme, organisation=org,
                                         start=start, end=end, contact_phone="0537-8721234")
    return points_counts()


def points_counts() -> dict[str, int]:
    return {
        "party_points_entries": PointEntry.objects.exclude(status=EntryStatus.VOIDED).count(),
        "party_points_postings": PointsPosting.objects.count(),
    }


register_counts(points_counts, labels={"party_points_entries": "党员积分记录",
                                       "party_points_postings": "支部积分公示"})
register_step("party_points", seed_points, order=770, label="党员分类亮化记分")
