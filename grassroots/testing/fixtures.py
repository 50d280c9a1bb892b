"""Test data every app's tests share: one way to make a category tree, a demand and the
security auditor (the root conftest.py wraps them as the ``categories`` and ``make_demand``
fixtures; app conftests override ``categories`` or ``demand_defaults`` instead of copying)."""

from __future__ import annotations

from grassroots.core.scope import Role

from .factories import make_member

# A phone demand about low water pressure in town A, taken by the dispatch centre.
DEMAND_FIELDS = {
    "channel": "phone", "type": "help", "title": "小区水压低",
    "text": "金城社区3号楼最近一周水压很低，楼上用不上水。",
    "citizen_phone": "13912345678", "citizen_name": "赵先生",
}


def category_tree(code: str = "T01", name: str = "城乡建设（测试）", *,
                  other: tuple[str, str] | None = None) -> dict:
    """root (level 1) → water (供水, level 2) → pressure (水压低, level 3); ``other``: a second
    root (code, name)."""
    from grassroots.demands.models import Category

    root = Category.objects.create(name=name, code=code, level=1)
    water = Category.objects.create(name="供水", code=f"{code}01", level=2, parent=root)
    pressure = Category.objects.create(name="水压低", code=f"{code}0101", level=3, parent=water)
    tree = {"root": root, "water": water, "pressure": pressure}
    if other:
        tree["other"] = Category.objects.create(code=other[0], name=other[1], level=1)
    return tree


def make_demand(county, *, actor=None, **fields):
    """A received demand through ``demand_create`` (the dispatch centre's phone intake unless
    ``actor``/``fields`` say otherwise), in town A's village."""
    from grassroots.demands.services import demand_create

    values = {**DEMAND_FIELDS, "division": county.village_a, **fields}
    return demand_create(actor=actor or county.dispatcher, **values)


def make_auditor(county):
    """The security auditor (等保 安全审计员), a member of the county government."""
    return make_member(username="t_auditor", role=Role.AUDITOR, name="审计员",
                       organization=county.admin.person.memberships.first().organization)
