"""Unit pickers rendered in Python: the dispatch queue repeats them for every demand on the page,
and 50 demands × 60 units × 2 pickers is too many template nodes for a page that must be fast."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


def _page_cache(context) -> dict:
    """A dict that lives for the whole page render. ``render_context`` itself is pushed and
    popped around every ``{% include %}`` (the queue includes the dispatch form once per
    demand), so the cache is kept in its bottom layer, which the top-level render owns."""
    return context.render_context.dicts[0].setdefault("dispatch_tags", {})


def _labels(context, units):
    """(pk, escaped label) of each unit, built once per page render for the same unit list."""
    cache = _page_cache(context)
    key = ("units", id(units))
    if key not in cache:
        cache[key] = (units, [(u.pk, escape(str(u))) for u in units])  # keeps ``units`` alive
    return cache[key][1]


@register.simple_tag(takes_context=True)
def unit_options(context, units, selected_id=None):
    parts = []
    for pk, label in _labels(context, units):
        sel = " selected" if pk == selected_id else ""
        parts.append(f'<option value="{pk}"{sel}>{label}</option>')
    return mark_safe("".join(parts))  # noqa: S308 - labels are escaped above


@register.simple_tag(takes_context=True)
def unit_checkboxes(context, units, checked_ids=(), name="assisting_units"):
    checked_ids = set(checked_ids or ())
    parts = []
    name = escape(name)
    for pk, label in _labels(context, units):
        chk = " checked" if pk in checked_ids else ""
        parts.append(f'<label class="check"><input type="checkbox" name="{name}" '
                     f'value="{pk}"{chk}> {label}</label>')
    return mark_safe("".join(parts))  # noqa: S308 - labels are escaped above


@register.simple_tag(takes_context=True)
def dispatch_category_options(context):
    """Options of the dispatch form's category picker (shown for unclassified demands), built
    once per page render: the queue may show it for many demands."""
    cache = _page_cache(context)
    cached = cache.get("category_options")
    if cached is None:
        from ..forms import dispatch_category_choices

        units = catalogue_units()
        parts = []
        for value, label in dispatch_category_choices():
            if isinstance(label, (list, tuple)):
                inner = "".join(f'<option value="{pk}"{units.get(pk, "")}>{escape(name)}</option>'
                                for pk, name in label)
                parts.append(f'<optgroup label="{escape(value)}">{inner}</optgroup>')
            else:
                parts.append(f'<option value="{escape(value)}">{escape(label)}</option>')
        cached = cache["category_options"] = mark_safe(  # noqa: S308
            "".join(parts))  # every label is escaped above
    return cached


def catalogue_units() -> dict[int, str]:
    """Per category, the data attributes naming the catalogue's lead unit, so that picking a
    category on an unclassified demand preselects it (demands.js): ``data-unit`` county-wide,
    ``data-town-units`` ("town:unit;…") where a town has its own rule. The resolution is
    ``services.catalogue_rule_for``'s: walk up the tree; at each level the town's rule wins."""
    from ..models import Category, DispatchRule

    parents = dict(Category.objects.values_list("id", "parent_id"))
    index = {(c, t): u for c, t, u in DispatchRule.objects.values_list(
        "category_id", "town_id", "unit_id")}
    towns = sorted({t for _c, t in index if t is not None})

    def resolve(category_id, town_id):
        seen = set()
        while category_id and category_id not in seen:
            seen.add(category_id)
            unit = ((index.get((category_id, town_id)) if town_id else None)
                    or index.get((category_id, None)))
            if unit:
                return unit
            category_id = parents.get(category_id)
        return None

    out = {}
    for category_id in parents:
        county = resolve(category_id, None)
        own = [(t, resolve(category_id, t)) for t in towns]
        own = ";".join(f"{t}:{u}" for t, u in own if u and u != county)
        attrs = (f' data-unit="{county}"' if county else "") + (
            f' data-town-units="{own}"' if own else "")
        if attrs:
            out[category_id] = attrs
    return out
