"""Intake pages: the secretary's visit form and the staff phone intake."""

import pytest

from grassroots.core.models import Event
from grassroots.demands.models import Demand, DemandStatus

from .pagekit import events_of, html, photo

VISIT, PHONE = "/visit/new/", "/phone/new/"


def visit_data(county, **kw):
    data = {"grid": county.grid_a.pk, "type": "help", "title": "村口路灯不亮",
            "text": "村口三盏路灯坏了一个月，晚上出行不便。", "address": "金城社区东门"}
    data.update(kw)
    return data


def test_secretary_sees_only_own_grids(client, county):
    client.force_login(county.secretary)
    r = client.get(VISIT)
    assert r.status_code == 200
    body = html(r)
    assert county.grid_a.name in body and county.grid_b.name not in body
    assert 'accept="image/*" capture="environment"' in body
    assert 'data-reveal="on-spot"' in body and "现场处理情况" in body


def test_visit_creates_demand_and_shows_tracking_number(client, county):
    client.force_login(county.secretary)
    r = client.post(VISIT, {**visit_data(county), "photos": [photo()]})
    assert r.status_code == 200
    demand = Demand.objects.get()
    assert f'data-testid="tracking-number">{demand.number}<' in html(r)
    assert demand.channel == "visit" and demand.grid == county.grid_a
    assert demand.status == DemandStatus.RECEIVED and demand.attachments.count() == 1
    assert events_of(demand, "create").exists()


def test_visit_solved_on_the_spot(client, county):
    client.force_login(county.secretary)
    r = client.post(VISIT, visit_data(county, solved_on_spot="1", on_spot_note=""))
    assert r.status_code == 400 and "登记现场解决时，请写明现场是怎么解决的。" in html(r)
    assert not Demand.objects.exists()
    r = client.post(VISIT, visit_data(county, solved_on_spot="1",
                                      on_spot_note="已联系电工当场更换灯泡。"))
    assert r.status_code == 200 and "已登记为现场解决。" in html(r)
    assert Demand.objects.get().status == DemandStatus.CLOSED


def test_visit_field_error_next_to_field_and_nothing_written(client, county):
    client.force_login(county.secretary)
    before = Event.objects.count()
    r = client.post(VISIT, visit_data(county, title="灯"))
    assert r.status_code == 400
    part = html(r).split('name="title"')[1].split("</label>")[0]
    assert "请填写诉求标题（至少2个字）。" in part
    r = client.post(VISIT, visit_data(county, text="坏了"))
    body = html(r)
    part = body.split('name="text"')[1].split("</label>")[0]
    assert "请把诉求内容写清楚（至少5个字）。" in part
    assert not Demand.objects.exists() and Event.objects.count() == before


def test_visit_bad_photo_writes_nothing(client, county):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(county.secretary)
    fake = SimpleUploadedFile("x.jpg", b"not an image", content_type="image/jpeg")
    r = client.post(VISIT, {**visit_data(county), "photos": [fake]})
    assert r.status_code == 400
    assert "文件“x.jpg”不是有效的图片，只能上传JPG、PNG、WEBP或GIF照片。" in html(r)
    assert not Demand.objects.exists()


def test_visit_other_grid_is_refused(client, county):
    client.force_login(county.secretary)
    r = client.post(VISIT, visit_data(county, grid=county.grid_b.pk))
    assert r.status_code == 400 and "只能选择自己负责的网格。" in html(r)
    assert not Demand.objects.exists()


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
    assert r.status_code == 200
    demand = Demand.objects.get()
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
    assert "电话受理请填写来电人手机号。" in html(r)
    assert not Demand.objects.exists()


@pytest.mark.parametrize("who", ["handler", "secretary", "citizen", "viewer"])
def test_phone_intake_refused(client, county, who):
    client.force_login(getattr(county, who))
    assert client.get(PHONE).status_code == 403
