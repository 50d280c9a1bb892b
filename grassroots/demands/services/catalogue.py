"""Seeding and editing the category tree and the dispatch catalogue."""

from django.db import transaction

from grassroots.orgs.models import Organization

from ..catalogue_data import TREE
from ..models import Category, DispatchRule


def categories_seed(category_model=Category) -> int:
    """Create the seed tree where it is missing; existing (edited) categories are kept."""
    created = 0
    with transaction.atomic():
        existing = {c.code: c for c in category_model.objects.all()}
        for code1, name1, children in TREE:
            root = existing.get(code1)
            if root is None:
                root = existing[code1] = category_model.objects.create(code=code1, name=name1, level=1)
                created += 1
            for code2, name2, leaves in children:
                mid = existing.get(code2)
                if mid is None:
                    mid = existing[code2] = category_model.objects.create(
                        code=code2, name=name2, level=2, parent=root)
                    created += 1
                for code3, name3, _unit in leaves:
                    if code3 not in existing:
                        existing[code3] = category_model.objects.create(
                            code=code3, name=name3, level=3, parent=mid)
                        created += 1
    return created


def dispatch_catalogue_seed() -> int:
    """Default units for the seed categories, for the units this installation has."""
    units = {o.code: o for o in Organization.objects.filter(is_handling_unit=True)}
    categories = {c.code: c for c in Category.objects.filter(level=3)}
    have = set(DispatchRule.objects.filter(town__isnull=True).values_list("category_id", flat=True))
    rules = []
    for _code1, _name1, children in TREE:
        for _code2, _name2, leaves in children:
            for code3, _name3, unit_code in leaves:
                cat, unit = categories.get(code3), units.get(unit_code)
                if cat is not None and unit is not None and cat.pk not in have:
                    rules.append(DispatchRule(category=cat, unit=unit))
    DispatchRule.objects.bulk_create(rules)
    return len(rules)
