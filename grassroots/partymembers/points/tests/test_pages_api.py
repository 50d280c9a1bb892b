"""The member's phone page and API (entries at once, dispute), the branch's table with its
worklist, the statistics page, the two documents; outsiders get 404."""

import io
from datetime import date

import pytest
from docx import Document
from openpyxl import load_workbook

from grassroots.partymembers.records.tests.helpers import on

from .. import services
from ..models import EntryStatus, PointEntry
from .helpers import YEAR, meeting, members_of, published

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(tree):
    scheme = published(tree)
    own = tree.member_record
    meeting(tree.branch_p1, date(YEAR, 5, 8), present=[own])
    with on(date(YEAR, 6, 2)):
        services.points_nightly(date(YEAR, 5, 1))
        proposed = services.entry_propose(actor=tree.park_officer, member=own,
                                          item=scheme.items.get(code="OT-01"),
                                          occurred_on=date(YEAR, 6, 1), evidence="完成走访")
    return tree, scheme, own, proposed


def test_my_points_on_a_phone_and_the_dispute(world, client):
    tree, scheme, own, proposed = world
    client.force_login(tree.member)
    with on(date(YEAR, 6, 3)):
        page = client.get("/party/points/mine/")
        html = page.content.decode()
        assert page.status_code == 200 and html.count('data-testid="my-entry"') == 2
        assert "参加主题党日" in html and "完成走访" in html
        r = client.post(f"/party/points/mine/{proposed.pk}/dispute/", {"reason": "时间不对"})
        assert r.status_code == 302
        assert PointEntry.objects.get(pk=proposed.pk).status == EntryStatus.DISPUTED
        # someone else's entry: 404, like a missing one
        other = members_of(tree.branch_a1)[0]
        services.entry_propose(actor=tree.branch_secretary, member=other,
                               item=scheme.items.get(code="OT-01"),
                               occurred_on=date(YEAR, 6, 1), evidence="任务")
        theirs = PointEntry.objects.get(member=other)
        assert client.post(f"/party/points/mine/{theirs.pk}/dispute/",
                           {"reason": "别人"}).status_code == 404
        assert client.post(f"/api/v1/party/points/entries/{theirs.pk}/dispute",
                           {"reason": "别人的"}, content_type="application/json"
                           ).status_code == 404


def test_api_mine_and_dispute(world, client):
    tree, scheme, own, proposed = world
    client.force_login(tree.member)
    with on(date(YEAR, 6, 3)):
        data = client.get(f"/api/v1/party/points/mine?year={YEAR}").json()
        assert data["scheme"] == scheme.title and len(data["entries"]) == 2
        assert float(data["daily"]) == 1.0
        r = client.post(f"/api/v1/party/points/entries/{proposed.pk}/dispute",
                        {"reason": "不是我做的"}, content_type="application/json")
        assert r.status_code == 200 and r.json()["status"] == "disputed"
        r = client.post(f"/api/v1/party/points/entries/{proposed.pk}/dispute",
                        {"reason": "再次提出"}, content_type="application/json")
        assert r.status_code == 409


def test_branch_table_worklist_and_quarter_api(world, client):
    tree, scheme, own, proposed = world
    client.force_login(tree.park_officer)
    with on(date(YEAR, 6, 3)):
        html = client.get(f"/party/points/?org={tree.branch_p1.pk}&year={YEAR}&q=2"
                          ).content.decode()
        assert 'data-testid="pending-entry"' in html and own.person.name in html
        r = client.post(f"/party/points/entries/{proposed.pk}/act/", {"op": "confirm"})
        assert r.status_code == 302
        assert PointEntry.objects.get(pk=proposed.pk).status == EntryStatus.CONFIRMED
        data = client.get(f"/api/v1/party/points/branches/{tree.branch_p1.pk}/quarter"
                          f"?year={YEAR}&quarter=2").json()
        top = data["rows"][0]
        assert (top["name"], float(top["total"]), top["rank"]) == (own.person.name, 3.0, 1)
        assert client.get(f"/api/v1/party/points/branches/{tree.branch_a1.pk}/quarter"
                          ).status_code == 404
    client.force_login(tree.member)  # a member: no branch table
    assert client.get(f"/api/v1/party/points/branches/{tree.branch_p1.pk}/quarter"
                      ).status_code in (403, 404)


def test_documents_and_statistics(world, client):
    tree, scheme, own, proposed = world
    client.force_login(tree.org_dept)
    with on(date(YEAR, 6, 3)):
        r = client.get(f"/party/points/orgs/{tree.branch_p1.pk}/posting.xlsx?year={YEAR}&q=2")
        ws = load_workbook(io.BytesIO(r.content)).active
        rows = list(ws.values)
        assert rows[1][:2] == ("排名", "姓名") and rows[2][1] == own.person.name
        r = client.get(f"/party/points/members/{own.pk}/card.docx?year={YEAR}")
        text = "\n".join(c.text for t in Document(io.BytesIO(r.content)).tables
                         for row in t.rows for c in row.cells)
        assert "参加主题党日" in text and "完成走访" in text
        html = client.get(f"/party/points/stats/?year={YEAR}&q=2").content.decode()
        assert 'data-testid="participation"' in html and tree.park.name in html
    client.force_login(tree.member)
    assert client.get(f"/party/points/members/{members_of(tree.branch_a1)[0].pk}/card.docx"
                      ).status_code == 404
    assert client.get("/party/points/stats/").status_code in (403, 404)
