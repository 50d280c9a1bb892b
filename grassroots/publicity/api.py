"""/api/v1/publicities: the publicities in force (public, like /publicity/), the officers'
scoped list and one publicity's detail with its objections (contacts masked)."""

from __future__ import annotations

from datetime import date, datetime

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router, Schema

from grassroots.api.schemas import with_errors
from grassroots.api.types import Id
from grassroots.core.errors import ApplicationError

from .models import PublicityStatus
from .selectors import publicities_for, publicities_in_force

router = Router(tags=["publicity"])


class EntryOut(Schema):
    key: str = ""
    label: str
    value: str


class PublicOut(Schema):
    id: int
    title: str
    kind: str
    scope: str
    start_on: date
    end_on: date
    end_is_provisional: bool
    min_working_days: int
    contact_phone: str
    contact_address: str
    published_fields: list[EntryOut]


class PublicityOut(PublicOut):
    status: str
    organization: str | None
    open_objections: int
    objections_total: int

    @staticmethod
    def resolve_organization(obj):
        return str(obj.organization) if obj.organization_id else None


class ObjectionOut(Schema):
    id: int
    receipt: str
    channel: str
    entry_key: str
    content: str
    status: str
    received_at: datetime
    closed_at: datetime | None
    finding: str
    submitter_contact_masked: str

    @staticmethod
    def resolve_submitter_contact_masked(obj):
        from grassroots.people.pii import mask_phone

        return mask_phone(obj.submitter_contact) if obj.submitter_contact else ""


class PublicityDetailOut(PublicityOut):
    objections: list[ObjectionOut]


@router.get("/in-force", response=with_errors(200, list[PublicOut]), auth=None,
            summary="正在公示期内的事项（公开，无需登录）")
def in_force(request):
    return list(publicities_in_force()[:200])


@router.get("", response=with_errors(200, list[PublicityOut]), summary="本人范围内的公示")
def publicity_list(request, status: str = ""):
    if status and status not in PublicityStatus.values:
        raise ApplicationError(_("status 应为 %(values)s 之一。")
                               % {"values": "、".join(PublicityStatus.values)}, field="status")
    return list(publicities_for(request.user, status=status)[:200])


@router.get("/{publicity_id}", response=with_errors(200, PublicityDetailOut),
            summary="一项公示及其异议（联系方式已脱敏）")
def publicity_detail(request, publicity_id: Id):
    publicity = publicities_for(request.user).filter(pk=publicity_id).first()
    if publicity is None:
        raise Http404(_("未找到"))
    return publicity
