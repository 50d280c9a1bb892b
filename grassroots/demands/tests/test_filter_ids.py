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


@pytest.mark.parametrize("raw", ["²", "①", "٣", "２"])
@pytest.mark.parametrize("name", ["category", "unit", "division", "grid"])
def test_non_ascii_digits_are_a_field_error(name, raw):
    f, errors = DemandFilter.from_params({name: raw})
    assert errors == {name: "应为编号（数字）。"} and getattr(f, name) is None


@pytest.mark.parametrize("raw", ["0001-01-01", "9999-12-31", "٢٠٢٦-٠١-٠١"])
def test_dates_the_database_cannot_convert_are_a_field_error(client, county, raw):
    f, errors = DemandFilter.from_params({"date_from": raw, "date_to": raw})
    assert set(errors) == {"date_from", "date_to"}
    client.force_login(county.dispatcher)
    assert client.get("/demands/", {"date_from": raw}).status_code == 200  # shown on the page
    response = client.get("/api/v1/demands", {"date_to": raw})
    assert response.status_code == 422 and "date_to" in response.json()["error"]["fields"]


def test_api_ids_and_pages_beyond_the_database_are_422(client, county):
    client.force_login(county.dispatcher)
    for url, params in (("/api/v1/grids", {"division": str(2**63)}),
                        ("/api/v1/categories", {"parent": "9" * 30}),
                        ("/api/v1/demands", {"page": str(2**63)}),
                        ("/api/v1/demands/99999999999999999999", {})):
        response = client.get(url, params)
        assert response.status_code in (404, 422), (url, response.status_code)
        assert response.json()["error"]["message"]


def test_dispatch_form_with_a_non_ascii_unit_id_is_refused(client, county, make_demand):
    from grassroots.demands.models import Assignment

    demand = make_demand()
    client.force_login(county.dispatcher)
    for raw in ("²", str(2**63)):
        response = client.post(f"/demands/{demand.pk}/dispatch/", {"lead_unit": raw},
                               follow=True)
        assert response.status_code < 500
        assert "所选单位不存在。" in response.content.decode()
    assert not Assignment.objects.filter(demand=demand).exists()
