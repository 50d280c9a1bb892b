import pytest

from grassroots.core.models import SeriesCounter
from grassroots.core.numbering import series_next


@pytest.mark.django_db
def test_a_series_counts_per_period_and_restarts_in_a_new_one():
    assert [series_next("notice", "2026") for _ in range(3)] == [1, 2, 3]
    assert series_next("notice", "2027") == 1
    assert series_next("bulletin", "2026") == 1
    assert SeriesCounter.objects.get(series="notice", period="2026").last == 3


@pytest.mark.django_db
def test_a_rolled_back_caller_leaves_no_gap():
    from django.db import transaction

    series_next("disposal", "")
    with pytest.raises(RuntimeError), transaction.atomic():
        series_next("disposal", "")
        raise RuntimeError("the caller's write failed")
    assert series_next("disposal", "") == 2
