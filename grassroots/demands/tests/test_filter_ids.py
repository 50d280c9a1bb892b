"""An id filter too large for the database is a field error, not a server error."""

import pytest

from grassroots.demands.filters import DemandFilter
from grassroots.integrations.services.tokens import api_token_create

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["category", "unit", "division", "grid"])
def test_huge_id_is_a_field_error(name):
    f, errors = DemandFilter.from_params({name: "99999999999999999999"})
    assert errors == {name: "没有这个编号。"} and getattr(f, name) is None


def test_api_answers_422_for_a_huge_unit_id(client, county):
    token = api_token_create(actor=county.admin, name="测试", user=county.dispatcher)[1]
    response = client.get("/api/v1/demands", {"unit": "99999999999999999999"},
                          HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {"unit": ["没有这个编号。"]}
