"""Deadline fields with a pausable clock, for any case model (an assignment, a disposal, an
application …).

A case model inherits ``DeadlineClock`` and gets the stored, indexed deadline (``due_at``), the
"estimated" flag (a year on the way has no complete calendar data) and the pause bookkeeping
(``paused_since`` while the clock stands still, ``paused_intervals`` the closed pauses as
``[start, end]`` ISO pairs). The methods compute; they never save: each returns the fields to
write, so the caller's service applies them in its transition (one ``save(update_fields)`` and
one event row, as every transition does).

- ``clock_start(start, hours=…/days=…)``: a deadline in working time from ``start``;
- ``clock_pause(at)``: stop the clock (extension asked, waiting for the citizen, a return being
  ruled on); a paused case has no ``due_at``, so the deadline watch and the overdue counts
  leave it alone;
- ``clock_resume(at, deadline_field=…)``: close the pause and push the deadline out by the
  working time that was left when the clock stopped.

The working-time arithmetic is the work calendar's (``grassroots.workcal.services``).

Indexes: a model without its own ``Meta.indexes`` inherits the partial index on ``due_at``
below (named per model); a model with its own ``Meta`` declares it with ``due_at_index()``.
"""

from __future__ import annotations

from datetime import datetime

from django.db import models
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from .services import Deadline, add_working_days, add_working_hours, working_time_between


def due_at_index(name: str) -> models.Index:
    """The partial index the deadline watch reads (only rows with a deadline running)."""
    return models.Index(fields=["due_at"], name=name, condition=models.Q(due_at__isnull=False))


class DeadlineClock(models.Model):
    # The deadline that applies now; null when nothing is due (closed, or the clock is paused).
    due_at = models.DateTimeField(_("当前时限"), null=True, blank=True)
    due_estimated = models.BooleanField(_("时限为估算"), default=False)
    paused_since = models.DateTimeField(_("暂停计时自"), null=True, blank=True)
    paused_intervals = models.JSONField(_("暂停区间"), default=list, blank=True)

    class Meta:
        abstract = True
        indexes = [due_at_index("%(app_label)s_%(class)s_due")]

    @property
    def is_paused(self) -> bool:
        return self.paused_since is not None

    def paused_periods(self) -> list[tuple[datetime, datetime]]:
        """The closed pauses as (start, end) datetimes, for the work calendar's ``paused=``."""
        out = []
        for start, end in self.paused_intervals or ():
            out.append((_as_datetime(start), _as_datetime(end)))
        return out

    def clock_start(self, start: datetime, *, hours=None, days=None,
                    field: str = "due_at") -> dict:
        """The deadline ``hours`` working hours or ``days`` working days after ``start``
        (closed pauses do not count), with its "estimated" flag."""
        if (hours is None) == (days is None):
            raise ValueError("give hours or days")
        deadline: Deadline = (add_working_hours(start, hours, paused=self.paused_periods())
                              if hours is not None
                              else add_working_days(start, days, paused=self.paused_periods()))
        return {field: deadline.due_at, "due_estimated": deadline.estimated}

    def clock_pause(self, at: datetime) -> dict:
        """Stop the clock at ``at`` (a case already paused keeps its first pause moment)."""
        return {"paused_since": self.paused_since or at, "due_at": None}

    def clock_resume(self, at: datetime, *, deadline_field: str = "due_at",
                     credit: bool = True) -> dict:
        """Close the pause at ``at`` and move ``deadline_field`` out by the working time that was
        left on it when the clock stopped (none left: the deadline is ``at`` itself).

        ``credit=False`` closes the pause and leaves the deadline where it was: a refused
        extension request must not buy the time it waited for the ruling.

        Nothing to do when the clock is running. The caller sets ``due_at`` when the deadline
        that applies now is another field (an assignment resumes its reply deadline).
        """
        if self.paused_since is None:
            return {}
        intervals = [*(self.paused_intervals or []),
                     [self.paused_since.isoformat(), at.isoformat()]]
        if not credit:
            return {"paused_since": None, "paused_intervals": intervals}
        deadline = getattr(self, deadline_field)
        remaining = (working_time_between(self.paused_since, deadline).hours
                     if deadline is not None and deadline > self.paused_since else 0.0)
        return {"paused_since": None, "paused_intervals": intervals,
                deadline_field: add_working_hours(at, remaining).due_at}


def _as_datetime(value) -> datetime:
    if isinstance(value, datetime):
        return value
    parsed = parse_datetime(str(value))
    if parsed is None:
        raise ValueError(f"not a datetime in paused_intervals: {value!r}")
    return parsed


class DeadlineWatchMarks(models.Model):
    """What the deadline watch (``grassroots.workcal.watch``) has done for a case's deadline.

    Each mark is claimed with a conditional update, so a second run (or a second worker) sends
    nothing twice: ``near_notified_for`` / ``overdue_notified_for`` hold the deadline that was
    notified (a new deadline, after an extension, is notified again); ``escalated_at`` the
    escalation, which happens once.
    """

    near_notified_for = models.DateTimeField(_("临期提醒对应时限"), null=True, blank=True)
    overdue_notified_for = models.DateTimeField(_("超期提醒对应时限"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("升级督办时间"), null=True, blank=True)

    class Meta:
        abstract = True
