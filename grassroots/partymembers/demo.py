"""S2's demo steps (the demo builder's plug-in): each sub-area's step is registered here."""

from grassroots.demo.registry import register_step
from grassroots.demo.summary import register_counts

from .development import demo as development_demo  # noqa: F401 - registers its step
from .disposal import demo as disposal_demo  # noqa: F401 - registers its step
from .points import demo as points_demo  # noqa: F401 - registers its step
from .records.seed import records_counts, seed_records

register_step("party_records", seed_records, order=750, label="党员档案、党费与组织关系转接")
register_counts(records_counts, labels={
    "party_dues_bills": "党费账单", "party_transfers": "组织关系转接",
    "party_transfers_expired": "已过期的介绍信", "party_lost_contact": "失联党员"})
