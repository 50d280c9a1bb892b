"""Helpers of the points tests: a published scheme, a member with a login, a held meeting."""

from datetime import date, datetime

from django.utils import timezone

from grassroots.meetings.models import Meeting, MeetingAttendance, MeetingStatus
from grassroots.party import services as party_services
from grassroots.party.models import MemberStatus, PartyMember
from grassroots.testing.factories import PersonFactory

from .. import services

YEAR = 2026


def published(tree, year=YEAR):
    scheme = services.scheme_create(actor=tree.org_dept, year=year)
    return services.scheme_publish(actor=tree.org_dept, scheme=scheme)


def member_with_login(tree, org, username, name="有账号党员"):
    person = PersonFactory(name=name, user__username=username)
    member, _w = party_services.member_add(
        actor=tree.org_dept, org=org, person=person, status=MemberStatus.FULL,
        joined_on=date(2015, 3, 1), full_on=date(2016, 3, 1))
    return member


def meeting(org, day: date, kind="theme_day", present=(), absent=()):
    m = Meeting.objects.create(
        org=org, kind=kind, title=f"{kind} {day}",
        held_at=timezone.make_aware(datetime(day.year, day.month, day.day, 9, 0)),
        status=MeetingStatus.HELD)
    for member in present:
        MeetingAttendance.objects.create(meeting=m, person=member.person, role="member",
                                         present=True)
    for member in absent:
        MeetingAttendance.objects.create(meeting=m, person=member.person, role="member",
                                         present=False)
    return m


def members_of(org):
    return list(PartyMember.objects.filter(organisation=org, is_active=True).order_by("pk"))
