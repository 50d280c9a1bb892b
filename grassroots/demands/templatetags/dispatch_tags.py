"""Unit pickers rendered in Python: the dispatch queue repeats them for every demand on the page,
and 50 demands × 60 units × 2 pickers is too many template nodes for a page that must be fast."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


def _labels(units):
    return [(u.pk, escape(str(u))) for u in units]


@register.simple_tag
def unit_options(units, selected_id=None):
    parts = []
    for pk, label in _labels(units):
        sel = " selected" if pk == selected_id else ""
        parts.append(f'<option value="{pk}"{sel}>{label}</option>')
    return mark_safe("".join(parts))  # noqa: S308 - labels are escaped above


@register.simple_tag
def unit_checkboxes(units, checked_ids=(), name="assisting_units"):
    checked_ids = set(checked_ids or ())
    parts = []
    for pk, label in _labels(units):
        chk = " checked" if pk in checked_ids else ""
        parts.append(f'<label class="check"><input type="checkbox" name="{escape(name)}" '
                     f'value="{pk}"{chk}> {label}</label>')
    return mark_safe("".join(parts))  # noqa: S308 - labels are escaped above


@register.simple_tag(takes_context=True)
def dispatch_category_options(context):
    """Options of the dispatch form's category picker (shown for unclassified demands), built
    once per page render: the queue may show it for many demands."""
    cached = context.render_context.get("dispatch_category_options")
    if cached is None:
        from ..forms import dispatch_category_choices

        parts = []
        for value, label in dispatch_category_choices():
            if isinstance(label, (list, tuple)):
                inner = "".join(f'<option value="{pk}">{escape(name)}</option>'
                                for pk, name in label)
                parts.append(f'<optgroup label="{escape(value)}">{inner}</optgroup>')
            else:
                parts.append(f'<option value="{escape(value)}">{escape(label)}</option>')
        cached = context.render_context["dispatch_category_options"] = mark_safe(  # noqa: S308
            "".join(parts))  # every label is escaped above
    return cached
