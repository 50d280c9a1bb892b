"""/api/v1/party/: member records (scoped, ID number and phone masked, with the
organisational-life counters), a member's dues bills, transfers. Read-only."""

from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from ninja import Router, Schema

from grassroots.api.schemas import with_errors
from grassroots.api.types import Id
from grassroots.core.errors import ApplicationError
from grassroots.core.policy import require
from grassroots.core.selectors import get_for_user
from grassroots.party.models import PartyMember

from . import selectors as sel
from .models import DuesBill, TransferStatus
from .services.common import today

router = Router(tags=["party"])


class MemberOut(Schema):
    id: int
    name: str
    gender: str
    organisation_id: int
    organisation: str
    status: str
    dues_category: str
    joined_on: date
    full_on: date | None
    party_age: int | None
    id_number_masked: str
    phone_masked: str
    is_mobile: bool
    lost_contact_since: date | None
    months_without_org_life: int
    months_dues_unpaid: int
    months_work_not_done: int

    @staticmethod
    def resolve_name(obj):
        return obj.person.name

    @staticmethod
    def resolve_gender(obj):
        return obj.person.gender

    @staticmethod
    def resolve_organisation(obj):
        return obj.organisation.name

    @staticmethod
    def resolve_party_age(obj):
        return obj.party_age_on(today())

    @staticmethod
    def resolve_id_number_masked(obj):
        return obj.person.id_number_masked

    @staticmethod
    def resolve_phone_masked(obj):
        return obj.person.phone_masked


class BillOut(Schema):
    month: date
    category: str
    base_amount: Decimal | None
    amount: Decimal
    status: str
    paid_on: date | None


class TransferOut(Schema):
    id: int
    letter_no: str
    member_id: int
    name: str
    from_org_id: int
    to_org_id: int
    issued_on: date
    valid_until: date
    dues_paid_through: date | None
    status: str
    closed_on: date | None

    @staticmethod
    def resolve_name(obj):
        return obj.member.person.name


@router.get("/members", response=with_errors(200, list[MemberOut]),
            summary="党员名册（本人范围内；身份证号、手机号脱敏；含组织生活计数）")
def member_list(request, org_id: Id | None = None, status: str = "", limit: int = 500):
    require(request.user, "partymembers.member_view")
    limit = max(1, min(limit, 2000))
    return list(sel.members_in_scope(request.user, today(), status=status, org_id=org_id)[:limit])


def _member(request, member_id):
    require(request.user, "partymembers.member_view")
    member = get_for_user(PartyMember.objects.select_related("person", "organisation"),
                          request.user, member_id)
    return member


@router.get("/members/{member_id}", response=with_errors(200, MemberOut),
            summary="党员档案（脱敏）")
def member_detail(request, member_id: Id):
    member = _member(request, member_id)
    return sel.with_counters(PartyMember.objects.filter(pk=member.pk)
                             .select_related("person", "organisation"), today()).get()


@router.get("/members/{member_id}/dues", response=with_errors(200, list[BillOut]),
            summary="党员的党费账单")
def member_dues(request, member_id: Id):
    member = _member(request, member_id)
    return list(DuesBill.objects.filter(member=member).order_by("-month")[:120])


@router.get("/transfers", response=with_errors(200, list[TransferOut]),
            summary="组织关系转接（本人范围内）")
def transfer_list(request, status: str = "", limit: int = 500):
    require(request.user, "partymembers.records_view")
    if status and status not in TransferStatus.values:
        raise ApplicationError(_("没有这种状态：%(s)s。") % {"s": status[:20]}, field="status")
    limit = max(1, min(limit, 2000))
    return list(sel.transfers_for(request.user, status=status)[:limit])
