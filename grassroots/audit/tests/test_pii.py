"""PII is masked by default; the clear value needs a permitted role, a reason and leaves a row."""

import pytest

from grassroots.audit.models import AuditLog
from grassroots.audit.selectors import pii_reveal_allowed

PHONE = "13912345678"



def reveal(client, person, reason="电话回访诉求人", field="phone"):
    return client.post(f"/pii/{person.pk}/{field}/", {"reason": reason},
                       HTTP_HX_REQUEST="true")


def test_dispatcher_reveals_with_a_reason_and_it_is_logged(client, county, demand_for_water):
    citizen = demand_for_water.citizen
    client.force_login(county.dispatcher)
    form = client.get(f"/pii/{citizen.pk}/phone/")
    assert form.status_code == 200 and "查看事由" in form.content.decode()
    response = reveal(client, citizen)
    assert response.status_code == 200
    body = response.content.decode()
    assert PHONE in body and 'hx-trigger="load delay:60s"' in body
    assert "no-store" in response["Cache-Control"]
    row = AuditLog.objects.get(category="pii")
    assert (row.actor, row.action, row.target_id, row.target_repr, row.reason, row.outcome) == (
        county.dispatcher, "reveal_phone", str(citizen.pk), "赵先生", "电话回访诉求人", "success")


def test_after_60_seconds_the_masked_value_comes_back(client, county, demand_for_water):
    client.force_login(county.dispatcher)
    response = client.get(f"/pii/{demand_for_water.citizen.pk}/phone/masked/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "139****5678" in body and PHONE not in body and "查看完整手机号" in body


def test_the_handling_unit_may_reveal_its_citizen(client, county, demand_for_water):
    client.force_login(county.handler)
    assert PHONE in reveal(client, demand_for_water.citizen).content.decode()


@pytest.mark.parametrize("who", ["viewer", "outsider", "town_staff", "citizen"])
def test_others_get_404_and_the_attempt_is_logged(client, county, demand_for_water, who):
    citizen = demand_for_water.citizen
    client.force_login(getattr(county, who))
    assert client.get(f"/pii/{citizen.pk}/phone/").status_code == 404
    response = reveal(client, citizen)
    assert response.status_code == 404 and PHONE not in response.content.decode()
    row = AuditLog.objects.get(category="pii")
    assert (row.actor, row.outcome, row.reason) == (getattr(county, who), "denied", "电话回访诉求人")
    assert row.target_id == str(citizen.pk)
    masked = client.get(f"/pii/{citizen.pk}/phone/masked/")
    if who in ("viewer", "town_staff"):  # they see the demand, so the masked phone too
        assert row.extra["refused"] == "not_allowed"
        assert "139****5678" in masked.content.decode()
        assert "查看完整" not in masked.content.decode()
    else:  # the demand is not theirs: the person is as missing as an unknown id
        assert row.extra["refused"] == "not_found_or_out_of_scope"
        assert masked.status_code == 404 and "139****5678" not in masked.content.decode()


def test_the_auditor_cannot_reveal(client, county, auditor, demand_for_water):
    client.force_login(auditor)
    assert reveal(client, demand_for_water.citizen).status_code == 404


def test_missing_person_and_unknown_field_are_404(client, county, demand_for_water):
    client.force_login(county.admin)
    assert reveal(client, type("P", (), {"pk": 999999})()).status_code == 404
    assert reveal(client, demand_for_water.citizen, field="password").status_code == 404


def test_a_reason_is_required_and_nothing_is_revealed_without_it(client, county,
                                                                  demand_for_water):
    client.force_login(county.dispatcher)
    response = reveal(client, demand_for_water.citizen, reason="看看")
    assert response.status_code == 400
    body = response.content.decode()
    assert "请填写查看事由（至少4个字），例如“电话回访诉求人”。" in body and PHONE not in body
    # The refused attempt is logged with the reason given and why it was refused.
    row = AuditLog.objects.get(category="pii")
    assert (row.actor, row.action, row.outcome, row.reason, row.target_id) == (
        county.dispatcher, "reveal_phone", "denied", "看看", str(demand_for_water.citizen.pk))
    assert row.extra["refused"] == "reason_invalid"
    assert row.extra["message"] == "请填写查看事由（至少4个字），例如“电话回访诉求人”。"


def test_an_over_long_reason_is_refused_and_logged(client, county, demand_for_water):
    client.force_login(county.dispatcher)
    response = reveal(client, demand_for_water.citizen, reason="回访" * 150)
    assert response.status_code == 400
    assert "查看事由请控制在200字以内。" in response.content.decode()
    assert PHONE not in response.content.decode()
    row = AuditLog.objects.get(category="pii")
    assert (row.outcome, row.extra["refused"]) == ("denied", "reason_invalid")


@pytest.mark.parametrize("who", ["citizen", "other_citizen", "outsider", "secretary"])
def test_masked_values_follow_the_scope_of_the_persons_records(client, county,
                                                               demand_for_water, who):
    """Ids are enumerable: someone who may not see the citizen's demand gets the same 404 as
    for a missing id, for the masked value and for the reason form."""
    client.force_login(getattr(county, who))
    citizen = demand_for_water.citizen
    for url in (f"/pii/{citizen.pk}/phone/masked/", f"/pii/{citizen.pk}/id_number/masked/",
                f"/pii/{citizen.pk}/phone/", "/pii/999999/phone/masked/"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "139****5678" not in response.content.decode()


def test_a_citizen_sees_their_own_masked_phone(client, county):
    client.force_login(county.citizen)
    person = county.citizen.person
    response = client.get(f"/pii/{person.pk}/phone/masked/")
    assert response.status_code == 200 and "查看完整" not in response.content.decode()


def test_an_unknown_person_reveal_is_logged_as_refused(client, county, demand_for_water):
    client.force_login(county.dispatcher)
    assert reveal(client, type("P", (), {"pk": 999999})(), reason="电话回访").status_code == 404
    row = AuditLog.objects.get(category="pii")
    assert (row.outcome, row.target_type, row.target_id, row.reason) == (
        "denied", "people.person", "999999", "电话回访")
    assert row.extra["refused"] == "not_found_or_out_of_scope"


def test_anonymous_demands_do_not_open_the_citizen(county, demand_for_water):
    type(demand_for_water).objects.filter(pk=demand_for_water.pk).update(is_anonymous=True)
    assert not pii_reveal_allowed(county.dispatcher, demand_for_water.citizen)
    assert pii_reveal_allowed(county.admin, demand_for_water.citizen)


def test_reveals_are_rate_limited_per_user(client, county, demand_for_water, settings):
    settings.GRASSROOTS_RATE_LIMITS = {"pii_reveal": "2/h"}
    client.force_login(county.dispatcher)
    assert reveal(client, demand_for_water.citizen).status_code == 200
    assert reveal(client, demand_for_water.citizen).status_code == 200
    assert reveal(client, demand_for_water.citizen).status_code == 429


def test_anonymous_user_is_sent_to_login(client, county, demand_for_water):
    response = reveal(client, demand_for_water.citizen)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_template_tag_shows_the_button_only_to_those_allowed(rf, county, demand_for_water):
    from django.template import Context, Template

    tpl = Template('{% load pii %}{% pii_reveal person "phone" %}')
    for user, shown in ((county.dispatcher, True), (county.viewer, False)):
        request = rf.get("/")
        request.user = user
        html = tpl.render(Context({"request": request, "person": demand_for_water.citizen}))
        assert "139****5678" in html and PHONE not in html
        assert ("查看完整手机号" in html) is shown


def test_reveal_button_is_translated_on_the_demand_page(client, county, demand_for_water):
    client.force_login(county.dispatcher)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = client.get(f"/demands/{demand_for_water.pk}/").content.decode()
    assert "View full mobile number" in body and "View full Mobile" not in body
    assert "View full 手机号" not in body


@pytest.mark.parametrize("field, text", [("phone", "View full mobile number"),
                                         ("id_number", "View full ID card number")])
def test_reveal_button_reads_as_one_english_phrase(client, county, demand_for_water, field,
                                                   text):
    client.force_login(county.dispatcher)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = client.get(f"/pii/{demand_for_water.citizen.pk}/{field}/masked/").content.decode()
    assert text in body
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    body = client.get(f"/pii/{demand_for_water.citizen.pk}/{field}/masked/").content.decode()
    assert {"phone": "查看完整手机号", "id_number": "查看完整身份证号"}[field] in body


def test_the_service_refuses_a_colleague_who_may_not_reveal_as_a_missing_person(
        county, demand_for_water):
    """The hidden audit.reveal_pii rule: the service's refusal is a 404 (core.refusals lets it
    through to Django's page), logged as denied."""
    from django.http import Http404

    from grassroots.audit import services

    with pytest.raises(Http404) as refused:
        services.pii_reveal(actor=county.viewer, person=demand_for_water.citizen, field="phone",
                            reason="电话回访诉求人")
    assert refused.value.message == "您无权查看此人的完整个人信息。"
    assert AuditLog.objects.get(category="pii").outcome == "denied"
