import pytest

from grassroots.workcal import cache


@pytest.fixture(autouse=True)
def fresh_calendar_cache():
    """Each test sees the database as it is: rolled-back edits must not live on in the cache."""
    cache.invalidate()
    yield
    cache.invalidate()
