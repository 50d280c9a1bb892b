"""Dispatch suggestions: feedback on every dispatch, and auto-dispatch above a threshold."""

from __future__ import annotations

import logging

from django.contrib.auth.hashers import make_password
from django.db import transaction

from grassroots.core.errors import ApplicationError
from grassroots.core.scope import Role
from grassroots.demands.models import Demand, DemandStatus
from grassroots.orgs.services import membership_grant

from ..models import SuggestionFeedback, TriageSettings

log = logging.getLogger(__name__)
SYSTEM_USERNAME = "system_triage"


def system_dispatcher():
    """The account auto-dispatch acts as: a dispatcher of the dispatch centre that cannot log
    in (unusable password, inactive, so it receives no notifications). None without a centre."""
    from grassroots.orgs.models import Organization, OrganizationKind
    from grassroots.people.models import Person, PersonKind, User

    user = User.objects.filter(username=SYSTEM_USERNAME).first()
    if user is not None:
        return user
    centre = Organization.objects.filter(kind=OrganizationKind.DISPATCH_CENTRE,
                                         is_active=True).order_by("pk").first()
    if centre is None:
        return None
    with transaction.atomic():
        user = User.objects.create(username=SYSTEM_USERNAME, password=make_password(None),
                                   is_active=False)
        person = Person.objects.create(name="智能派单", kind=PersonKind.CADRE, user=user)
        membership_grant(actor=None, person=person, organization=centre,
                         role=Role.DISPATCHER, title="系统")
    return user


def feedback_record(*, demand: Demand, assignment, actor) -> SuggestionFeedback | None:
    """Compare the lead unit chosen with what the unit model suggests (what the dispatcher saw)."""
    from ..selectors import suggest_for_demand

    s = suggest_for_demand(demand)
    if not s["units"] or assignment is None:
        return None
    suggested = [[o.pk, str(o), round(conf, 4)] for o, conf in s["units"]]
    rank = next((i + 1 for i, (o, _c) in enumerate(s["units"]) if o.pk == assignment.unit_id),
                None)
    return SuggestionFeedback.objects.create(
        demand=demand, assignment=assignment, model_id=s["unit_model_pk"],
        model_version=s["unit_version"], suggested=suggested, chosen_unit_id=assignment.unit_id,
        accepted=rank is not None, rank=rank,
        auto=getattr(actor, "username", "") == SYSTEM_USERNAME, actor=actor,
    )


def auto_dispatch(demand_pk: int) -> bool:
    """After intake commits: dispatch to the top unit when the county has turned auto-dispatch
    on and the model is confident enough. Everything else stays with a person."""
    from grassroots.demands.services import demand_dispatch

    from ..selectors import suggest_for_demand

    cfg = TriageSettings.load()
    if not cfg.auto_dispatch_enabled:
        return False
    demand = Demand.objects.filter(pk=demand_pk, status=DemandStatus.RECEIVED).first()
    if demand is None:
        return False
    units = suggest_for_demand(demand)["units"]
    if not units:
        return False
    unit, conf = units[0]
    if conf < cfg.auto_dispatch_threshold:
        return False
    actor = system_dispatcher()
    if actor is None:
        log.warning("triage: auto-dispatch skipped, no dispatch centre organisation")
        return False
    try:
        demand_dispatch(actor=actor, demand=demand, lead_unit=unit,
                        note=f"智能派单（置信度{conf:.0%}）")
    except ApplicationError as exc:  # e.g. dispatched by a person in the meantime
        log.info("triage: auto-dispatch of %s not done: %s", demand.number, exc.message)
        return False
    return True
