"""``{% rule_warnings case %}`` shows a case's soft-rule warnings in red on its card;
``{{ row|rule_row_class }}`` gives ``"overdue"`` for a row a supervision list should show red
(a row annotated by ``checks.overdue_annotate`` or flagged ``is_overdue``)."""

from django import template

register = template.Library()


@register.inclusion_tag("rulesets/_warnings.html")
def rule_warnings(case):
    return {"warnings": list(getattr(case, "warnings", None) or []),
            "overdue": bool(getattr(case, "is_overdue", False))}


@register.filter
def rule_row_class(row) -> str:
    flagged = getattr(row, "overdue", None)
    if flagged is None:
        flagged = getattr(row, "is_overdue", False)
    return "overdue" if flagged else ""
