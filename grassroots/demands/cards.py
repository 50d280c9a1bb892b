"""Landing-page cards and top-bar links of the demand pages, per role.

Registered from DemandsConfig.ready(); each card is one COUNT query.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.core.dashboard import register_cards, register_nav
from grassroots.core.policy import allows
from grassroots.core.scope import get_scope

from . import selectors
from .models import (
    ACTIVE_STATUSES_ASSIGNMENT,
    OPEN_STATUSES,
    SIGNOFF_STATUSES,
    Assignment,
    AssignmentStatus,
    Demand,
    DemandStatus,
)


def _card(key, label, count, url, tone="", kind="waiting"):
    return {"key": key, "label": label, "count": count, "url": url,
            "tone": tone if count else "ok", "section": "demands", "kind": kind}


def demand_cards(user, scope=None) -> list[dict]:
    scope = scope or get_scope(user)
    if scope.user_id is None:
        return []
    cards = []
    now = timezone.now()
    if allows(scope, "demands.dispatch"):
        cards.append(_card("dispatch-waiting", _("待派单"),
                           Demand.objects.filter(status=DemandStatus.RECEIVED).count(),
                           "/dispatch/", "warn"))
        cards.append(_card("dispatch-disputes", _("待裁定退单/延期"),
                           selectors.disputes_queue(user).count(), "/dispatch/#disputes", "bad"))
        cards.append(_card("dispatch-followup", _("待回访"),
                           Demand.objects.filter(status=DemandStatus.REPLIED).count(),
                           "/demands/?status=replied", "warn"))
    if scope.unit_ids:
        inbox = Assignment.objects.filter(unit_id__in=scope.unit_ids)
        cards.append(_card("inbox-dispatched", _("待签收"),
                           inbox.filter(status=AssignmentStatus.DISPATCHED).count(),
                           "/inbox/", "warn"))
        cards.append(_card("inbox-handling", _("办理中"), inbox.filter(status__in=(
            AssignmentStatus.ACKNOWLEDGED, AssignmentStatus.HANDLING,
            AssignmentStatus.EXTENSION_REQUESTED)).count(), "/inbox/", ""))
        # Working hours, as the inbox colours its countdowns.
        cards.append(_card("inbox-due", _("临期/超期"), inbox.filter(
            status__in=ACTIVE_STATUSES_ASSIGNMENT,
            due_at__lt=selectors.near_due_before(now)).count(), "/inbox/", "bad",
            kind="deadline"))
    if allows(scope, "demands.sign_off"):
        cards.append(_card("signoff-waiting", _("待我审核"), Assignment.objects.filter(
            unit_id__in=scope.ids("leader_unit"), status__in=SIGNOFF_STATUSES).count(),
            "/signoff/", "warn"))
    if allows(scope, "demands.citizen_account"):
        mine = Demand.objects.filter(citizen_id=scope.person_id)
        cards.append(_card("my-demands", _("我的诉求"), mine.count(), "/my/", ""))
        cards.append(_card("my-to-rate", _("待评价"),
                           mine.filter(status=DemandStatus.REPLIED).count(), "/my/", "warn"))
    if scope.is_secretary:
        month_start = timezone.localtime(now).replace(day=1, hour=0, minute=0, second=0,
                                                      microsecond=0)
        collected = Demand.objects.filter(
            Q(grid_id__in=scope.grid_ids) | Q(created_by_id=user.pk),
            received_at__gte=month_start).count()
        # The list the card opens shows the same demands: this month's in my scope (my grids'
        # and those I registered), from every channel.
        cards.append(_card("grid-month", _("本月收集"), collected,
                           f"/demands/?date_from={month_start:%Y-%m-%d}", ""))
        # A count is never a warning here.
        cards[-1]["tone"] = ""
    if scope.is_supervisor:
        # Demands, as the list it opens counts them (a demand whose lead and assisting units
        # are both late is one line there).
        # Demands waiting for dispatch past their dispatch deadline are in it too.
        overdue = Demand.objects.filter(status__in=OPEN_STATUSES).filter(
            selectors.overdue_demands_q(now)).count()
        cards.append(_card("county-overdue", _("全县超期工单"), overdue,
                           "/demands/?overdue=1&status=open", "bad",
                           kind="warning"))
    return cards


def demand_nav(user, scope) -> list[dict]:
    # Each link shows when the page's own rule lets the user in.
    items = []
    if allows(scope, "demands.dispatch"):
        items.append({"label": _("派单"), "url": "/dispatch/", "section": "demands"})
    if allows(scope, "demands.inbox"):
        items.append({"label": _("工单"), "url": "/inbox/", "section": "demands"})
    if allows(scope, "demands.sign_off"):
        items.append({"label": _("审核"), "url": "/signoff/", "section": "demands"})
    if allows(scope, "demands.staff_view"):
        items.append({"label": _("诉求"), "url": "/demands/", "section": "demands"})
    # Visits (with the demands collected on them) are recorded on the grid-work visit form.
    if allows(scope, "demands.intake_phone"):
        items.append({"label": _("电话受理"), "url": "/phone/new/", "section": "demands"})
    if allows(scope, "demands.citizen_account"):
        items.append({"label": _("我的诉求"), "url": "/my/", "section": "demands"})
        items.append({"label": _("提交诉求"), "url": "/my/new/", "section": "demands"})
    return items


register_cards(demand_cards)
register_nav(demand_nav)
