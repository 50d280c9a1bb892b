"""Intake pages: the staff phone intake, and the old visit address."""

import pytest

from grassroots.demands.models import Demand

from .pagekit import html

VISIT, PHONE = "/visit/new/", "/phone/new/"


def visit_data(county, **kw):
    data = {"grid": county.grid_a.pk, "type": "help", "title": "村口路灯不亮",
            "text": "村口三盏路灯坏了一个月，晚上出行不便。", "address": "金城社区东门"}
    data.update(kw)
    return data


@pytest.mark.parametrize("who", ["secretary", "town_staff", "admin"])
def test_old_visit_address_leads_to_the_grid_visit_form(client, county, who):
    # A visit and its demands are recorded on the grid-work form (a Visit row for coverage).
    client.force_login(getattr(county, who))
    r = client.get(VISIT)
    assert r.status_code == 302 and r["Location"] == "/grid/visits/new/"
    r = client.get(f"{VISIT}?grid={county.grid_a.pk}")
    assert r["Location"] == f"/grid/visits/new/?grid={county.grid_a.pk}"
    assert client.get(VISIT, follow=True).status_code == 200
    r = client.post(VISIT, visit_data(county))  # a stale form: nothing half-recorded
    assert r.status_code == 302 and not Demand.objects.exists()


@pytest.mark.parametrize("who", ["handler", "citizen", "dispatcher"])
def test_visit_form_refused_to_others(client, county, who):
    client.force_login(getattr(county, who))
    assert client.get(VISIT).status_code == 403


def test_phone_intake_by_dispatcher(client, county, categories):
    client.force_login(county.dispatcher)
    r = client.get(PHONE)
    assert r.status_code == 200
    body = html(r)
    assert '<optgroup label="城乡建设 / 供水">' in body
    assert f'<option value="{categories["pressure"].pk}">水压低</option>' in body
    assert "金乡街道（全镇街）" in body
    r = client.post(PHONE, {
        "citizen_name": "赵先生", "citizen_phone": "13912345678", "type": "help",
        "grade": "urgent", "category": categories["pressure"].pk,
        "division": county.village_a.pk, "address": "3号楼", "title": "水压低",
        "text": "三号楼水压很低，楼上用不上水。"})
    demand = Demand.objects.get()
    assert r.status_code == 302 and r["Location"] == f"{PHONE}?created={demand.pk}"
    r = client.get(r["Location"])
    assert demand.channel == "phone" and demand.grade == "urgent"
    assert demand.town == county.town_a and demand.citizen.phone_masked == "139****5678"
    assert demand.number in html(r)


def test_phone_intake_errors(client, county):
    client.force_login(county.town_staff)
    r = client.post(PHONE, {"citizen_phone": "12345", "type": "help", "grade": "normal",
                            "title": "水压低", "text": "三号楼水压很低。"})
    assert r.status_code == 400
    part = html(r).split('name="citizen_phone"')[1].split("</label>")[0]
    assert "手机号格式不正确，应为11位手机号码。" in part
    r = client.post(PHONE, {"type": "help", "grade": "normal", "title": "水压低",
                            "text": "三号楼水压很低。"})
    # the form accepts it, the service refuses: its message at its field, nothing written
    assert r.status_code == 400
    part = html(r).split('name="citizen_phone"')[1].split("</label>")[0]
    assert "电话受理请填写来电人手机号。" in part
    assert not Demand.objects.exists()
    # several mistakes are all reported by one submit, each at its field
    r = client.post(PHONE, {"citizen_phone": "12345", "type": "help", "grade": "normal",
                            "title": "水", "text": "低"})
    page = html(r)
    assert r.status_code == 400
    assert "请填写诉求标题（至少2个字）。" in page.split('name="title"')[1].split("</label>")[0]
    assert "请把诉求内容写清楚" in page and "手机号格式不正确" in page
    assert not Demand.objects.exists()


@pytest.mark.parametrize("who", ["handler", "secretary", "citizen", "viewer"])
def test_phone_intake_refused(client, county, who):
    client.force_login(getattr(county, who))
    assert client.get(PHONE).status_code == 403
