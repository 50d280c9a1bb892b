"""A 不合格 annual result opens a disposal review candidate (C14) through the listener the
disposal sub-area registers — never a disposal, and once."""

from datetime import date

import pytest

from grassroots.partymembers.records.tests.helpers import on

from ...disposal.models import DisposalCase, Source, State
from .. import services
from .helpers import YEAR, members_of, published

pytestmark = pytest.mark.django_db


def test_an_unqualified_result_opens_one_candidate(tree):
    scheme = published(tree)
    members = members_of(tree.branch_b1)
    with on(date(YEAR, 12, 5)):
        services.results_compute(actor=tree.org_dept, scheme=scheme, organisation=tree.branch_b1)
        services.results_compute(actor=tree.org_dept, scheme=scheme, organisation=tree.branch_b1)
    cases = DisposalCase.objects.filter(member__in=members)
    assert cases.count() == len(members)  # one each, not again on the re-run
    case = cases.first()
    assert case.source == Source.POINTS and case.state == State.CANDIDATE
    item = case.criteria.select_related("criterion").get()
    assert item.criterion.code == "C14" and "评定为不合格" in item.evidence
