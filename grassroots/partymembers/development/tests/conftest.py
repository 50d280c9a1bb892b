import pytest

from .world import build_dev_world


@pytest.fixture
def dev(county):
    return build_dev_world(county)
