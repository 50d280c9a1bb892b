"""The disposal sub-area's top-bar links and landing cards (section ``party``)."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from grassroots.core.policy import can


def disposal_nav(user, scope) -> list[dict]:
    items = []
    if can(user, "partymembers.dsp_view"):
        items.append({"label": _("不合格党员处置"), "url": "/party/disposal/", "section": "party"})
    return items


def disposal_cards(user, scope) -> list[dict]:
    from .models import State
    from .selectors import cases_in_scope

    if not can(user, "partymembers.dsp_view"):
        return []
    row = cases_in_scope(user).filter(state=State.CANDIDATE).aggregate(n=Count("pk"))
    if not row["n"]:
        return []
    return [{"section": "party", "kind": "warning", "label": _("待研究的处置线索"),
             "count": row["n"], "url": "/party/disposal/?state=candidate"}]
