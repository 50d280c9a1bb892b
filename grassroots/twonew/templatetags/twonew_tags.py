from django import template

register = template.Library()


@register.filter
def pct(rate):
    """A rate as a percentage with one decimal; "—" when there is no denominator."""
    return "—" if rate is None else f"{rate * 100:.1f}%"
