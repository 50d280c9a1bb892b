import pytest

from grassroots.party.tests.world import build_party_tree


@pytest.fixture
def tree(county):
    return build_party_tree(county)
