"""The demo step builds a plausible party tree quickly and within the services' rules."""


import pytest

from grassroots.demo import registry
from grassroots.demo.registry import TINY, SeedContext
from grassroots.people.models import User

from ..demo import party_counts, seed_party
from ..models import MemberStatus, OrgKind, PartyMember, PartyOrganisation, SpecialKind
from ..services.checks import ALLOWED_PARENTS

pytestmark = pytest.mark.django_db


@pytest.fixture
def tiny_county():
    registry.discover()
    ctx = SeedContext(scale=TINY, progress=False)
    for step in registry.steps():
        if step.name in ("places", "orgs", "teams", "logins"):
            step.func(ctx)
    return ctx


def test_tree_shape_logins_and_counts(tiny_county, client):
    counts = seed_party(tiny_county)
    assert counts["party_orgs"] == party_counts()["party_orgs"] > 10
    towns = PartyOrganisation.objects.filter(kind=OrgKind.BASE_COMMITTEE, base_type="town")
    assert towns.count() == 2
    for town in towns:
        assert town.children.filter(special_kind=SpecialKind.EIGHTH_BRANCH).count() == 1
    assert PartyOrganisation.objects.filter(special_kind=SpecialKind.PARK).count() == 2
    # the two-new sector at every scale: S3's 59 two-new demonstration sites are named from it
    two_new = PartyOrganisation.objects.filter(field="two_new")
    assert two_new.count() >= 80
    assert two_new.filter(kind=OrgKind.BASE_COMMITTEE).count() == 3  # 2 parks + social orgs
    assert two_new.values("name").distinct().count() == two_new.count()
    assert PartyOrganisation.objects.filter(special_kind=SpecialKind.MOBILE_MEMBERS).exists()
    assert PartyOrganisation.objects.filter(special_kind=SpecialKind.RETIREES).exists()
    # Every organisation stands where the services would have put it; paths are right.
    for org in PartyOrganisation.objects.select_related("parent"):
        if org.parent:
            assert org.parent.kind in ALLOWED_PARENTS[org.kind]
            assert org.path == f"{org.parent.path}{org.pk}/"
        if org.has_committee and org.is_branch:
            full = org.members.filter(status=MemberStatus.FULL).count()
            assert full >= 7
        if org.secretary_id and org.is_branch:
            assert PartyMember.objects.get(person_id=org.secretary_id).organisation_id == org.pk
    assert party_counts()["party_terms_due_soon"] >= 0
    # The demo logins see what their role should.
    for username, expected in (("org_dept", PartyOrganisation.objects.count()),
                               ("party_officer", None), ("party_secretary", 1)):
        client.force_login(User.objects.get(username=username))
        data = client.get("/api/v1/party-orgs").json()
        if expected is not None:
            assert len(data) == expected
        else:
            assert data and all(o["name"] != "中共金乡县委员会" for o in data)
