"""The one definition of a demand's timeline rows, for staff and for the public.

Staff rows (the detail panel, the staff API) show every event with the actor's name; public rows
(the citizen's own pages, tracking by number, the citizen's API) follow ``public_timeline`` in
``selectors``: the demand's own events, no staff names, no internal notes. An anonymous
demand's submitter is never named to anyone but themselves (docs/security.md, "Anonymity").
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from grassroots.core.timeline import ANONYMOUS_ACTOR, event_row

from .models import AssignmentStatus, DemandStatus
from .transitions import Action

# Events written by services that are not rows of the transition tables.
EXTRA_ACTION_LABELS = {
    "create": gettext_lazy("受理登记"),
    "close": gettext_lazy("办结"),
    "status": gettext_lazy("状态变更"),
    "recurrence_flagged": gettext_lazy("疑似重复发生"),
    "categorized": gettext_lazy("派单时确定分类"),
    "unconsolidated": gettext_lazy("未汇总协办答复即答复"),
}
# Internal steps the public timeline leaves out (the category is the dispatcher's business).
INTERNAL_ACTIONS = {"categorized", "unconsolidated"}
# Notes that a citizen may read on the public pages; everything else is internal.
PUBLIC_NOTE_ACTIONS = {"create", Action.REPLY, Action.SOLVE_ON_SPOT, Action.FOLLOW_UP,
                       Action.REOPEN}


def action_label(code: str) -> str:
    try:
        return str(Action(code).label)
    except ValueError:
        return str(EXTRA_ACTION_LABELS.get(code, code))


def state_label(code: str, *, of_assignment: bool) -> str:
    if not code:
        return ""
    choices = AssignmentStatus if of_assignment else DemandStatus
    try:
        return str(choices(code).label)
    except ValueError:
        return code


SAME_STEP_SECONDS = 5


def timeline_rows(events, *, demand_ct_id: int, unit_names: dict[int, str],
                  public: bool = False, citizen_user_id: int | None = None,
                  own_anonymous: bool = False) -> list[dict]:
    """Events as rows for components/timeline.html.

    Public rows (the citizen's own pages, tracking by number) follow the demand alone — its
    assignments' steps are the units' business and would tell the same progress twice — name
    a state change by what caused it, and carry no staff names. ``own_anonymous``: the viewer
    is the anonymous demand's submitter (the events themselves name nobody)."""
    events = list(events)
    # Staff rows show each unit's step; the demand's own row for the same step (its dispatch,
    # or the state change an acknowledge or reply caused) would tell it a second time.
    unit_steps = [(e.at, e.action) for e in events if e.content_type_id != demand_ct_id]

    def told_by_a_unit(e, action) -> bool:
        return any(a == action and abs((at - e.at).total_seconds()) <= SAME_STEP_SECONDS
                   for at, a in unit_steps)

    # A state change the demand's own event of the same step already tells (a reopen writes
    # its 重新办理 row and then the status change it caused).
    own_steps = [(e.at, e.action) for e in events
                 if e.content_type_id == demand_ct_id and e.action != "status"]

    def told_by_the_demand(e, action) -> bool:
        return any(a == action and abs((at - e.at).total_seconds()) <= SAME_STEP_SECONDS
                   for at, a in own_steps)

    rows = []
    for e in events:
        of_assignment = e.content_type_id != demand_ct_id
        if public and (of_assignment or e.action in INTERNAL_ACTIONS):
            continue
        cause = (e.extra or {}).get("cause") if e.action == "status" else None
        if public and cause and told_by_the_demand(e, cause):
            continue
        if not public and not of_assignment and told_by_a_unit(e, cause or e.action):
            continue
        label = action_label(e.action)
        if public and cause:
            label = action_label(cause)
        if of_assignment and e.object_id in unit_names and not public:
            label = _("【%(unit)s】%(action)s") % {"unit": unit_names[e.object_id], "action": label}
        actor_name = None  # the person's name
        anonymous = e.actor_id is None and (e.extra or {}).get("anonymous")
        if public:
            if e.actor_id and e.actor_id == citizen_user_id or anonymous and own_anonymous:
                actor_name = _("本人")
            elif anonymous:
                actor_name = str(ANONYMOUS_ACTOR)
            else:
                actor_name = _("工作人员") if e.actor_id else ""
        note = e.note
        if public and e.action not in PUBLIC_NOTE_ACTIONS:
            note = ""
        rows.append(event_row(
            e, label=label,
            from_label=state_label(e.from_state, of_assignment=of_assignment),
            to_label=state_label(e.to_state, of_assignment=of_assignment),
            actor_name=actor_name, note=note))
    return rows
