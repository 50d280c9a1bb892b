"""Which rows of the assessment a user's scope reaches (S5 privacy, 00-common §9).

A civil servant: his own records. The direct leader: the records of the sections he leads. The
unit head and the unit's assessment committee: their unit. The county civil-service authority:
contact points and aggregates of every unit, individual records only of its own staff.
"""

from django.db.models import Q

from grassroots.core.scope import Scope

from ..roles import AssessmentRole


def dim(scope: Scope, name: str) -> frozenset[int]:
    try:
        return scope.ids(name)
    except KeyError:
        return frozenset()


def head_unit_ids(scope: Scope) -> frozenset[int]:
    """Units the user runs the assessment of: unit head or committee member."""
    return dim(scope, "assess_head") | dim(scope, "assess_committee")


def is_authority(scope: Scope) -> bool:
    return scope.is_admin or AssessmentRole.AUTHORITY in scope.roles


def personal_q(scope: Scope, *, person: str = "person_id", unit: str = "unit_id",
               section: str = "section_id") -> Q:
    """Rows about one civil servant that the scope may read (records, annual results)."""
    q = Q(**{f"{person}__in": [scope.person_id]}) if scope.person_id else Q(pk__in=[])
    q |= Q(**{f"{unit}__in": head_unit_ids(scope) | dim(scope, "assess_authority")})
    sections = dim(scope, "assess_section")
    if sections:
        q |= Q(**{f"{section}__in": sections})
    return q
