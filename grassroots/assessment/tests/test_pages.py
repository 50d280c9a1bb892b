import pytest

from ..models import RoutineRecord, RoutineStatus
from ..services.routine import period_open

pytestmark = pytest.mark.django_db


def test_the_civil_servant_submits_his_summary_on_his_phone_page(unit, client):
    period = period_open(actor=unit.head, unit=unit.org, year=2026, quarter=1)
    record = RoutineRecord.objects.get(period=period, person=unit.a.person)
    client.force_login(unit.a)
    page = client.get(f"/assessment/records/{record.pk}/")
    assert page.status_code == 200 and 'data-testid="summary-form"' in page.content.decode()
    short = client.post(f"/assessment/records/{record.pk}/act/",
                        {"action": "routine_submit_summary", "summary": "太短"})
    assert short.status_code == 400 and "请填写个人小结（至少10个字）。" in short.content.decode()
    done = client.post(f"/assessment/records/{record.pk}/act/",
                       {"action": "routine_submit_summary", "summary": "本季度完成医保待遇审核工作。"})
    assert done.status_code == 302
    assert RoutineRecord.objects.get(pk=record.pk).status == RoutineStatus.SELF_SUMMARISED
    # A colleague sees neither the record nor the unit's table.
    client.force_login(unit.b)
    assert client.get(f"/assessment/records/{record.pk}/").status_code == 404
    assert client.get(f"/assessment/periods/{period.pk}/").status_code == 404
    # The section leader and the unit head do.
    client.force_login(unit.c)
    assert client.get(f"/assessment/records/{record.pk}/").status_code == 200
    client.force_login(unit.head)
    assert client.get(f"/assessment/periods/{period.pk}/").status_code == 200


def test_the_authority_sees_aggregates_but_not_the_units_records(unit, client):
    period = period_open(actor=unit.head, unit=unit.org, year=2026, quarter=1)
    record = RoutineRecord.objects.get(period=period, person=unit.a.person)
    client.force_login(unit.authority)
    assert client.get(f"/assessment/records/{record.pk}/").status_code == 404
    page = client.get(f"/assessment/periods/{period.pk}/")
    assert page.status_code == 200 and unit.a.person.name not in page.content.decode()
    assert client.get("/assessment/contact-points/").status_code == 200


def test_the_unit_head_opens_a_quarter_from_the_page(unit, client):
    client.force_login(unit.head)
    page = client.get("/assessment/periods/").content.decode()
    assert 'data-testid="open-period"' in page
    done = client.post("/assessment/periods/open/", {"unit": unit.org.pk, "year": "2026",
                                                      "quarter": "1"})
    assert done.status_code == 302
    assert RoutineRecord.objects.filter(period__unit=unit.org, period__quarter=1).count() == 3
    again = client.post("/assessment/periods/open/", {"unit": unit.org.pk, "year": "2026",
                                                       "quarter": "1"})
    assert again.status_code == 400 and "医保局2026年第1季度的平时考核已开启。" in again.content.decode()
    client.force_login(unit.county.leader)  # another unit's head
    refused = client.post("/assessment/periods/open/", {"unit": unit.org.pk, "year": "2026",
                                                         "quarter": "2"})
    assert refused.status_code == 403
