"""One mobile validator (ASCII digits) and one visible-length count, used everywhere a phone or
a minimum length of free text is checked."""

import pytest
from django.core.exceptions import ValidationError

from grassroots.core.errors import ApplicationError, FieldErrors
from grassroots.demands.models import Demand
from grassroots.demands.services import demand_create
from grassroots.people.models import Person
from grassroots.people.validators import clean_mobile, is_valid_mobile, visible_length

NON_ASCII = ["١٣٨٠٠٠٠٠٠٠١",  # Arabic-Indic
             "۱۳۸۰۰۰۰۰۰۰۱",  # extended Arabic-Indic (Persian)
             "１３８０００００００１",  # full-width
             "1380000000²", "138000000①1", "१३८००००००००१"[:11]]
INVISIBLE = ["\u200b" * 10, "\u200c\u200d\u2060\ufeff" * 3, " \u3000\u00a0\u200b " * 4,
             "\u202e\u202d\u2066\u2069" * 3, "\u00ad" * 10]


@pytest.mark.parametrize("phone", NON_ASCII)
def test_non_ascii_digits_are_no_mobile(phone):
    assert not is_valid_mobile(phone)
    with pytest.raises(ValidationError) as exc:
        clean_mobile(phone)
    assert exc.value.messages == ["请输入正确的11位手机号。"]


def test_mobile_as_people_type_it():
    assert clean_mobile(" +86 138-0000-0001 ") == "13800000001"
    assert clean_mobile("(138)0000 0001") == "13800000001"
    for bad in ["12800000001", "1380000000", "138000000011", "", None, 13800000001]:
        assert not is_valid_mobile(bad if isinstance(bad, str) else "")
        with pytest.raises(ValidationError) as refused:
            clean_mobile(bad)
        assert refused.value.messages == ["请输入正确的11位手机号。"]


def test_visible_length():
    assert visible_length("水压低") == 3
    assert visible_length("a\u200bb c") == 3
    for text in INVISIBLE:
        assert visible_length(text) == 0, repr(text)


# --- where they are used ------------------------------------------------------------------------

@pytest.mark.django_db
@pytest.mark.parametrize("phone", NON_ASCII[:3])
def test_intake_refuses_a_non_ascii_phone_and_writes_nothing(county, phone):
    with pytest.raises(FieldErrors) as exc:
        demand_create(actor=county.dispatcher, channel="phone", type="help", title="小区水压低",
                      text="金城社区3号楼最近一周水压很低。", citizen_phone=phone)
    assert exc.value.field_errors == {"citizen_phone": ["手机号格式不正确，应为11位手机号码。"]}
    assert not Demand.objects.exists()
    assert not Person.objects.filter(user__isnull=True, kind="citizen").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("text", INVISIBLE)
def test_intake_counts_only_visible_characters(county, text):
    with pytest.raises(FieldErrors) as exc:
        demand_create(actor=county.dispatcher, channel="phone", type="help", title=text[:20],
                      text=text, citizen_phone="13800000001", solved_on_spot=True,
                      on_spot_note=text)
    assert exc.value.field_errors["title"] == ["请填写诉求标题（至少2个字）。"]
    assert exc.value.field_errors["text"] == ["请把诉求内容写清楚（至少5个字）。"]
    assert exc.value.field_errors["on_spot_note"] == ["登记现场解决时，请写明现场是怎么解决的。"]
    assert not Demand.objects.exists()


@pytest.mark.django_db
def test_api_answers_400_for_a_non_ascii_phone(client, county):
    from grassroots.integrations.services.tokens import api_token_create

    _, key = api_token_create(actor=county.admin, user=county.dispatcher, name="测试",
                              scopes=["read", "write"])
    import json

    body = json.dumps({"type": "help", "title": "水压低", "text": "胡集村三组自来水水压很低。",
                       "citizen_phone": "١٣٨٠٠٠٠٢٢٢٢"})
    response = client.post("/api/v1/demands", body, content_type="application/json",
                           HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 400, response.content
    assert response.json()["error"]["fields"]["citizen_phone"] == ["手机号格式不正确，应为11位手机号码。"]
    assert not Demand.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("phone", NON_ASCII[:3])
def test_track_page_refuses_a_non_ascii_phone(client, county, phone):
    response = client.post("/track/", {"number": "JX20250101001", "phone": phone})
    assert response.status_code == 400
    assert "请输入正确的11位手机号。" in response.content.decode()


@pytest.mark.django_db
def test_other_minimum_lengths_count_visible_characters(county):
    from grassroots.audit.services import pii_reveal

    person = county.citizen.person
    with pytest.raises(ApplicationError) as exc:
        pii_reveal(actor=county.admin, person=person, field="phone", reason="\u200b" * 8)
    assert exc.value.message == "请填写查看事由（至少4个字），例如“电话回访诉求人”。"
