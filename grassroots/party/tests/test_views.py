"""The pages: scope (404 for out of scope), masked PII, forms writing through the services."""

from datetime import date, timedelta

from django.utils import timezone

from grassroots.core.models import Event

from .. import services
from ..models import PartyMember
from ..services.checks import add_years


def login(client, user):
    client.force_login(user)
    return client


def test_tree_counts_and_term_due_in_red(client, tree):
    services.term_renew(actor=tree.org_dept, org=tree.branch_b1,
                        elected_on=add_years(timezone.localdate(), -5) + timedelta(days=30),
                        has_committee=False)  # rural: 5 years → due within 90 days
    login(client, tree.org_dept)
    body = client.get("/party/").content.decode()
    assert tree.branch_b1.name in body and tree.park.name in body
    assert 'data-testid="term-due"' in body
    due = client.get("/party/?due=1").content.decode()
    assert tree.branch_b1.name in due and tree.branch_a1.name not in due


def test_town_officer_tree_and_404_outside(client, tree):
    login(client, tree.town_officer)
    body = client.get("/party/").content.decode()
    assert tree.branch_a1.name in body and tree.branch_b1.name not in body
    assert client.get(f"/party/orgs/{tree.branch_b1.pk}/").status_code == 404
    assert client.get(f"/party/orgs/{tree.branch_a1.pk}/").status_code == 200


def test_detail_masks_id_numbers_and_phones(client, tree):
    member = PartyMember.objects.filter(organisation=tree.branch_a1).select_related("person")[0]
    member.person.set_id_number("370828199001011234")
    member.person.save()
    login(client, tree.branch_secretary)
    body = client.get(f"/party/orgs/{tree.branch_a1.pk}/").content.decode()
    assert member.person.name in body
    assert "370828199001011234" not in body and member.person.id_number_masked in body
    assert member.person.phone not in body


def test_member_sees_only_himself(client, tree):
    login(client, tree.member)
    body = client.get(f"/party/orgs/{tree.branch_p1.pk}/").content.decode()
    assert "园区党员" in body
    others = PartyMember.objects.filter(organisation=tree.branch_p1).exclude(
        person__user=tree.member)
    assert all(m.person.name not in body for m in others)
    assert client.get("/party/orgs/new/").status_code == 403


def test_outsider_role_gets_404(client, tree, county):
    login(client, county.handler)
    assert client.get("/party/").status_code == 404
    assert client.get(f"/party/orgs/{tree.branch_a1.pk}/").status_code == 404


def test_member_add_form_writes_through_the_service(client, tree):
    login(client, tree.town_officer)
    assert client.get(f"/party/orgs/{tree.branch_a1.pk}/members/new/").status_code == 200
    data = {"name": "新党员", "gender": "女", "id_number": "", "phone": "13900001111",
            "status": "probationary", "joined_on": "2026-01-05", "full_on": ""}
    response = client.post(f"/party/orgs/{tree.branch_a1.pk}/members/new/", data)
    assert response.status_code == 302
    member = PartyMember.objects.get(person__name="新党员")
    assert member.organisation == tree.branch_a1 and member.joined_on == date(2026, 1, 5)
    assert member.person.phone_masked == "139****1111"


def test_member_add_refusal_writes_nothing(client, tree):
    login(client, tree.town_officer)
    before = (Event.objects.count(), PartyMember.objects.count())
    response = client.post(f"/party/orgs/{tree.branch_a1.pk}/members/new/", {
        "name": "新党员", "gender": "男", "status": "full", "joined_on": "2020-01-05",
        "full_on": ""})
    assert response.status_code == 400
    assert "正式党员请填写转正日期。" in response.content.decode()
    assert (Event.objects.count(), PartyMember.objects.count()) == before


def test_secretary_may_not_post_changes(client, tree):
    login(client, tree.branch_secretary)
    response = client.post(f"/party/orgs/{tree.branch_a1.pk}/term/",
                           {"elected_on": "2025-01-01"})
    assert response.status_code == 403
