"""A fixed dataset whose figures are computed by hand in test_stats.py."""

import itertools
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from grassroots.demands.models import Assignment, Demand
from grassroots.testing.fixtures import category_tree

TZ = ZoneInfo("Asia/Shanghai")
_seq = itertools.count(1)


def at(month, day, hour=10):
    return datetime(2026, month, day, hour, 0, tzinfo=TZ)


# The moment the figures are computed (an open item with due_at before it is overdue).
AS_OF = at(11, 10, 12)


def set_rank_min_sample(n: int) -> None:
    """The county's minimum sample (rule-set data, family "supervision.ranking")."""
    from grassroots.rulesets.models import RuleParam, RuleSet
    from grassroots.supervision.stats.rules import FAMILY, KEY, ship

    ship(RuleSet, RuleParam)  # (a transactional test's flush removed the migration's rows)
    assert RuleParam.objects.filter(rule_set__family=FAMILY, key=KEY).update(
        numerator=n, denominator=1) == 1


@pytest.fixture(autouse=True)
def _rank_every_unit(db):
    """The hand-computed dataset has a few orders per unit: every unit is ranked in it (the
    minimum sample has its own tests, which set it)."""
    set_rank_min_sample(1)


@pytest.fixture
def cats(db):
    return category_tree("S01", "城乡建设", other=("S02", "社会保障"))


@pytest.fixture
def categories(cats):
    """``make_demand`` (root conftest) files new demands under this tree's 水压低."""
    return cats


def make_row(county, *, unit, place="a", role="lead", dispatched=None, category=None,
             demand=None, **fields):
    """One demand (unless given) and one assignment, written directly with exact fields."""
    dispatched = dispatched or at(10, 5)
    if demand is None:
        demand_fields = {k[2:]: fields.pop(k) for k in list(fields) if k.startswith("d_")}
        village = county.village_a if place == "a" else county.village_b
        grid = county.grid_a if place == "a" else county.grid_b
        demand = Demand.objects.create(
            number=f"T{next(_seq):06d}", channel="phone", type="help", title="测试诉求",
            text="测试诉求内容", division=village, town=village.town, grid=grid,
            received_at=dispatched - timedelta(hours=1), category=category,
            status=demand_fields.pop("status", "handling"), **demand_fields,
        )
    defaults = {
        "acknowledge_due_at": dispatched + timedelta(hours=2),
        "reply_due_at": dispatched + timedelta(days=3),
        "status": "closed",
    }
    defaults.update(fields)
    a = Assignment.objects.create(demand=demand, unit=unit, role=role, dispatched_at=dispatched,
                                  **defaults)
    return a


@pytest.fixture
def dataset(county, cats):
    """October 2026 (and one September row). Figures are worked out in test_stats.py."""
    w, h, t = county.water, county.housing, county.town_a_org
    p = cats["pressure"]
    ok = {"acknowledged_at": at(10, 5, 11), "replied_at": at(10, 6), "due_at": None}
    rows = {
        "W1": make_row(county, unit=w, category=p, outcome="resolved",
                       d_satisfaction="satisfied", d_status="closed", **ok),
        "W2": make_row(county, unit=w, category=p, outcome="partly", replied_late=True,
                       d_satisfaction="unsatisfied", d_reopen_count=1, status="replied",
                       **ok),
        "W3": make_row(county, unit=w, category=p, status="handling", acknowledged_at=at(10, 6),
                       acknowledged_late=True, due_at=at(10, 20)),
        "W4": make_row(county, unit=w, category=p, status="dispatched", dispatched=at(10, 30),
                       due_at=at(11, 20)),
        "W5": make_row(county, unit=w, category=p, status="returned", return_count=1,
                       due_at=None),
        "H1": make_row(county, unit=h, place="b", category=cats["other"], outcome="resolved",
                       d_satisfaction="satisfied", d_status="closed", **ok),
        "H2": make_row(county, unit=h, place="b", category=cats["other"], outcome="resolved",
                       d_satisfaction="basically", d_status="closed", **ok),
        "T1": make_row(county, unit=t, category=p, outcome="resolved",
                       d_satisfaction="satisfied", d_status="closed", **ok),
    }
    # An assisting assignment on W1's demand: acknowledged on time, extended once, due later.
    rows["W6"] = make_row(county, unit=w, role="assist", demand=rows["W1"].demand,
                          status="acknowledged", acknowledged_at=at(10, 5, 11), extension_count=1,
                          due_at=at(11, 30))
    # September: water acknowledged late, replied on time, resolved, not rated.
    rows["S1"] = make_row(county, unit=w, dispatched=at(9, 15), outcome="resolved",
                          acknowledged_at=at(9, 16), acknowledged_late=True,
                          replied_at=at(9, 17), due_at=None, category=p)
    # November: outside the month.
    rows["N1"] = make_row(county, unit=w, dispatched=at(11, 2), status="dispatched",
                          due_at=at(11, 3), category=p)
    # A demand solved on the spot in October (no assignment) and a merged one (not counted).
    Demand.objects.create(number="T-SPOT", channel="visit", type="help", title="现场解决",
                          text="现场解决", division=county.village_a, town=county.town_a,
                          grid=county.grid_a, received_at=at(10, 8), status="closed",
                          solved_on_spot=True, category=cats["other"])
    Demand.objects.create(number="T-MERGED", channel="phone", type="help", title="并单",
                          text="并单", division=county.village_a, town=county.town_a,
                          grid=county.grid_a, received_at=at(10, 9), status="merged",
                          merged_into=rows["W1"].demand)
    return rows


@pytest.fixture
def dispatched(county, make_demand):
    """A demand dispatched to the water bureau (lead) through the real services."""
    from grassroots.demands.services import demand_dispatch

    demand = make_demand()
    (lead,) = demand_dispatch(actor=county.dispatcher, demand=demand, lead_unit=county.water)
    return demand, lead
