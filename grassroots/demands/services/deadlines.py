"""Deadlines from the county's policy per category and grade, on the work calendar."""

from datetime import datetime
from decimal import Decimal

from django.core.cache import cache
from django.utils.translation import gettext as _

from grassroots.workcal.services import Deadline, add_working_days, add_working_hours

from ..models import DeadlinePolicy, Grade
from ..models.catalogue import POLICY_CACHE_KEY

POLICY_CACHE_SECONDS = 600

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


def policy_table() -> dict[tuple[int | None, str], tuple[Decimal, Decimal]]:
    """Every policy row, ``{(category id or None, grade): (acknowledge hours, reply days)}``.

    Read by every dispatch (issue #25: a cached reference read instead of a query per
    deadline): kept in the shared cache (Redis in production) and dropped when a policy row is
    saved or deleted (``DeadlinePolicy.save``/``delete``), at once and after commit; the
    timeout bounds what a change made behind the model's back (SQL, a data migration) can
    leave stale.
    """
    table = cache.get(POLICY_CACHE_KEY)
    if table is None:
        table = {(category_id, grade): (ack, reply) for category_id, grade, ack, reply
                 in DeadlinePolicy.objects.values_list("category_id", "grade",
                                                       "acknowledge_hours", "reply_days")}
        cache.set(POLICY_CACHE_KEY, table, timeout=POLICY_CACHE_SECONDS)
    return table


def _resolve(category, grade):
    chain = list(category.ancestors_and_self()) if category is not None else []
    policies = policy_table()
    for node in chain:
        if (node.pk, grade) in policies:
            return (*policies[node.pk, grade], node)
    if (None, grade) in policies:
        return (*policies[None, grade], None)
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
