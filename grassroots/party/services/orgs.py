"""Writes on the party-organisation tree: create, update, move, close, secretary, term."""

from datetime import date

from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Concat, Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.core.errors import ApplicationError, NotInScope
from grassroots.core.events import event_record
from grassroots.core.scope import get_scope
from grassroots.core.text import clean_text
from grassroots.people.validators import visible_length

from ..models import BRANCH_KINDS, MemberStatus, OrgKind, PartyMember, PartyOrganisation
from ..policy import manages
from .checks import add_years, check_committee, check_shape, full_member_count, term_years_for

EDITABLE = ("name", "field", "division", "unit", "has_approval_authority", "founded_on",
            "approval_doc_no", "special_kind", "base_type")


def _require_manage(actor, org, message=None):
    scope = get_scope(actor)
    if not manages(scope, org):
        raise NotInScope(message or _("只有县委组织部或上级党（工）委的组织委员可以管理该党组织。"))
    return scope


def _clean_name(name) -> str:
    name = clean_text(name or "")
    if visible_length(name) < 2:
        raise ApplicationError(_("请填写党组织名称（至少2个字）。"), field="name")
    if len(name) > 100:
        raise ApplicationError(_("党组织名称请控制在100字以内。"), field="name")
    return name


def _check_name_free(name, exclude_pk=None):
    qs = PartyOrganisation.objects.filter(name=name)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    if qs.exists():
        raise ApplicationError(_("已有同名党组织“%(name)s”。") % {"name": name}, field="name")


def organisation_create(*, actor, name: str, kind: str, parent=None, base_type: str = "",
                        special_kind: str = "", field: str = "", division=None, unit=None,
                        covered_units=(), has_approval_authority: bool = False,
                        founded_on: date | None = None, approval_doc_no: str = "",
                        ) -> PartyOrganisation:
    if parent is None:
        if not get_scope(actor).sees_all_party:
            raise NotInScope(_("只有县委组织部可以设立县委一级党组织。"))
    else:
        _require_manage(actor, parent, _("只能在本级管理范围内设立党组织。"))
    name = _clean_name(name)
    covered_units = list(covered_units)
    check_shape(kind=kind, parent=parent, base_type=base_type, special_kind=special_kind,
                has_approval_authority=has_approval_authority, covered_units=covered_units)
    with transaction.atomic():
        _check_name_free(name)
        org = PartyOrganisation.objects.create(
            name=name, kind=kind, parent=parent, base_type=base_type,
            special_kind=special_kind or "", field=field or "", division=division, unit=unit,
            has_approval_authority=has_approval_authority, founded_on=founded_on,
            approval_doc_no=clean_text(approval_doc_no or "")[:60],
            term_years=term_years_for(kind, field),
        )
        org.path = f"{parent.path if parent else '/'}{org.pk}/"
        org.save(update_fields=["path"])
        if covered_units:
            org.covered_units.set(covered_units)
        event_record(subject=org, actor=actor, action="party_org_created",
                     extra={"kind": kind, "parent": parent.pk if parent else None})
    return org


def organisation_update(*, actor, org: PartyOrganisation, covered_units=None,
                        **fields) -> PartyOrganisation:
    _require_manage(actor, org)
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ApplicationError(_("不能修改这些项目：%(f)s。") % {"f": "、".join(sorted(unknown))})
    if "name" in fields:
        fields["name"] = _clean_name(fields["name"])
    if "approval_doc_no" in fields:
        fields["approval_doc_no"] = clean_text(fields["approval_doc_no"] or "")[:60]
    merged = {f: fields.get(f, getattr(org, f)) for f in EDITABLE}
    units = list(covered_units) if covered_units is not None else list(org.covered_units.all())
    check_shape(kind=org.kind, parent=org.parent, base_type=merged["base_type"],
                special_kind=merged["special_kind"],
                has_approval_authority=merged["has_approval_authority"], covered_units=units)
    with transaction.atomic():
        if "name" in fields:
            _check_name_free(fields["name"], exclude_pk=org.pk)
        changed = [f for f in fields if getattr(org, f) != fields[f]]
        for f in changed:
            setattr(org, f, fields[f])
        if "field" in changed:
            org.term_years = term_years_for(org.kind, org.field)
            changed.append("term_years")
        if changed:
            org.save(update_fields=changed)
        if covered_units is not None:
            org.covered_units.set(units)
            changed.append("covered_units")
        event_record(subject=org, actor=actor, action="party_org_updated",
                     extra={"fields": sorted(changed)})
    return org


def organisation_move(*, actor, org: PartyOrganisation, new_parent: PartyOrganisation,
                      ) -> PartyOrganisation:
    """Put ``org`` and its subtree under ``new_parent``; every path below is rewritten in one
    UPDATE."""
    _require_manage(actor, org)
    _require_manage(actor, new_parent, _("只能调整到本级管理范围内的党组织之下。"))
    if new_parent.path.startswith(org.path):
        raise ApplicationError(_("不能把党组织调整到它自己或它的下级之下。"), field="parent")
    check_shape(kind=org.kind, parent=new_parent, base_type=org.base_type,
                special_kind=org.special_kind, has_approval_authority=org.has_approval_authority,
                covered_units=org.covered_units.all())
    with transaction.atomic():
        old_parent_id, old_path = org.parent_id, org.path
        new_path = f"{new_parent.path}{org.pk}/"
        PartyOrganisation.objects.filter(path__startswith=old_path).update(
            path=Concat(Value(new_path), Substr("path", len(old_path) + 1)))
        PartyOrganisation.objects.filter(pk=org.pk).update(parent=new_parent)
        org.refresh_from_db(fields=["parent", "path"])
        event_record(subject=org, actor=actor, action="party_org_moved",
                     extra={"from": old_parent_id, "to": new_parent.pk})
    return org


def organisation_close(*, actor, org: PartyOrganisation, closed_on: date | None = None,
                       ) -> PartyOrganisation:
    _require_manage(actor, org)
    if not org.is_active:
        raise ApplicationError(_("该党组织已撤销。"))
    if org.children.filter(is_active=True).exists():
        raise ApplicationError(_("该党组织还有下级党组织，请先撤销或调整下级党组织。"))
    if org.members.filter(is_active=True).exists():
        raise ApplicationError(_("该党组织还有在册党员，请先转接党员组织关系。"))
    with transaction.atomic():
        org.is_active = False
        org.closed_on = closed_on or timezone.localdate()
        org.save(update_fields=["is_active", "closed_on"])
        event_record(subject=org, actor=actor, action="party_org_closed", to_state="closed")
    return org


def secretary_set(*, actor, org: PartyOrganisation, person) -> PartyOrganisation:
    """The secretary is a full member; a branch's secretary is a member of that branch."""
    _require_manage(actor, org)
    member = PartyMember.objects.filter(person=person, is_active=True).first()
    if member is None or member.status != MemberStatus.FULL:
        raise ApplicationError(_("书记应为正式党员。"), field="secretary")
    if org.kind in BRANCH_KINDS and member.organisation_id != org.pk:
        raise ApplicationError(_("党支部书记应为本支部的党员。"), field="secretary")
    with transaction.atomic():
        previous = org.secretary_id
        org.secretary = person
        org.save(update_fields=["secretary"])
        event_record(subject=org, actor=actor, action="party_secretary_set",
                     extra={"from": previous, "to": person.pk})
    return org


def term_renew(*, actor, org: PartyOrganisation, elected_on: date,
               has_committee: bool) -> PartyOrganisation:
    """Record an election: the term runs ``term_years`` natural years from ``elected_on``."""
    _require_manage(actor, org)
    if elected_on is None:
        raise ApplicationError(_("请填写选举日期。"), field="elected_on")
    if elected_on > timezone.localdate():
        raise ApplicationError(_("选举日期不能晚于今天。"), field="elected_on")
    if org.kind == OrgKind.COUNTY_COMMITTEE:
        raise ApplicationError(_("县委换届不在本系统登记。"))
    if has_committee:
        check_committee(org, full_member_count(org))
    with transaction.atomic():
        org.elected_on = elected_on
        org.term_due_on = add_years(elected_on, org.term_years)
        org.has_committee = has_committee or org.kind not in BRANCH_KINDS
        org.save(update_fields=["elected_on", "term_due_on", "has_committee"])
        event_record(subject=org, actor=actor, action="party_term_renewed",
                     extra={"elected_on": elected_on.isoformat(),
                            "due_on": org.term_due_on.isoformat()})
    return org
