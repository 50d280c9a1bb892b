"""Small helpers of the records' tests: travel to a day, a held meeting with attendance."""

from contextlib import contextmanager
from datetime import date, datetime

from django.utils import timezone

from grassroots.core.clock import travel
from grassroots.meetings.models import Meeting, MeetingAttendance, MeetingKind, MeetingStatus
from grassroots.party.models import PartyMember


@contextmanager
def on(day: date):
    with travel(timezone.make_aware(datetime(day.year, day.month, day.day, 10, 0))):
        yield


def meeting_attended(org, day: date, *people, absent=()):
    meeting = Meeting.objects.create(
        org=org, kind=MeetingKind.THEME_DAY, title="主题党日",
        held_at=timezone.make_aware(datetime(day.year, day.month, day.day, 9, 0)),
        status=MeetingStatus.HELD)
    for person in people:
        MeetingAttendance.objects.create(meeting=meeting, person=person, role="member",
                                         present=True)
    for person in absent:
        MeetingAttendance.objects.create(meeting=meeting, person=person, role="member",
                                         present=False)
    return meeting


def members_of(org):
    return list(PartyMember.objects.filter(organisation=org, is_active=True).order_by("pk"))
