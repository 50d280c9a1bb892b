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
