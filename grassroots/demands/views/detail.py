"""The demand detail panel: what the demand is, who handles it, what happened, what I may do."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _

from grassroots.orgs.models import Organization

from .. import selectors
from ..advisors import dispatch_suggestions
from ..models import (
    ACTIVE_STATUSES_ASSIGNMENT,
    Assignment,
    AssignmentRole,
    Demand,
    DemandStatus,
    Outcome,
)
from ..origins import origin_display
from ..services import NOTE_KINDS, catalogue_rule_for
from ..services.deadlines import policy_with_source
from ..transitions import Action
from .common import countdown, timeline_rows

# available_actions() codes → the form that offers them.
FORM_FOR_ACTION = {
    "acknowledge": "acknowledge",
    "return": "return",
    "escalate_return": "escalate_return",
    "note": "note",
    "request_extension": "request_extension",
    "reply": "reply",
    "approve_return": "decide_return",
    "reject_return": "decide_return",
    "approve_extension": "decide_extension",
    "refuse_extension": "decide_extension",
    "signoff_approve": "sign_off",
    "signoff_return": "sign_off",
}
FORM_ORDER = ["sign_off", "acknowledge", "note", "reply", "request_extension", "return", "escalate_return",
              "decide_return", "decide_extension"]


def demand_assignments(demand: Demand) -> list[Assignment]:
    rows = list(Assignment.objects.filter(demand=demand).select_related("unit")
                .order_by("round", "dispatched_at", "id"))
    # Lead first within a round, so the page reads "主办 … 协办 …".
    rows.sort(key=lambda a: (a.round, a.role != AssignmentRole.LEAD, a.pk))
    return rows


def panel_context(request, demand: Demand, *, error: dict | None = None, done: str = "",
                  post=None) -> dict:
    """Everything the detail panel shows; a constant number of queries whatever the history.

    ``post``: what was typed into the refused form (default: this request's POST)."""
    user = request.user
    post = request.POST if post is None else post
    assignments = demand_assignments(demand)
    unit_names = {a.pk: str(a.unit) for a in assignments}
    events = selectors.demand_timeline(demand, assignments)
    timeline = timeline_rows(events, demand_ct_id=ContentType.objects.get_for_model(Demand).pk,
                             unit_names=unit_names)
    attachments = list(demand.attachments.all().order_by("uploaded_at", "id"))
    error = error or {}
    err_form, _sep, err_pk = error.get("key", "").rpartition("-")
    # The lead consolidates the assisting replies: its reply form names those still missing.
    assist_pending = [str(a.unit) for a in assignments
                      if a.role == AssignmentRole.ASSISTING and a.status in ACTIVE_STATUSES_ASSIGNMENT]
    rows = []
    for a in assignments:
        forms = {FORM_FOR_ACTION[x] for x in selectors.available_actions(user, a)
                 if x in FORM_FOR_ACTION}
        mine = err_pk == str(a.pk)
        rows.append({
            "a": a,
            "countdown": countdown(a.due_at),
            "forms": [f for f in FORM_ORDER if f in forms],
            "photos": [p for p in attachments if p.assignment_id == a.pk],
            "error_form": err_form if mine else "",
            "error": error if mine else {},
            "post": post if mine else {},
            "assist_pending": assist_pending if a.role == AssignmentRole.LEAD else [],
        })
    # The demand's own actions, from its table and the parts this user plays.
    demand_actions = selectors.demand_available_actions(user, demand)
    can_dispatch = Action.DISPATCH in demand_actions
    units = []
    default_rule = None
    if can_dispatch or any("decide_return" in r["forms"] for r in rows):
        units = list(Organization.objects.handling_units().order_by("code"))
    if can_dispatch:
        default_rule = catalogue_rule_for(demand)
    can_merge = Action.MERGE in demand_actions
    follow_up = Action.FOLLOW_UP in demand_actions
    # A refused action whose form is no longer offered (the state moved on) is shown on top.
    in_form = (any(r["error_form"] in r["forms"] for r in rows)
               or {"dispatch": can_dispatch, "merge": can_merge,
                   "follow_up": follow_up}.get(error.get("key", ""), False))
    return {
        "demand": demand,
        "origin": origin_display(demand, user),
        "assignments": rows,
        "top_error": error.get("message", "") if error and not in_form else "",
        "timeline": timeline,
        "intake_photos": [p for p in attachments if p.assignment_id is None],
        "followups": list(demand.followups.all()),
        # Which deadline policy the orders' deadlines come from (the policy in force now).
        "deadline_policy": (policy_with_source(demand.category, demand.grade)[2]
                            if assignments else ""),
        "can_dispatch": can_dispatch,
        "can_merge": can_merge,
        "can_follow_up": follow_up,
        "units": units,
        "default_lead_id": default_rule.unit_id if default_rule else None,
        "default_assisting_ids": ([u.pk for u in default_rule.assisting_units.all()]
                                  if default_rule else []),
        "suggestions": (dispatch_suggestions([demand]).get(demand.pk, {}) if can_dispatch
                        else {}),  # {}: nothing to show, not to be computed again
        "note_kinds": [(k, _(v)) for k, v in NOTE_KINDS.items()],
        "outcomes": Outcome.choices,
        "dispatch_countdown": (countdown(demand.dispatch_due_at)
                               if demand.status == DemandStatus.RECEIVED else None),
        "error": error,
        "done": done,
        "post": post if error else {},
        "next": "",
    }
