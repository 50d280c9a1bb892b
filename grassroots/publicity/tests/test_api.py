import pytest

from grassroots.publicity import services
from grassroots.publicity.transitions import Action

from .test_publicity import TEXT, make

pytestmark = pytest.mark.django_db


def test_in_force_list_is_public_and_shows_no_submitter(county, client):
    p = make(county)
    draft = make(county, title="尚未发布的草稿公示", publish=False)
    services.objection_receive(actor=None, publicity=p, content=TEXT,
                               submitter_contact="13905371111")
    response = client.get("/api/v1/publicities/in-force")
    assert response.status_code == 200
    rows = response.json()
    assert [r["id"] for r in rows] == [p.pk]
    assert rows[0]["published_fields"][0] == {"key": "a", "label": "姓名", "value": "张明"}
    assert rows[0]["end_on"] == f"{p.end_on:%Y-%m-%d}" and "status" not in rows[0]
    body = response.content.decode()
    assert "13905371111" not in body and draft.title not in body


def test_scoped_list_and_detail_with_masked_contact(county, client):
    p = make(county)
    services.objection_receive(actor=None, publicity=p, content=TEXT,
                               submitter_contact="13905371111")
    other = make(county, title="另一项拟表彰公示")
    services.publicity_transition(actor=county.town_staff, publicity=other,
                                  action=Action.WITHDRAW, note="人选调整")
    assert client.get("/api/v1/publicities").status_code == 401
    client.force_login(county.town_staff)
    assert {r["status"] for r in client.get("/api/v1/publicities").json()} == {
        "published", "withdrawn"}
    assert [r["id"] for r in client.get("/api/v1/publicities?status=withdrawn").json()] == [
        other.pk]
    bad = client.get("/api/v1/publicities?status=nope")
    assert bad.status_code == 400 and bad.json()["error"]["fields"]["status"]
    detail = client.get(f"/api/v1/publicities/{p.pk}").json()
    assert detail["open_objections"] == 1
    assert detail["objections"][0]["submitter_contact_masked"] == "139****1111"
    assert "13905371111" not in str(detail)
    client.force_login(county.outsider)
    assert client.get("/api/v1/publicities").json() == []
    assert client.get(f"/api/v1/publicities/{p.pk}").status_code == 404
