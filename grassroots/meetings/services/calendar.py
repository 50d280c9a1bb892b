"""The meeting calendar: the obligations of rules.OBLIGATIONS generate expected meetings per
branch and period; a held meeting of a matching kind fulfils the open expectation of its
period."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone

from grassroots.core.events import event_record
from grassroots.core.policy import require
from grassroots.party.models import BRANCH_KINDS, PartyOrganisation

from ..models import ExpectedMeeting, Meeting, MeetingStatus
from ..periods import months_between, period_of
from ..rules import OBLIGATIONS, obligation_months


def branches_for_calendar(orgs=None):
    """Active branches (of ``orgs`` if given) with whether they have a committee."""
    qs = PartyOrganisation.objects.filter(kind__in=BRANCH_KINDS, is_active=True)
    return qs if orgs is None else qs.filter(pk__in=orgs.values("pk"))


def expected_rows(branches, first: date, last: date) -> list[ExpectedMeeting]:
    """Unsaved expectations of every obligation for the periods touching [first, last]."""
    rows, seen = [], set()
    branches = list(branches.values_list("pk", "has_committee"))
    for month in months_between(first, last):
        months = obligation_months(month)  # the "party.org" rule set in force that month
        for ob in OBLIGATIONS:
            start, end = period_of(months[ob.key], month)
            for org_id, has_committee in branches:
                if ob.needs_committee and not has_committee:
                    continue
                key = (org_id, ob.key, start)
                if key not in seen:
                    seen.add(key)
                    rows.append(ExpectedMeeting(org_id=org_id, obligation=ob.key,
                                                period_start=start, period_end=end))
    return rows


def expected_generate(*, actor, first: date, last: date, orgs=None) -> int:
    """Create the missing expectations for the periods touching [first, last] (idempotent) and
    attach the held meetings that fulfil them. Returns how many were created."""
    require(actor, "meetings.generate")
    branches = branches_for_calendar(orgs)
    rows = expected_rows(branches, first, last)
    with transaction.atomic():
        before = ExpectedMeeting.objects.count()
        ExpectedMeeting.objects.bulk_create(rows, ignore_conflicts=True, batch_size=2000)
        created = ExpectedMeeting.objects.count() - before
        fulfil_all(branches, first, last)
        first_branch = branches.order_by("path").first()
        if created and first_branch is not None:
            # one event per run on the first branch, not one per branch (a county has hundreds)
            event_record(subject=first_branch, actor=actor,
                         action="meeting_calendar_generate",
                         extra={"first": first.isoformat(), "last": last.isoformat(),
                                "created": created})
    return created


def _matches(ob, meeting) -> bool:
    return meeting.kind in ob.kinds and (not ob.appraisal or meeting.democratic_appraisal)


def expected_fulfil(meeting: Meeting) -> int:
    """Attach a just-held meeting to the open expectations it fulfils; inside the caller's
    transaction."""
    day = timezone.localdate(meeting.held_at)
    keys = [ob.key for ob in OBLIGATIONS if _matches(ob, meeting)]
    if not keys:
        return 0
    return (ExpectedMeeting.objects
            .filter(org_id=meeting.org_id, obligation__in=keys, meeting__isnull=True,
                    period_start__lte=day, period_end__gte=day)
            .update(meeting=meeting))


def fulfil_all(branches, first: date, last: date) -> None:
    """Attach held meetings to the open expectations of the periods touching [first, last]: one
    UPDATE per obligation, each open expectation taking the earliest held meeting of a matching
    kind in its period (as ``expected_fulfil`` does for one meeting)."""
    held = Meeting.objects.filter(org_id=OuterRef("org_id"),
                                  status__in=(MeetingStatus.HELD, MeetingStatus.MINUTED),
                                  held_at__date__gte=OuterRef("period_start"),
                                  held_at__date__lte=OuterRef("period_end"))
    for ob in OBLIGATIONS:
        matching = held.filter(kind__in=ob.kinds)
        if ob.appraisal:
            matching = matching.filter(democratic_appraisal=True)
        (ExpectedMeeting.objects
         .filter(org__in=branches, obligation=ob.key, meeting__isnull=True,
                 period_end__gte=first, period_start__lte=last)
         .filter(Exists(matching))
         .update(meeting=Subquery(matching.order_by("held_at", "pk").values("pk")[:1])))


def run_generate() -> int:
    """The periodic job: expectations for the periods containing today."""
    today = timezone.localdate()
    return expected_generate(actor=None, first=today, last=today)
