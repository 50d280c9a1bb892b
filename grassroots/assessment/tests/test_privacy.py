"""Who sees which routine records (S5 privacy): the person his own, the direct leader his
section's, the head and committee their unit's, the authority only its own staff's."""

import pytest

from ..models import RoutineRecord
from ..services.routine import period_open
from ..services.scheme import civil_servant_enrol

pytestmark = pytest.mark.django_db


def test_records_per_role(unit, client):
    civil_servant_enrol(actor=unit.county.admin, person=unit.authority.person,
                        unit=unit.authority.person.memberships.get().organization)
    period_open(actor=unit.head, unit=unit.org, year=2026, quarter=1)
    period_open(actor=unit.county.admin, unit=unit.authority.person.memberships.get().organization,
                year=2026, quarter=1)

    def names(user):
        user.__dict__.pop("_grassroots_scope", None)
        return sorted(RoutineRecord.objects.restrict(user).values_list("person__name", flat=True))

    assert names(unit.a) == ["甲"]
    assert names(unit.c) == ["丙科长", "乙", "甲"]  # his section (his own included)
    assert names(unit.head) == names(unit.committee) == ["丙科长", "乙", "甲"]
    assert names(unit.authority) == ["主管部门干部"]  # its own staff only
    assert names(unit.county.outsider) == []
    client.force_login(unit.a)
    rows = client.get("/api/v1/assessment/records").json()["items"]
    assert [r["person"] for r in rows] == ["甲"]
