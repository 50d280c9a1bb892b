import pytest

from grassroots.demands.services import demand_dispatch
from grassroots.testing.fixtures import make_auditor

PASSWORD = "demo-Pass-2026"

# The security middleware as the lead will install it in base settings (see the report).
SECURITY_MIDDLEWARE = {
    "django.contrib.auth.middleware.AuthenticationMiddleware": [
        "grassroots.audit.middleware.SecondFactorMiddleware",
        "grassroots.audit.middleware.DatabaseUnavailableMiddleware",
    ],
}


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: needs real services (PostgreSQL, Redis, workers)")


@pytest.fixture
def secure_settings(settings):
    """Base settings plus the audit app's middleware and the Chinese lockout page."""
    middleware = []
    for name in settings.MIDDLEWARE:
        if name in ("grassroots.audit.middleware.SecondFactorMiddleware",
                    "grassroots.audit.middleware.DatabaseUnavailableMiddleware"):
            continue
        middleware.append(name)
        middleware.extend(SECURITY_MIDDLEWARE.get(name, []))
    settings.MIDDLEWARE = middleware
    settings.AXES_LOCKOUT_TEMPLATE = "people/lockout.html"
    return settings


@pytest.fixture
def auditor(county):
    return make_auditor(county)


@pytest.fixture
def demand_for_water(county, categories, make_demand):
    """A demand by citizen 赵先生 (phone 13912345678) dispatched to the water bureau only."""
    demand = make_demand(category=categories["water"])
    demand_dispatch(actor=county.dispatcher, demand=demand, lead_unit=county.water)
    demand.refresh_from_db()
    return demand
