"""Party organisations under /api/v1/party-orgs: the tree the caller may see, one
organisation, its members (ID numbers and phones masked). Read-only; the same token and
session authentication as every router (writes would need the ``write`` scope)."""

from datetime import date

from ninja import Router, Schema

from grassroots.api.schemas import with_errors
from grassroots.api.types import Id
from grassroots.core.policy import require
from grassroots.core.selectors import get_for_user

from . import selectors as sel
from .models import PartyOrganisation

router = Router(tags=["party"])


class PartyOrgOut(Schema):
    id: int
    name: str
    kind: str
    kind_label: str
    base_type: str
    special_kind: str
    field: str
    parent_id: int | None
    division_id: int | None
    has_approval_authority: bool
    secretary: str | None
    term_years: int
    elected_on: date | None
    term_due_on: date | None
    members_full: int
    members_probationary: int
    members_in_subtree: int

    @staticmethod
    def resolve_kind_label(obj):
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_secretary(obj):
        return obj.secretary.name if obj.secretary_id else None

    @staticmethod
    def resolve_members_full(obj):
        return obj.own_full

    @staticmethod
    def resolve_members_probationary(obj):
        return obj.own_probationary

    @staticmethod
    def resolve_members_in_subtree(obj):
        return obj.total


class PartyMemberOut(Schema):
    id: int
    name: str
    gender: str
    status: str
    joined_on: date
    full_on: date | None
    id_number_masked: str
    phone_masked: str

    @staticmethod
    def resolve_name(obj):
        return obj.person.name

    @staticmethod
    def resolve_gender(obj):
        return obj.person.gender

    @staticmethod
    def resolve_id_number_masked(obj):
        return obj.person.id_number_masked

    @staticmethod
    def resolve_phone_masked(obj):
        return obj.person.phone_masked


@router.get("", response=with_errors(200, list[PartyOrgOut]),
            summary="党组织列表（本人范围内，树序）")
def org_list(request):
    require(request.user, "party.view")
    return sel.with_counts(sel.tree_for(request.user)[:2000])


@router.get("/{org_id}", response=with_errors(200, PartyOrgOut), summary="党组织详情")
def org_detail(request, org_id: Id):
    require(request.user, "party.view")
    return sel.with_counts([get_for_user(sel.tree_for(request.user), request.user, org_id)])[0]


@router.get("/{org_id}/members", response=with_errors(200, list[PartyMemberOut]),
            summary="党组织的在册党员（身份证号、手机号脱敏）")
def org_members(request, org_id: Id):
    require(request.user, "party.view")
    org = get_for_user(PartyOrganisation.objects.all(), request.user, org_id)
    return list(sel.members_of(request.user, org))
