import pytest

from .party_world import build_party_world


@pytest.fixture
def party(county):
    return build_party_world(county)
