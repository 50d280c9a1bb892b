"""Template tags for the includes other apps' templates add (they cannot pass our data)."""

from django import template

from grassroots.core.policy import can

register = template.Library()


@register.simple_tag(takes_context=True)
def triage_duplicates(context, demand, given=None):
    """Open near-duplicates of ``demand`` for a dispatcher; an empty list for anyone else.

    A list page passes ``given`` (from ``duplicates_for_demands``) to stay at one query."""
    from ..selectors import duplicates_for_demand

    request = context.get("request")
    if demand is None or request is None or not can(request.user, "triage.see_duplicates"):
        return []
    if isinstance(given, list):
        return given
    return duplicates_for_demand(demand)


@register.simple_tag
def triage_suggestions(demand, given=None):
    """The suggestions the view passed (``dispatch_suggestions``) or, without them, computed
    for this one demand. A view that computed them and found none passes ``{}``: not asked
    again once per row (the queue shows 50 forms)."""
    if given is not None:
        return given or None
    if demand is None:
        return None
    from ..selectors import dispatch_suggestions

    return dispatch_suggestions([demand]).get(demand.pk)


@register.filter
def percent(value):
    """0.734 → "73%". A confidence that is not exactly 0 or 1 never shows as "0%" or "100%"
    (a suggestion at 0.2 % read as "0%", one at 99.7 % as a certain "100%")."""
    try:
        value = float(value)
    except (TypeError, ValueError):
        return ""
    if 0 < value < 0.005:
        return "<1%"
    if 0.995 <= value < 1:
        return ">99%"
    return f"{value * 100:.0f}%"


@register.simple_tag
def triage_reply_gate():
    """Whether closing a flagged reply needs a reason (the county's setting)."""
    from ..models import TriageSettings

    return TriageSettings.load().reply_gate_enabled


@register.simple_tag
def triage_reply_flags(demand):
    """Why the current lead reply of ``demand`` was flagged ([] when it was not)."""
    from ..selectors import reply_flag_reasons

    return reply_flag_reasons(demand) if demand is not None else []


@register.simple_tag
def triage_draft_flags(assignment):
    """Why a reply waiting for the unit leader's sign-off would be flagged by the reply-quality
    check ([] when it would not): scored on the stored draft, nothing written."""
    from ..selectors import reply_quality_check

    if assignment is None or not assignment.reply_text:
        return []
    score = reply_quality_check(assignment.demand, assignment.reply_text, assignment=assignment)
    if not score.flagged:
        return []
    return [f"综合得分{score.overall:.0%}", *score.reasons]
