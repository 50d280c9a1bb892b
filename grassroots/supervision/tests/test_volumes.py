"""The dashboard trend: stored closed months for county-wide viewers, live counts otherwise."""

from datetime import date

import pytest

from grassroots.core import clock
from grassroots.supervision.models import MonthVolume
from grassroots.supervision.services.volumes import month_volumes_refresh
from grassroots.supervision.stats import month_trend

from .conftest import AS_OF, at

TODAY = date(2026, 11, 10)  # November is the open month


def trend(user, months=3):
    with clock.travel(AS_OF):
        return {m["month"]: (m["received"], m["on_spot"])
                for m in month_trend(user=user, months=months, end=TODAY)}


@pytest.mark.django_db
def test_trend_counts_live_before_any_refresh(county, dataset):
    # September: S1; October: 8 lead/assist demands... counted as demands received, the merged
    # one left out, the on-the-spot one included.
    figures = trend(county.supervisor)
    assert figures["2026-09"] == (1, 0)
    assert figures["2026-10"] == (9, 1)
    assert figures["2026-11"] == (1, 0)
    assert not MonthVolume.objects.exists()


@pytest.mark.django_db
def test_refresh_stores_closed_months_and_the_trend_reads_them(county, dataset):
    with clock.travel(AS_OF):
        result = month_volumes_refresh(today=TODAY)
    assert result["counted"] == 24 and result["months"][-1] == "2026-10"
    october = MonthVolume.objects.get(month=date(2026, 10, 1))
    assert (october.received, october.on_spot) == (9, 1)
    assert not MonthVolume.objects.filter(month=date(2026, 11, 1)).exists()  # open month
    # The stored row is what a county-wide viewer reads ...
    MonthVolume.objects.filter(pk=october.pk).update(received=999)
    assert trend(county.supervisor)["2026-10"] == (999, 1)
    # ... while a town's staff are counted live, in their own scope.
    assert trend(county.town_staff)["2026-10"][0] < 999


@pytest.mark.django_db
def test_open_month_stays_live(county, dataset, make_demand):
    with clock.travel(AS_OF):
        month_volumes_refresh(today=TODAY)
        before = trend(county.supervisor)["2026-11"][0]
        make_demand(received_at=at(11, 9))
    assert trend(county.supervisor)["2026-11"][0] == before + 1


@pytest.mark.django_db
def test_refresh_is_idempotent_and_recounts_recent_months(county, dataset):
    with clock.travel(AS_OF):
        month_volumes_refresh(today=TODAY)
        MonthVolume.objects.filter(month=date(2026, 10, 1)).update(received=999)
        MonthVolume.objects.filter(month=date(2025, 12, 1)).update(received=555)
        again = month_volumes_refresh(today=TODAY)
    assert again["months"] == ["2026-09", "2026-10"]  # only the recent ones are recounted
    assert MonthVolume.objects.count() == 24
    assert MonthVolume.objects.get(month=date(2026, 10, 1)).received == 9
    assert MonthVolume.objects.get(month=date(2025, 12, 1)).received == 555
