"""The statistics API says when it counted in Beijing time, like every other API time."""

import pytest


@pytest.mark.django_db
def test_api_stats_as_of_is_local_time(client, county, dataset):
    client.force_login(county.supervisor)
    body = client.get("/api/v1/supervision/stats?month=2026-10&by=unit").json()
    assert body["as_of"].endswith("+08:00"), body["as_of"]
