"""What #18 added to the pipeline: an introducer under 留党察看 refused; the plan quota at
step 07; configuration pages; the applicant applying himself; the stage documents; the talent
priority flag on the case page."""

from datetime import date

import pytest

from grassroots.core.errors import ApplicationError
from grassroots.party.models import PartyMember
from grassroots.partymembers.records import services as records
from grassroots.testing.refusals import refused

from .. import services
from ..models import DevelopmentCase, Step
from ..transitions import Action as A
from .world import apply, at, full_members, walk


def step(dev, case, action, day, **data):
    with at(day):
        return services.case_step(actor=dev.tree.org_dept, case=case, action=action, on=day,
                                  **data)


@pytest.mark.django_db
def test_an_introducer_under_party_probation_is_refused(dev):
    case = apply(dev, date(2022, 1, 10), sector="school")
    case, day = walk(dev, case, Step.CANDIDATE_FILED)
    members = full_members(case.organisation)
    punished = PartyMember.objects.get(person=members[1])
    with at(day):
        records.party_probation_record(actor=dev.tree.org_dept, member=punished,
                                       start_on=day, end_on=date(day.year + 1, 1, 1),
                                       decision="县纪委 留党察看一年")
    with refused(ApplicationError, f"{members[1].name}受留党察看处分，尚未恢复党员权利，"
                 "不能作入党介绍人。", unchanged=[case]):
        step(dev, case, A.INTRODUCERS, day, introducers=[members[0].pk, members[1].pk])
    case = step(dev, case, A.INTRODUCERS, day, introducers=[members[0].pk, members[2].pk])
    assert set(case.introducers.values_list("pk", flat=True)) == {members[0].pk, members[2].pk}
    assert DevelopmentCase.objects.get(pk=case.pk).step == Step.INTRODUCERS
