"""The county's deadline defaults per category and grade are shipped as data, used for the
orders' deadlines, and every demand page says which policy gave them."""

from decimal import Decimal

from grassroots.demands.catalogue_data import DEADLINE_DEFAULTS
from grassroots.demands.models import Category, DeadlinePolicy
from grassroots.demands.services import demand_dispatch
from grassroots.demands.services.deadlines import policy_for, policy_with_source, reply_deadline

from .pagekit import html


def test_the_defaults_are_shipped_as_policy_rows(db):
    assert DeadlinePolicy.objects.count() == len(DEADLINE_DEFAULTS)
    gas = Category.objects.get(code="010601")
    assert policy_for(gas, "normal") == (Decimal("0.5"), Decimal("1"))
    # a leaf under 房屋与拆迁 takes its parent's full working days
    leaf = Category.objects.get(code="010502")
    assert policy_with_source(leaf, "normal") == (Decimal("1"), Decimal("5"),
                                                  "分类“房屋与拆迁”（一般）")
    water = Category.objects.get(code="010101")
    assert policy_with_source(water, "urgent")[2] == "全县默认（紧急）"


def test_the_demand_page_says_which_policy_gave_the_deadlines(client, county, make_demand):
    leaf = Category.objects.get(code="010502")
    demand = make_demand(category=leaf)
    (lead,) = demand_dispatch(actor=county.dispatcher, demand=demand, lead_unit=county.water)
    assert (lead.reply_due_at - lead.dispatched_at).days >= 5  # five working days
    client.force_login(county.dispatcher)
    body = html(client.get(f"/demands/{demand.pk}/"))
    assert "时限依据：分类“房屋与拆迁”（一般）" in body


def test_the_policies_are_read_once_and_a_change_applies_to_the_next_dispatch(
        county, make_demand):
    """Issue #25: dispatch reads the policy table from the cache, not once per deadline; saving
    or deleting a policy row drops the cached table, so the next deadline follows the change."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    leaf = Category.objects.get(code="010502")  # 房屋与拆迁: 5 working days
    urgent = DeadlinePolicy.objects.get(category=leaf.parent, grade="urgent")
    assert policy_for(leaf, "normal") == (Decimal("1"), Decimal("5"))
    with CaptureQueriesContext(connection) as reads:
        assert policy_for(leaf, "normal") == (Decimal("1"), Decimal("5"))
        assert policy_for(leaf, "urgent") == (urgent.acknowledge_hours, urgent.reply_days)
    assert not [q for q in reads.captured_queries if "deadlinepolicy" in q["sql"]]

    policy = DeadlinePolicy.objects.get(category=leaf.parent, grade="normal")
    policy.reply_days = Decimal("3")
    policy.save()
    assert policy_for(leaf, "normal") == (Decimal("1"), Decimal("3"))
    demand = make_demand(category=leaf)
    (lead,) = demand_dispatch(actor=county.dispatcher, demand=demand, lead_unit=county.water)
    assert lead.reply_due_at == reply_deadline(lead.dispatched_at, Decimal("3")).due_at

    policy.delete()
    assert policy_with_source(leaf, "normal")[2] == "全县默认（一般）"
