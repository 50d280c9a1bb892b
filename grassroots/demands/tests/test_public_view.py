"""One public definition of a demand (timeline and attachments) for the citizen's pages and the
citizen's API: the same entries in both, none of the internal ones."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from grassroots.demands import selectors
from grassroots.demands.models import DemandType
from grassroots.demands.services import (
    assignment_acknowledge,
    assignment_add_note,
    assignment_reply,
    demand_dispatch,
    demand_submit_by_citizen,
)
from grassroots.integrations.services.tokens import api_token_create

pytestmark = pytest.mark.django_db

DISPATCH_NOTE = "内部：该户多次重复反映，注意口径"
SITE_NOTE = "内部核实：系户主私接管道所致"
REPLY = "已更换加压泵，水压恢复正常。"
STAFF_NAMES = ("水务承办人", "t_handler", "派单员", "t_dispatcher")


def png(name):
    buf = io.BytesIO()
    Image.new("RGB", (4, 4), (10, 10, 200)).save(buf, "PNG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/png")


@pytest.fixture
def handled(county, categories):
    demand = demand_submit_by_citizen(
        actor=county.citizen, type=DemandType.HELP, title="小区水压低",
        text="金城社区3号楼水压很低，楼上用不上水。", category=categories["pressure"],
        division=county.village_a, photos=[png("citizen.png")])
    [asg] = demand_dispatch(actor=county.dispatcher, demand=demand, lead_unit=county.water,
                            note=DISPATCH_NOTE)
    assignment_acknowledge(actor=county.handler, assignment=asg)
    assignment_add_note(actor=county.handler, assignment=asg, kind="verification",
                        text=SITE_NOTE, photos=[png("site.png")])
    assignment_reply(actor=county.handler, assignment=asg, outcome="resolved", text=REPLY)
    demand.refresh_from_db()
    return demand


def citizen_api(client, county, demand):
    token = api_token_create(actor=county.admin, name="群众令牌", user=county.citizen)[1]
    response = client.get(f"/api/v1/demands/{demand.pk}", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    return response.json()


def test_api_and_page_show_the_same_public_entries_and_nothing_internal(client, county, handled):
    body = citizen_api(client, county, handled)
    client.force_login(county.citizen)
    page = client.get(f"/my/demands/{handled.pk}/").content.decode()
    rows = selectors.public_timeline(handled, viewer=county.citizen)
    assert [(e["action"], e["actor"], e["note"]) for e in body["timeline"]] == [
        (r["action"], r["actor_name"], r["note"]) for r in rows]
    assert all(e["subject"] == "demand" for e in body["timeline"])
    for r in rows:
        assert r["label"] in page
    api_text = json.dumps(body, ensure_ascii=False)
    for internal in (DISPATCH_NOTE, SITE_NOTE, *STAFF_NAMES):
        assert internal not in api_text, internal
        assert internal not in page, internal
    assert body["assignments"] == []
    assert REPLY in api_text and REPLY in page


def test_api_and_page_list_the_same_public_photos(client, county, handled):
    body = citizen_api(client, county, handled)
    public = list(selectors.public_attachments(handled))
    assert [a["id"] for a in body["attachments"]] == [a.pk for a in public]
    assert [a["stage"] for a in body["attachments"]] == ["intake"]
    client.force_login(county.citizen)
    page = client.get(f"/my/demands/{handled.pk}/").content.decode()
    for a in public:
        assert f"/demands/{handled.pk}/attachments/{a.pk}/" in page
    internal = handled.attachments.get(assignment__isnull=False)
    assert f"/attachments/{internal.pk}/" not in page
    # The internal note photo is not served to the citizen, though the demand is theirs.
    assert client.get(f"/demands/{handled.pk}/attachments/{internal.pk}/").status_code == 404
    assert client.get(f"/demands/{handled.pk}/attachments/{public[0].pk}/").status_code == 200


def test_staff_api_keeps_the_full_record(client, county, handled):
    token = api_token_create(actor=county.admin, name="派单令牌", user=county.dispatcher)[1]
    body = client.get(f"/api/v1/demands/{handled.pk}",
                      HTTP_AUTHORIZATION=f"Bearer {token}").json()
    text = json.dumps(body, ensure_ascii=False)
    assert DISPATCH_NOTE in text and SITE_NOTE in text
    assert len(body["attachments"]) == 2 and len(body["assignments"]) == 1
