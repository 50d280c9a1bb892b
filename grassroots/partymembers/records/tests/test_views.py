"""Pages and API: a member sees his own profile (masked) and nobody else's; the roster marks
disposal candidates; a transfer issued on one page is accepted on another and the member
moves; the letter downloads as .docx and PDF."""

from datetime import date

from grassroots.core.files import MIME
from grassroots.party.models import PartyMember

from .. import services
from ..models import Transfer, TransferStatus
from .helpers import members_of


def test_member_sees_his_own_profile_masked_and_not_another(client, tree):
    me = tree.member_record
    me.person.set_id_number("370828199001011234")
    me.person.save()
    client.force_login(tree.member)
    page = client.get(f"/party/members/{me.pk}/profile/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "370828199001011234" not in html
    assert me.person.id_number_masked in html
    assert 'name="viewport"' in html  # the site base, usable on a phone
    assert "变动记录" not in html  # the history and actions are for officers
    other = members_of(tree.branch_p1)[0]
    assert client.get(f"/party/members/{other.pk}/profile/").status_code == 404
    assert client.get(f"/party/branches/{tree.branch_p1.pk}/roster/").status_code == 404


def test_roster_marks_candidates_and_exports(client, tree):
    client.force_login(tree.branch_secretary)
    page = client.get(f"/party/branches/{tree.branch_a1.pk}/roster/")
    assert page.status_code == 200
    # nobody in the test branch ever attended a meeting: all are candidates (C15)
    assert page.content.decode().count('data-testid="candidate"') == len(
        members_of(tree.branch_a1))
    export = client.get(f"/party/branches/{tree.branch_a1.pk}/roster/?format=xlsx")
    assert export["Content-Type"] == MIME["xlsx"]
    assert client.get(f"/party/branches/{tree.branch_b1.pk}/roster/").status_code == 404


def test_transfer_issued_by_one_secretary_and_accepted_by_the_receiving_side(client, tree):
    member = members_of(tree.branch_a1)[0]
    client.force_login(tree.branch_secretary)
    response = client.post(f"/party/members/{member.pk}/do/transfer/", {
        "to_org": tree.branch_b1.pk, "reason": "工作调动", "valid_months": 3})
    transfer = Transfer.objects.get(member=member)
    assert response.status_code == 302 and response["Location"] == f"/party/transfers/{transfer.pk}/"
    assert PartyMember.objects.get(pk=member.pk).organisation_id == tree.branch_a1.pk
    docx = client.get(f"/party/transfers/{transfer.pk}/letter.docx")
    assert docx["Content-Type"] == MIME["docx"] and docx.content[:2] == b"PK"
    pdf = client.get(f"/party/transfers/{transfer.pk}/letter.pdf")
    assert pdf.content[:4] == b"%PDF"
    # the sending secretary is offered cancel, not accept
    page = client.get(f"/party/transfers/{transfer.pk}/").content.decode()
    assert 'data-testid="transfer-cancel"' in page and 'data-testid="transfer-accept"' not in page
    assert client.post(f"/party/transfers/{transfer.pk}/do/accept/").status_code == 403
    client.force_login(tree.org_dept)
    client.post(f"/party/transfers/{transfer.pk}/do/accept/")
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.ACCEPTED
    assert PartyMember.objects.get(pk=member.pk).organisation_id == tree.branch_b1.pk


def test_api_lists_members_masked_with_counters(client, tree):
    client.force_login(tree.branch_secretary)
    rows = client.get("/api/v1/party/members").json()
    assert {r["organisation_id"] for r in rows} == {tree.branch_a1.pk}
    assert all("months_without_org_life" in r and "id_number" not in r for r in rows)
    member = members_of(tree.branch_a1)[0]
    services.member_category_set(actor=tree.branch_secretary, member=member, category="student")
    services.dues_bills_issue(actor=tree.branch_secretary, org=tree.branch_a1,
                              month=date.today().replace(day=1))
    dues = client.get(f"/api/v1/party/members/{member.pk}/dues").json()
    assert dues[0]["amount"] == "0.20"
    other = members_of(tree.branch_b1)[0]
    assert client.get(f"/api/v1/party/members/{other.pk}").status_code == 404
    bad = client.get("/api/v1/party/transfers?status=nope")
    assert bad.status_code == 400
