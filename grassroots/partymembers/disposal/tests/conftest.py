import pytest

from .world import build_world


@pytest.fixture
def dsp(county):
    return build_world(county)
