"""Deadlines from the county's policy per category and grade, on the work calendar."""

from datetime import datetime
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from grassroots.workcal.services import Deadline, add_working_days, add_working_hours

from ..models import DeadlinePolicy, Grade

# The county's defaults (DESIGN §1 S1): acknowledge within 1 working hour, reply within 2 working
# days; urgent grades shorter.
DEFAULTS = {
    Grade.NORMAL: (Decimal("1"), Decimal("2")),
    Grade.URGENT: (Decimal("0.5"), Decimal("1")),
    Grade.VERY_URGENT: (Decimal("0.5"), Decimal("0.5")),
}
# Working hours the dispatch centre has to dispatch a received demand (12345: sign within 1 hour).
DISPATCH_HOURS = 1
HOURS_PER_DAY = Decimal("7.5")


def policy_for(category, grade) -> tuple[Decimal, Decimal]:
    """(acknowledge working hours, reply working days) for a category and grade.

    The most specific policy wins: the category, then its ancestors, then the county default row,
    then the built-in defaults.
    """
    ack, reply, _source = policy_with_source(category, grade)
    return ack, reply


def policy_with_source(category, grade) -> tuple[Decimal, Decimal, str]:
    """``policy_for`` and which policy gave the deadlines, as the pages say it:
    "分类“供水”（紧急）", "全县默认（一般）" or "系统默认（一般）"."""
    grade_label = str(Grade(grade).label) if grade in Grade.values else str(grade)
    ack, reply, node = _resolve(category, grade)
    if node is None:
        return ack, reply, _("全县默认（%(grade)s）") % {"grade": grade_label}
    if node is False:
        return ack, reply, _("系统默认（%(grade)s）") % {"grade": grade_label}
    return ack, reply, _("分类“%(category)s”（%(grade)s）") % {"category": node.name,
                                                          "grade": grade_label}


def _resolve(category, grade):
    chain = list(category.ancestors_and_self()) if category is not None else []
    policies = {
        p.category_id: p
        for p in DeadlinePolicy.objects.filter(grade=grade).filter(
            Q(category_id__in=[c.pk for c in chain]) | Q(category__isnull=True)
        )
    }
    for node in chain:
        if node.pk in policies:
            p = policies[node.pk]
            return p.acknowledge_hours, p.reply_days, node
    if None in policies:
        return policies[None].acknowledge_hours, policies[None].reply_days, None
    return (*DEFAULTS.get(grade, DEFAULTS[Grade.NORMAL]), False)


def reply_deadline(start: datetime, reply_days: Decimal, paused=()) -> Deadline:
    whole = int(reply_days)
    if reply_days == whole:
        return add_working_days(start, whole, paused=paused)
    return add_working_hours(start, float(reply_days * HOURS_PER_DAY), paused=paused)


def assignment_deadlines(start: datetime, category, grade) -> tuple[Deadline, Deadline]:
    ack_hours, reply_days = policy_for(category, grade)
    return add_working_hours(start, float(ack_hours)), reply_deadline(start, reply_days)


def dispatch_deadline(start: datetime) -> Deadline:
    return add_working_hours(start, DISPATCH_HOURS)
