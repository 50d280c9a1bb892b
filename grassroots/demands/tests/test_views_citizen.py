"""Citizen pages: registration, my demands, submitting, rating, public tracking."""

import re

import pytest

from grassroots.demands.models import Demand, DemandStatus
from grassroots.demands.services import (
    assignment_acknowledge,
    assignment_reply,
    demand_dispatch,
)
from grassroots.people.models import User

from .pagekit import events_of, html, photo

REGISTER = {"name": "孙群众", "password": "Qunzhong-2026x", "password2": "Qunzhong-2026x"}


def _texted_code(phone):
    from grassroots.people import sms

    return re.search(r"验证码(\d{6})", [m for m in sms.outbox if m["phone"] == phone][-1]["text"]
                     ).group(1)


def test_register_with_an_sms_code_and_log_in_with_the_phone(client, county):
    r = client.post("/my/register/", {"phone": "13700001111", "action": "send_code"})
    assert r.status_code == 200 and "验证码已发送至137****1111，5分钟内有效。" in html(r)
    r = client.post("/my/register/", {"phone": "13700001111", "code": _texted_code("13700001111"),
                                      "action": "register", **REGISTER})
    assert r.status_code == 302 and r["Location"] == "/my/"
    user = User.objects.get(person__name="孙群众")
    assert user.username.startswith("c_") and user.person.phone_masked == "137****1111"
    assert user.person.phone_verified_at is not None
    assert client.get("/my/").status_code == 200
    client.logout()
    r = client.post("/login/", {"username": "13700001111", "password": "wrong-Pass-2026"})
    assert r.status_code == 200 and "_auth_user_id" not in client.session
    r = client.post("/login/", {"username": "137 0000 1111", "password": "Qunzhong-2026x"})
    assert r.status_code == 302 and client.session["_auth_user_id"] == str(user.pk)


def test_register_without_a_code_or_with_a_wrong_one_writes_nothing(client, county):
    r = client.post("/my/register/", {"phone": "13700001111", "action": "register", **REGISTER})
    assert r.status_code == 400 and "请输入短信验证码。" in html(r)
    r = client.post("/my/register/", {"phone": "13700001111", "code": "123456",
                                      "action": "register", **REGISTER})
    assert r.status_code == 400 and "验证码错误或已过期，请重新获取。" in html(r)
    assert not User.objects.filter(person__name="孙群众").exists()


def test_register_weak_password(client, county):
    client.post("/my/register/", {"phone": "13700001111", "action": "send_code"})
    r = client.post("/my/register/", {"phone": "13700001111", "code": _texted_code("13700001111"),
                                      "action": "register", "name": "孙群众",
                                      "password": "123", "password2": "123"})
    assert r.status_code == 400 and "errorlist" in html(r)
    assert not User.objects.filter(person__name="孙群众").exists()


def test_register_does_not_say_whether_a_phone_is_registered(client, county):
    """The same page for a new and a registered phone; the account holder is told by SMS."""
    from grassroots.people import sms

    client.post("/my/register/", {"phone": "13700001111", "action": "send_code"})
    client.post("/my/register/", {"phone": "13700001111", "code": _texted_code("13700001111"),
                                  "action": "register", **REGISTER})
    client.logout()
    sms.outbox.clear()
    taken = client.post("/my/register/", {"phone": "13700001111", "action": "send_code"})
    free = client.post("/my/register/", {"phone": "13700002222", "action": "send_code"})
    assert taken.status_code == free.status_code == 200
    def strip(r):
        return re.sub(r"137\*{4}\d{4}|value=\"\d+\"|[A-Za-z0-9]{64}",
                                 "", html(r))  # noqa: E731
    assert strip(taken) == strip(free)
    assert "已注册" not in html(taken)
    notice = [m["text"] for m in sms.outbox if m["phone"] == "13700001111"]
    assert len(notice) == 1 and "已有账号" in notice[0]
    r = client.post("/my/register/", {"phone": "13700001111", "code": "123456",
                                      "action": "register", **REGISTER, "name": "另一人"})
    assert r.status_code == 400 and "验证码错误或已过期，请重新获取。" in html(r)
    assert not User.objects.filter(person__name="另一人").exists()


@pytest.mark.parametrize("phone", ["١٣٧٠٠٠٠١١١١", "１３７００００１１１１", "13７00001111", "1370000111²",
                                   "137000011①1"])
def test_register_refuses_non_ascii_digits(client, county, phone):
    from grassroots.people import sms

    sms.outbox.clear()
    r = client.post("/my/register/", {"phone": phone, "action": "send_code"})
    assert r.status_code == 400 and "请输入正确的11位手机号。" in html(r)
    assert sms.outbox == []
    r = client.post("/my/register/", {"phone": phone, "code": "123456", "action": "register",
                                      **REGISTER})
    assert r.status_code == 400 and "请输入正确的11位手机号。" in html(r)


def test_an_unproven_account_is_asked_to_prove_its_phone(client, county):
    from grassroots.people.models import Person

    Person.objects.filter(user=county.citizen).update(phone_verified_at=None)
    client.force_login(county.citizen)
    body = html(client.get("/my/"))
    assert 'data-testid="phone-unverified"' in body
    r = client.post("/my/phone/", {"action": "send_code"})
    phone = county.citizen.person.phone
    assert r.status_code == 200 and "验证码已发送至" in html(r)
    r = client.post("/my/phone/", {"action": "verify", "code": _texted_code(phone)})
    assert r.status_code == 302
    assert Person.objects.get(user=county.citizen).phone_verified_at is not None
    assert 'data-testid="phone-unverified"' not in html(client.get("/my/"))


def test_a_wrong_phone_code_is_refused_on_the_page_and_proves_nothing(client, county):
    from grassroots.people.models import Person

    Person.objects.filter(user=county.citizen).update(phone_verified_at=None)
    client.force_login(county.citizen)
    client.post("/my/phone/", {"action": "send_code"})
    wrong = "000000" if _texted_code(county.citizen.person.phone) != "000000" else "111111"
    r = client.post("/my/phone/", {"action": "verify", "code": wrong})
    assert r.status_code == 400 and "验证码错误或已过期，请重新获取。" in html(r)
    assert Person.objects.get(user=county.citizen).phone_verified_at is None


def test_citizen_submits_and_gets_number(client, county):
    client.force_login(county.citizen)
    r = client.get("/my/new/")
    assert r.status_code == 200 and "data-locate" in html(r)
    r = client.post("/my/new/", {
        "type": "complaint", "title": "夜间施工噪音", "text": "工地每天夜里十二点还在施工，影响休息。",
        "division": county.village_a.pk, "address": "金城社区北", "latitude": "35.066",
        "longitude": "116.311", "photos": [photo(), photo("b.png", (0, 0, 255))]})
    demand = Demand.objects.get()
    # Post/redirect/get: the citizen lands on the new demand; a reload repeats nothing.
    assert r.status_code == 302 and r["Location"] == f"/my/demands/{demand.pk}/"
    r = client.get(r["Location"])
    assert demand.number in html(r)
    assert "地点：" in html(r) and "金城社区北" in html(r)
    assert demand.citizen == county.citizen.person and demand.channel == "citizen"
    assert demand.town == county.town_a and str(demand.latitude) == "35.066000"
    assert demand.attachments.count() == 2
    body = html(client.get("/my/"))
    assert demand.number in body and "待派单" in body


def test_locate_button_draws_its_marker_without_a_font_glyph(client, county):
    """The marker is an inline SVG, hidden from screen readers; the button's name is its text
    (the CJK fonts phones and office PCs have lack the 📍/⌖ glyphs: an empty box before)."""
    client.force_login(county.citizen)
    body = html(client.get("/my/new/"))
    button = re.search(r'<button[^>]*data-locate[^>]*>(.*?)</button>', body, re.S)
    assert button, "locate button not found"
    inner = button.group(1)
    assert "📍" not in inner and "⌖" not in inner
    assert re.search(r'<svg[^>]*aria-hidden="true"[^>]*focusable="false"', inner)
    assert re.sub(r"<svg.*?</svg>", "", inner, flags=re.S).strip() == "定位"


def test_the_submit_pages_script_messages_come_translated_from_the_page(client, county):
    """demands.js holds no user-facing text: the locate and photo-count messages are data
    attributes the template translates, so English users read them in English."""
    from pathlib import Path

    from django.conf import settings

    script = (Path(settings.BASE_DIR) / "grassroots/static/demands/demands.js").read_text()
    code = "\n".join(line.split("//")[0] for line in script.splitlines())
    assert not re.search(r'"[^"]*[\u4e00-\u9fff][^"]*"', code)
    client.force_login(county.citizen)
    assert 'data-msg-failed="定位失败，请手动填写地址"' in html(client.get("/my/new/"))
    client.post("/i18n/setlang/", {"language": "en", "next": "/my/new/"})
    body = html(client.get("/my/new/"))
    assert 'data-msg-failed="Could not locate you; please type the address"' in body
    assert 'data-max-files-msg="You can upload at most 9 photos."' in body


def test_citizen_anonymous_only_for_some_types(client, county):
    client.force_login(county.citizen)
    r = client.post("/my/new/", {"type": "help", "title": "求助事项", "text": "需要帮助解决问题。",
                                 "division": county.village_a.pk, "is_anonymous": "1"})
    assert r.status_code == 400
    assert "只有举报、建议和表扬可以匿名提交；其他诉求需要留下联系方式以便答复。" in html(r)
    r = client.post("/my/new/", {"type": "help", "title": "求助事项", "text": "需要帮助解决问题。"})
    assert r.status_code == 400 and "请选择诉求所在的镇街或村居。" in html(r)
    assert not Demand.objects.exists()
    r = client.post("/my/new/", {"type": "report", "title": "举报事项", "text": "有人乱倒建筑垃圾。",
                                 "division": county.village_a.pk, "is_anonymous": "1"})
    assert r.status_code == 302
    demand = Demand.objects.get()
    assert demand.is_anonymous
    # The author of an anonymous report still gets its number to follow it, in this session.
    assert demand.number in html(client.get(r["Location"]))
    client.force_login(county.other_citizen)
    assert demand.number not in html(client.get(r["Location"]))


def test_submit_lists_every_mistake_at_once(client, county):
    client.force_login(county.citizen)
    r = client.post("/my/new/", {"type": "help", "title": "水", "text": "低"})  # no place either
    page = html(r)
    assert r.status_code == 400
    assert "请选择诉求所在的镇街或村居。" in page  # the form's own check
    assert "请填写诉求标题（至少2个字）。" in page and "请把诉求内容写清楚" in page  # the service's
    assert not Demand.objects.exists()


def test_staff_cannot_use_citizen_submit(client, county):
    client.force_login(county.handler)
    # Staff have a person too, but the citizen pages are for citizens' own demands.
    assert client.get("/my/").status_code == 403
    assert client.get("/my/new/").status_code == 403
    client.logout()
    assert client.get("/my/new/").status_code == 302


@pytest.fixture
def replied(county, make_demand):
    demand = make_demand(channel="citizen", actor=county.citizen, citizen_phone="")
    (lead,) = demand_dispatch(actor=county.dispatcher, demand=demand, lead_unit=county.water)
    assignment_acknowledge(actor=county.handler, assignment=lead)
    assignment_reply(actor=county.handler, assignment=lead, outcome="resolved",
                     text="已更换加压泵，水压恢复正常，感谢反映。")
    demand.refresh_from_db()
    return demand


def test_my_detail_shows_reply_and_rating(client, county, replied):
    client.force_login(county.citizen)
    r = client.get(f"/my/demands/{replied.pk}/")
    assert r.status_code == 200
    body = html(r)
    assert "已更换加压泵" in body and 'data-testid="rate-form"' in body
    # the citizen's own words, labelled, above the progress
    assert body.index('data-testid="my-text"') < body.index('<ol class="timeline">')
    assert "我反映的情况" in body
    assert "水务承办人" not in body  # no staff names for citizens
    r = client.post(f"/my/demands/{replied.pk}/rate/", {"satisfaction": "unsatisfied"})
    assert r.status_code == 400 and "不满意时请简要说明原因，以便承办单位重新办理。" in html(r)
    r = client.post(f"/my/demands/{replied.pk}/rate/", {"satisfaction": "satisfied"})
    assert r.status_code == 302
    replied.refresh_from_db()
    assert replied.status == DemandStatus.CLOSED
    assert events_of(replied, "follow_up").filter(actor=county.citizen).exists()


def test_my_progress_tells_each_step_once(client, county, replied):
    client.force_login(county.citizen)
    body = html(client.get(f"/my/demands/{replied.pk}/"))
    timeline = body.split('<ol class="timeline">')[1].split("</ol>")[0]
    steps = [li.split("<strong>")[1].split("</strong>")[0] for li in timeline.split("<li>")[1:]]
    # received, dispatched, acknowledged (handling), replied: once each, no unit-level copies
    assert len(steps) == 4 and len(set(steps)) == 4, steps
    assert "签收" in steps and "答复" in steps and "状态变更" not in steps
    assert "本人" in timeline.split("</li>")[0]  # the citizen submitted it


def test_other_citizen_gets_404(client, county, replied):
    client.force_login(county.other_citizen)
    assert client.get(f"/my/demands/{replied.pk}/").status_code == 404
    assert client.post(f"/my/demands/{replied.pk}/rate/",
                       {"satisfaction": "satisfied"}).status_code == 404
    replied.refresh_from_db()
    assert replied.status == DemandStatus.REPLIED


def test_track_by_number_and_phone(client, county, make_demand):
    demand = make_demand()
    (lead,) = demand_dispatch(actor=county.dispatcher, demand=demand, lead_unit=county.water)
    assignment_acknowledge(actor=county.handler, assignment=lead)
    r = client.post("/track/", {"number": demand.number.lower(), "phone": "13912345678"})
    assert r.status_code == 200
    body = html(r)
    assert 'data-testid="public-status">办理中<' in body and "签收" in body
    assert "水务承办人" not in body and "派单员" not in body
    wrong_phone = html(client.post("/track/", {"number": demand.number, "phone": "13900000000"}))
    wrong_number = html(client.post("/track/", {"number": "JX19990101-0001",
                                                "phone": "13912345678"}))
    message = "未查到该诉求，请核对诉求编号和手机号。"
    assert message in wrong_phone and message in wrong_number
    assert demand.title not in wrong_phone


@pytest.mark.parametrize("typed", ["139 1234 5678", "139-1234-5678", "+86 139 1234 5678",
                                   " 13912345678 "])
def test_track_accepts_the_phone_as_people_type_it(client, county, make_demand, typed):
    demand = make_demand()
    page = html(client.get("/track/"))
    assert 'name="phone" inputmode="tel" maxlength="20"' in page
    r = client.post("/track/", {"number": demand.number, "phone": typed})
    assert r.status_code == 200
    assert "未查到该诉求" not in html(r) and demand.title in html(r)


def test_phone_intake_keeps_the_eleven_digits_of_a_spaced_phone(county, make_demand):
    from grassroots.demands.selectors import track_demand

    demand = make_demand(citizen_phone="139 1234-5678")
    assert demand.citizen.phone == "13912345678"
    assert track_demand(demand.number, "13912345678") == demand


def test_reopened_demand_shows_the_old_reply_as_the_previous_round(client, county, replied):
    client.force_login(county.citizen)
    r = client.post(f"/my/demands/{replied.pk}/rate/",
                    {"satisfaction": "unsatisfied", "comment": "水压还是很低，没有解决。"})
    assert r.status_code == 302
    replied.refresh_from_db()
    assert replied.status == DemandStatus.HANDLING
    mine = html(client.get(f"/my/demands/{replied.pk}/"))
    assert "上一轮答复（群众不满意，正在重新办理）" in mine and "答复（已解决）" not in mine
    client.force_login(county.handler)
    page = html(client.get(f"/demands/{replied.pk}/"))
    assert "上一轮答复（群众不满意，正在重新办理）" in page and "答复（已解决）" not in page
    assert "上一轮答复：已更换加压泵" in page


def test_refused_submission_says_the_chosen_photo_must_be_chosen_again(client, county):
    from .pagekit import photo

    client.force_login(county.citizen)
    r = client.post("/my/new/", {"type": "help", "title": "", "division": county.village_a.pk,
                                 "text": "我家门口的下水道堵了好几天，污水外溢。",
                                 "photos": [photo()]})
    assert r.status_code == 400
    body = html(r)
    assert "请填写诉求标题" in body and "刚才选择的1张照片未保存，请重新选择。" in body
    assert "照片未保存" not in html(client.get("/my/new/"))


def test_reply_heading_reads_naturally_in_both_languages(client, county, replied):
    client.force_login(county.citizen)
    assert "答复（已解决）" in html(client.get(f"/my/demands/{replied.pk}/"))
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = html(client.get(f"/my/demands/{replied.pk}/"))
    assert "Reply (Resolved)" in body and "（" not in body.split('data-testid="reply"')[1][:80]
    client.force_login(county.handler)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Reply (Resolved)" in html(client.get(f"/demands/{replied.pk}/"))


def test_register_password_errors_are_all_in_chinese(client, db):
    r = client.post("/my/register/", {"phone": "13900001234", "name": "测试群众",
                                      "password": "abc", "password2": "abc"})
    body = html(r)
    assert "密码太短，至少需要10个字符。" in body
    assert "too short" not in body
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = html(client.post("/my/register/", {"phone": "13900001234", "name": "测试群众",
                                              "password": "abc", "password2": "abc"}))
    assert "This password is too short: it needs at least 10 characters." in body


def test_track_page_shows_the_address(client, county, make_demand):
    demand = make_demand(address="金城社区北门")
    r = client.post("/track/", {"number": demand.number, "phone": "13912345678"})
    assert 'data-testid="public-address"' in html(r) and "金城社区北门" in html(r)
