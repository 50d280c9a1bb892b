from datetime import date

import pytest

from grassroots.core.models import Event
from grassroots.publicity import services
from grassroots.publicity.home import home_items
from grassroots.publicity.models import Objection, PublicityStatus
from grassroots.publicity.transitions import Action

from .test_publicity import TEXT, at, make

pytestmark = pytest.mark.django_db
KEY = "k" * 20


def test_public_page_shows_only_publicities_in_force(county, client):
    in_force = make(county, title="拟发展对象公示（在公示期内）")
    make(county, title="尚未发布的草稿公示", publish=False)
    withdrawn = make(county, title="已撤回的公示内容")
    services.publicity_transition(actor=county.town_staff, publicity=withdrawn,
                                  action=Action.WITHDRAW, note="人选调整")
    with at(date(2026, 9, 28)):
        make(county, title="已经期满的往期公示", start_on=date(2026, 9, 29))
    html = client.get("/publicity/").content.decode()
    assert in_force.title in html and "张明" in html and "0537-8721234" in html
    for hidden in ("尚未发布的草稿公示", "已撤回的公示内容", "已经期满的往期公示"):
        assert hidden not in html
    assert f"/publicity/{in_force.pk}/object/" in html


def test_public_page_never_shows_the_submitter(county, client):
    p = make(county)
    services.objection_receive(actor=None, publicity=p, content=TEXT, submitter_name="李群众",
                               submitter_contact="13905371111")
    html = client.get("/publicity/").content.decode()
    assert "李群众" not in html and "13905371111" not in html and TEXT not in html
    # Staff see the contact masked, never in clear.
    client.force_login(county.town_staff)
    html = client.get(f"/publicity/manage/{p.pk}/").content.decode()
    assert "139****1111" in html and "13905371111" not in html


def test_anonymous_objection_form_gives_a_receipt_once(county, client):
    p = make(county)
    data = {"content": TEXT, "entry_key": "a", "idempotency_key": KEY}
    response = client.post(f"/publicity/{p.pk}/object/", data, follow=True)
    assert response.status_code == 200
    objection = Objection.objects.get()
    assert f"回执编号：{objection.receipt}" in response.content.decode()
    assert (objection.channel, objection.entry_key, objection.submitted_by) == ("online", "a", None)
    events = Event.objects.count()
    again = client.post(f"/publicity/{p.pk}/object/", data, follow=True)  # a double submit
    assert f"回执编号：{objection.receipt}" in again.content.decode()
    assert Objection.objects.count() == 1 and Event.objects.count() == events


@pytest.mark.parametrize(("data", "message"), [
    ({"content": ""}, "请写明异议的具体事实（至少10个字）。"),
    ({"content": "不同意"}, "请写明异议的具体事实（至少10个字）。"),
    ({"content": TEXT, "submitter_contact": "abc"}, "请填写正确的联系电话，或留空。"),
    ({"content": TEXT, "entry_key": "nope"}, "只能对公示名单中的人选提出异议。"),
])
def test_objection_form_errors(county, client, data, message):
    p = make(county)
    events = Event.objects.count()
    response = client.post(f"/publicity/{p.pk}/object/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Objection.objects.count() == 0 and Event.objects.count() == events


def test_objection_to_a_publicity_not_in_force_is_404(county, client):
    draft = make(county, publish=False)
    assert client.post(f"/publicity/{draft.pk}/object/", {"content": TEXT}).status_code == 404
    assert client.post("/publicity/999999/object/", {"content": TEXT}).status_code == 404
    assert Objection.objects.count() == 0


def test_officer_pages_scope(county, client):
    p = make(county)
    client.force_login(county.town_staff)
    assert p.title in client.get("/publicity/manage/").content.decode()
    assert client.get(f"/publicity/manage/{p.pk}/").status_code == 200
    client.force_login(county.outsider)  # another unit's handler
    assert p.title not in client.get("/publicity/manage/").content.decode()
    assert client.get(f"/publicity/manage/{p.pk}/").status_code == 404
    assert client.post(f"/publicity/manage/{p.pk}/act/",
                       {"action": Action.WITHDRAW, "note": "人选调整"}).status_code == 404
    client.force_login(county.citizen)
    assert client.get("/publicity/manage/").status_code == 404
    p.refresh_from_db()
    assert p.status == PublicityStatus.PUBLISHED


def test_officer_creates_and_records_a_letter(county, client):
    client.force_login(county.town_staff)
    response = client.post("/publicity/manage/new/", {
        "organization": county.town_a_org.pk, "kind": "other", "scope": "village_board",
        "title": "金城社区优秀党员拟表彰公示", "start_on": f"{services.today():%Y-%m-%d}",
        "contact_phone": "0537-8721234", "label_0": "姓名", "value_0": "王芳",
        "label_1": "推荐等次", "value_1": "优秀党员", "publish": "1",
        "idempotency_key": KEY})
    assert response.status_code == 302
    from grassroots.publicity.models import Publicity

    p = Publicity.objects.get(title="金城社区优秀党员拟表彰公示")
    assert p.status == PublicityStatus.PUBLISHED and p.town == county.town_a
    assert [e["value"] for e in p.published_fields] == ["王芳", "优秀党员"]
    bad = client.post("/publicity/manage/new/", {
        "organization": county.town_a_org.pk, "kind": "other", "scope": "village_board",
        "title": "金城社区优秀党员拟表彰公示二", "start_on": f"{services.today():%Y-%m-%d}",
        "contact_phone": "0537-8721234", "label_0": "姓名", "value_0": "王芳 13805370000"})
    assert bad.status_code == 400
    assert "公示内容不得包含公示对象的电话号码（“姓名”）。" in bad.content.decode()
    response = client.post(f"/publicity/manage/{p.pk}/objections/", {
        "channel": "letter", "content": TEXT, "submitter_name": "李群众"})
    assert response.status_code == 302
    o = Objection.objects.get()
    assert (o.channel, o.recorded_by, o.submitted_by) == ("letter", county.town_staff, None)


def test_home_items_and_nav(county, client):
    from grassroots.core.scope import get_scope
    from grassroots.publicity.models import Publicity

    p = make(county)
    services.objection_receive(actor=None, publicity=p, content=TEXT)
    later = make(county, title="另一项拟表彰公示")
    assert not [i for i in home_items(county.town_staff, get_scope(county.town_staff))
                if i["kind"] == "deadline"]  # five working days ahead: not ending soon
    Publicity.objects.filter(pk=later.pk).update(end_on=services.today())

    items = {i["kind"]: i for i in home_items(county.town_staff, get_scope(county.town_staff))}
    assert items["waiting"]["count"] == 1 and items["waiting"]["section"] == "party"
    assert items["deadline"]["count"] == 1 and items["deadline"]["due_on"] == services.today()
    assert home_items(county.outsider, get_scope(county.outsider)) == []
    assert home_items(county.citizen, get_scope(county.citizen)) == []
    client.force_login(county.town_staff)
    assert "/publicity/manage/" in client.get("/").content.decode()


def test_object_to_an_impossible_id_is_404(client):
    for pk in ("9223372036854775808", "9" * 30):
        assert client.post(f"/publicity/{pk}/object/", {"content": TEXT}).status_code == 404


def test_objection_names_each_published_person_once(county, client):
    fields = [{"key": "p0", "label": "姓名", "value": "王晓燕"},
              {"key": "p0", "label": "学历", "value": "大学本科"},
              {"key": "p1", "label": "姓名", "value": "李建国"},
              {"label": "说明", "value": "公示期五个工作日"}]
    p = make(county, fields=fields)
    assert p.entry_choices == [("p0", "王晓燕"), ("p1", "李建国")]
    html = client.get("/publicity/").content.decode()
    assert '<option value="p0">王晓燕</option>' in html and ">大学本科</option>" not in html
