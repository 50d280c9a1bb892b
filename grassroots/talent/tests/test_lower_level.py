"""The lower-grade path: an intermediate applicant who also applies for junior, failed by the
committee, is evaluated again for junior in the same round (from the eligibility check)."""

import pytest
from django.test import Client

from grassroots.core.errors import ApplicationError, NotInScope
from grassroots.core.events import events_for
from grassroots.testing.refusals import refused

from ..models import Application, ApplicationStatus
from ..services import applications, review
from ..services.lower import lower_level_open
from .world import build_title_world, new_application, to_interviewed

S = ApplicationStatus


@pytest.fixture
def world(county):
    return build_title_world(county)


def _failed_intermediate(world, *, lower=True):
    application = new_application(world, level=world.intermediate, years=6, households=60)
    Application.objects.filter(pk=application.pk).update(also_applies_lower=lower)
    application.refresh_from_db()
    to_interviewed(world, application)
    review.committee_vote(actor=world.secretariat, application=application, present=5, yes=1,
                          no=4, abstain=0)
    application.refresh_from_db()
    assert application.status == S.REJECTED
    return application


@pytest.mark.django_db
def test_a_failed_intermediate_application_is_evaluated_again_for_junior(world):
    higher = _failed_intermediate(world)
    with refused(NotInScope, "只有职称评审办公室可以办理此事项。"):
        lower_level_open(actor=world.hr, application=higher)
    assert Application.objects.count() == 1
    client = Client()
    client.force_login(world.secretariat)
    page = client.get(f"/talent/applications/{higher.pk}/").content.decode()
    assert 'value="lower_level"' in page
    response = client.post(f"/talent/applications/{higher.pk}/act/", {"action": "lower_level"})
    lower = Application.objects.exclude(pk=higher.pk).get()
    assert response.url == f"/talent/applications/{lower.pk}/"
    assert (lower.level, lower.status, lower.achievements) == (
        world.junior, S.RECOMMENDED, higher.achievements)
    applications.application_check(actor=world.secretariat, application=lower)
    lower.refresh_from_db()
    assert lower.status == S.ELIGIBLE  # judged by the junior Standard
    assert [e.action for e in events_for(higher)][-1] == "title_lower_level_opened"
    with refused(ApplicationError, "本年度已申报过农民初级职称。"):
        lower_level_open(actor=world.secretariat, application=higher)


@pytest.mark.django_db
def test_without_the_flag_or_while_still_in_review_there_is_no_lower_evaluation(world):
    higher = _failed_intermediate(world, lower=False)
    with refused(ApplicationError, "申报人未同时申报下一级。"):
        lower_level_open(actor=world.secretariat, application=higher)
    pending = new_application(world, level=world.intermediate,
                              talent=_another_talent(world))
    Application.objects.filter(pk=pending.pk).update(also_applies_lower=True)
    pending.refresh_from_db()
    with refused(ApplicationError, "本级评审未结束或已通过，不转评下一级。"):
        lower_level_open(actor=world.secretariat, application=pending)
    assert Application.objects.count() == 2


def _another_talent(world):
    from grassroots.testing.factories import PersonFactory

    from ..services import setup

    person = PersonFactory(user__username="t_second_applicant", name="李养殖")
    return setup.talent_register(actor=person.user, person=person, town=world.county.town_a,
                                 category="breeding")
