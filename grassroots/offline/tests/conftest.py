import io

import pytest
from PIL import Image

from grassroots.testing.factories import make_secretary


@pytest.fixture
def gw(county):
    county.secretary_b = make_secretary(username="t_secretary_b", grid=county.grid_b)
    return county


@pytest.fixture
def jpeg():
    def make(name="photo.jpg", color=(200, 10, 10)):
        buf = io.BytesIO()
        Image.new("RGB", (8, 8), color).save(buf, "JPEG")
        f = io.BytesIO(buf.getvalue())
        f.name = name
        return f

    return make


@pytest.fixture
def party(county):
    from grassroots.meetings.tests.party_world import build_party_world

    return build_party_world(county)


@pytest.fixture
def today_day(party):
    """Branch A's theme day of this month, planned for today."""
    from django.utils import timezone

    from grassroots.partyday import services

    today = timezone.localdate()
    return services.themeday_plan(actor=party.secretary_a, branch=party.branch_a,
                                  month=today.replace(day=1), theme="学党章、议村务",
                                  planned_on=today)
