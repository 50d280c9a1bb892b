import pytest

from grassroots.core.scope import Role
from grassroots.demands.models import Category, DemandType
from grassroots.demands.services import demand_create, demand_dispatch
from grassroots.testing.factories import make_member

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
    return make_member(username="t_auditor", organization=county.admin.person.memberships.first()
                       .organization, role=Role.AUDITOR, name="审计员")


@pytest.fixture
def categories(db):
    root = Category.objects.create(name="城乡建设（审计测试）", code="A01", level=1)
    water = Category.objects.create(name="供水", code="A0101", level=2, parent=root)
    return {"root": root, "water": water}


@pytest.fixture
def demand_for_water(county, categories):
    """A demand by citizen 赵先生 (phone 13912345678) dispatched to the water bureau only."""
    demand = demand_create(
        actor=county.dispatcher, channel="phone", type=DemandType.HELP, title="小区水压低",
        text="金城社区3号楼最近一周水压很低，楼上用不上水。", category=categories["water"],
        division=county.village_a, citizen_phone="13912345678", citizen_name="赵先生")
    demand_dispatch(actor=county.dispatcher, demand=demand, lead_unit=county.water)
    demand.refresh_from_db()
    return demand
