from datetime import date

import pytest

from grassroots.core.events import events_for

from ..models import CaseStatus, Step, StepRecord
from .world import apply, walk


@pytest.mark.django_db
def test_a_case_walks_from_application_to_archive(dev):
    case = apply(dev, date(2023, 3, 1))
    case, _day = walk(dev, case, Step.COMPLETED)
    assert case.status == CaseStatus.COMPLETED
    assert case.converted_on == case.probation_end_on
    assert case.probation_end_on == date(case.admitted_on.year + 1, case.admitted_on.month,
                                         case.admitted_on.day)
    actions = [e.action for e in events_for(case)]
    assert actions[0] == "dev_apply" and actions[-1] == "dev_archive"
    assert StepRecord.objects.filter(case=case).count() == 26  # the application and the 25 steps of the main line
    assert not case.warnings


@pytest.mark.django_db
def test_the_roll_follows_the_case_approved_probationary_then_full(dev):
    from datetime import timedelta

    from grassroots.party.models import MemberStatus, PartyMember

    from .. import services
    from ..transitions import Action as A
    from .world import at

    case = apply(dev, date(2023, 3, 1))
    case, day = walk(dev, case, Step.UPPER_TALKED)
    assert not PartyMember.objects.filter(person=case.person).exists()
    with at(day + timedelta(days=1)):
        case = services.case_step(actor=dev.tree.org_dept, case=case, action=A.APPROVE,
                                  on=day + timedelta(days=1))
    member = PartyMember.objects.get(person=case.person)
    assert (member.status, member.organisation_id, member.joined_on, member.is_active) == (
        MemberStatus.PROBATIONARY, case.organisation_id, case.admitted_on, True)

    from grassroots.testing.factories import PersonFactory

    other = PersonFactory(name="申请人乙", user=None)
    done, _day = walk(dev, apply(dev, date(2023, 3, 1), person=other), Step.COMPLETED)
    member = PartyMember.objects.get(person=done.person)
    assert (member.status, member.joined_on, member.full_on) == (
        MemberStatus.FULL, done.admitted_on, done.probation_end_on)
    assert [e.action for e in events_for(member)] == ["party_member_added",
                                                     "party_member_converted"]
