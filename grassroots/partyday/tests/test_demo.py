"""The demo step at tiny scale: the demonstration sites come out at the county's numbers
(59 two-new at every scale; village sites capped by the tiny county's 4 village branches), and
the bulk-inserted parts at theirs (15 county-staff person-times, 63 lectures)."""

import pytest

from grassroots.demo import registry
from grassroots.demo.registry import TINY, SeedContext
from grassroots.party.models import OrgField, PartyOrganisation, SpecialKind
from grassroots.people.models import User

from .. import demo
from ..models import DemonstrationSite, Invitation, InviteeKind, SiteKind, ThemePartyDay

pytestmark = pytest.mark.django_db


@pytest.fixture
def tiny_meetings():
    registry.discover()
    ctx = SeedContext(scale=TINY, progress=False)
    for step in registry.steps():
        if step.name in ("places", "orgs", "teams", "logins", "party", "meetings"):
            step.func(ctx)
    return ctx


def test_step_counts_at_tiny_scale(tiny_meetings):
    ctx = tiny_meetings
    two_new = PartyOrganisation.objects.filter(field=OrgField.TWO_NEW, is_active=True).count()
    assert two_new >= 80  # the pool: the parks' and social organisations' committees
    village_pool = demo._village_branches().filter(special_kind=SpecialKind.NONE).count()
    assert village_pool == 4  # 1 community + 3 villages

    rng = ctx.rng("partyday")
    actor = User.objects.get(username="org_dept")
    days = demo._link_days()
    assert len(days) == ThemePartyDay.objects.count() > 12 * 20
    reps = demo._representatives(ctx, rng)
    demo._invitations(rng, days, reps)
    demo._lectures(rng, days)
    made = demo._sites(rng, actor)
    assert made == {SiteKind.VILLAGE: village_pool, SiteKind.TWO_NEW: demo.SITES_TWO_NEW}

    counts = demo.partyday_counts()
    assert counts["partyday_sites_two_new"] == 59
    assert counts["partyday_sites_village"] == village_pool
    assert counts["partyday_county_attendances"] == 15
    assert counts["partyday_lectures"] == 63
    assert counts["partyday_meetings"] == len(days)
    # every two-new site is a two-new organisation, every village site a village branch
    assert not DemonstrationSite.objects.filter(kind=SiteKind.TWO_NEW).exclude(
        org__field=OrgField.TWO_NEW).exists()
    assert not DemonstrationSite.objects.filter(kind=SiteKind.VILLAGE).exclude(
        org__field__in=demo.VILLAGE_FIELDS).exists()
    # county staff sit only at the town secretaries' branches
    assert not Invitation.objects.filter(kind=InviteeKind.COUNTY_STAFF).exclude(
        theme_day__is_town_secretary_branch=True).exists()
