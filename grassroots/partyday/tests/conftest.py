from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from grassroots.core import clock
from grassroots.meetings.tests.party_world import build_party_world
from grassroots.people.models import Person, PersonKind

from .. import services
from ..models import InviteeKind


@pytest.fixture
def party(county):
    return build_party_world(county)


def last_month() -> date:
    return (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)


@pytest.fixture
def day(party):
    """Branch A's theme day of last month, planned (no menu yet)."""
    month = last_month()
    return services.themeday_plan(actor=party.secretary_a, branch=party.branch_a, month=month,
                                  theme="学习党章 议村务", planned_on=month.replace(day=10))


@pytest.fixture
def rep_person(db):
    return Person.objects.create(name="王群众", kind=PersonKind.CITIZEN)


@pytest.fixture
def held_day(party, day, rep_person):
    """Held with a mass representative present."""
    (inv,) = services.themeday_invite(actor=party.secretary_a, day=day, invitees=[
        {"person": rep_person, "kind": InviteeKind.MASS_REP}])
    at = timezone.make_aware(datetime.combine(day.planned_on, datetime.min.time())) \
        + timedelta(hours=9)
    with clock.travel(at):
        services.themeday_sign_in(actor=party.secretary_a, invitation=inv)
    present = [m.person_id for m in party.full_a[:8]]
    services.themeday_hold(actor=party.secretary_a, day=day, present_person_ids=present,
                           minutes="学习了党章第一章，讨论了村里道路硬化的事项。", held_at=at)
    day.refresh_from_db()
    return day
