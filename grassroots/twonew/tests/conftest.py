import pytest

from .world import build_twonew_world


@pytest.fixture
def w(county):
    return build_twonew_world(county)
