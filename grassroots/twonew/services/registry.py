"""The register: parks, two-new organisations and their "四清" survey, instructors assigned."""

from __future__ import annotations

import re
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from grassroots.core.errors import ApplicationError
from grassroots.core.events import event_record
from grassroots.core.policy import require
from grassroots.orgs.models import Organization, OrganizationKind
from grassroots.party.models import OrgKind as PartyKind

from ..models import CoverageMode, OperatingStatus, OrgKind, Park, TwoNewOrg
from .common import optional_text, required_text, today

# GB 32100-2015: 18 characters from this alphabet, the last a check character.
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def uscc_check_char(first17: str) -> str:
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def clean_credit_code(value) -> str:
    code = re.sub(r"\s+", "", str(value or "")).upper()
    if len(code) != 18 or any(c not in USCC_ALPHABET for c in code):
        raise ApplicationError(_("统一社会信用代码应为18位数字或大写字母（不含I、O、Z、S、V）。"),
                               field="credit_code")
    if uscc_check_char(code[:17]) != code[17]:
        raise ApplicationError(_("统一社会信用代码校验位不正确，请核对。"), field="credit_code")
    return code


def park_create(*, actor, name: str, division=None, committee=None, level: str = "") -> Park:
    require(actor, "twonew.county")
    name = required_text(name, field="name", label=_("园区名称"), max_length=100)
    if committee is not None and committee.kind != PartyKind.BASE_COMMITTEE:
        raise ApplicationError(_("园区党（工）委应为基层党委。"), field="committee")
    with transaction.atomic():
        if Park.objects.filter(name=name).exists():
            raise ApplicationError(_("已有同名园区“%(name)s”。") % {"name": name}, field="name")
        park = Park.objects.create(name=name, division=division, committee=committee,
                                   level=optional_text(level, max_length=20))
        event_record(subject=park, actor=actor, action="twonew_park_created")
    return park


SURVEY_FIELDS = ("employees", "operating_status", "full_members", "probationary_members",
                 "investor", "investor_is_member", "has_union", "has_cyl", "liaison",
                 "industry", "is_above_size", "size_basis", "size_year")


def _check_size(is_above_size, size_basis, size_year):
    if is_above_size and (not size_basis or not size_year):
        raise ApplicationError(_("规模以上单位请填写认定依据和认定年度。"), field="size_basis")


def _check_values(fields: dict):
    if fields.get("operating_status", OperatingStatus.OPERATING) not in OperatingStatus.values:
        raise ApplicationError(_("请选择经营状态。"), field="operating_status")
    for name in ("employees", "full_members", "probationary_members"):
        value = fields.get(name, 0)
        if not isinstance(value, int) or value < 0:
            raise ApplicationError(_("人数应为不小于0的整数。"), field=name)
    if fields.get("full_members", 0) + fields.get("probationary_members", 0) > max(
            fields.get("employees", 0), 0) and fields.get("employees", 0):
        raise ApplicationError(_("党员人数不能多于职工人数。"), field="full_members")


def org_register(*, actor, name: str, credit_code: str, division, kind: str = OrgKind.ENTERPRISE,
                 park: Park | None = None, industry: str = "", employees: int = 0,
                 is_above_size: bool = False, size_basis: str = "", size_year: int | None = None,
                 operating_status: str = OperatingStatus.OPERATING, investor: str = "",
                 investor_is_member: bool = False, full_members: int = 0,
                 probationary_members: int = 0, has_union: bool = False, has_cyl: bool = False,
                 liaison: str = "", surveyed_on: date | None = None) -> TwoNewOrg:
    """A unit in the register, with its own row in the organisation directory (a joint branch
    covers units of the directory)."""
    if park is not None:
        require(actor, "twonew.manage", park)
    else:
        require(actor, "twonew.county")
    name = required_text(name, field="name", label=_("单位名称"), max_length=100)
    code = clean_credit_code(credit_code)
    if kind not in OrgKind.values:
        raise ApplicationError(_("请选择单位类别。"), field="kind")
    if division is None:
        raise ApplicationError(_("请选择所在镇街。"), field="division")
    town = division.town if getattr(division, "town_id", None) else division
    fields = {"employees": employees, "operating_status": operating_status,
              "full_members": full_members, "probationary_members": probationary_members}
    _check_values(fields)
    _check_size(is_above_size, size_basis, size_year)
    with transaction.atomic():
        if TwoNewOrg.objects.filter(credit_code=code).exists():
            raise ApplicationError(_("统一社会信用代码%(code)s已登记。") % {"code": code},
                                   field="credit_code")
        if Organization.objects.filter(name=name).exists():
            raise ApplicationError(_("组织机构中已有同名单位“%(name)s”。") % {"name": name},
                                   field="name")
        unit = Organization.objects.create(name=name, code=f"USCC{code}",
                                           kind=OrganizationKind.ENTERPRISE, division=town)
        org = TwoNewOrg.objects.create(
            organization=unit, name=name, credit_code=code, kind=kind, park=park, division=town,
            industry=optional_text(industry, max_length=40), is_above_size=is_above_size,
            size_basis=optional_text(size_basis, max_length=60),
            size_year=size_year if is_above_size else None,
            investor=optional_text(investor, max_length=40),
            investor_is_member=investor_is_member, has_union=has_union, has_cyl=has_cyl,
            liaison=optional_text(liaison, max_length=40), surveyed_on=surveyed_on,
            registered_on=today(), **fields)
        event_record(subject=org, actor=actor, action="twonew_org_registered",
                     extra={"park": park.pk if park else None})
    return org


def _check_coverage(org, coverage_mode, party_org):
    if coverage_mode not in CoverageMode.values:
        raise ApplicationError(_("请选择覆盖方式。"), field="coverage_mode")
    if coverage_mode in (CoverageMode.OWN, CoverageMode.JOINT, CoverageMode.ATTACHED):
        if party_org is None:
            raise ApplicationError(_("单独组建、联合组建或挂靠的单位请选择所在党组织。"),
                                   field="party_org")
    elif party_org is not None:
        raise ApplicationError(_("未建立党组织的单位不能选择所在党组织。"), field="party_org")
    if coverage_mode == CoverageMode.JOINT and party_org.kind != PartyKind.JOINT_BRANCH:
        raise ApplicationError(_("联合组建的单位应选择联合党支部。"), field="party_org")
    if coverage_mode == CoverageMode.OWN and party_org.kind == PartyKind.JOINT_BRANCH:
        raise ApplicationError(_("单独组建的单位不能选择联合党支部。"), field="party_org")
    if coverage_mode == CoverageMode.INSTRUCTOR_ONLY and org.instructor_id is None \
            and not org.liaison:
        raise ApplicationError(_("仅选派指导员的单位请先选派党建指导员或联络员。"),
                               field="coverage_mode")


def org_survey(*, actor, org: TwoNewOrg, surveyed_on: date, coverage_mode: str | None = None,
               party_org=None, **fields) -> TwoNewOrg:
    """The "四清" survey: operations, staff, members, party organisation, investor."""
    require(actor, "twonew.manage", org)
    unknown = set(fields) - set(SURVEY_FIELDS)
    if unknown:
        raise ApplicationError(_("不能修改这些项目：%(f)s。") % {"f": "、".join(sorted(unknown))})
    if not isinstance(surveyed_on, date) or surveyed_on > today():
        raise ApplicationError(_("请填写摸排日期（不晚于今天）。"), field="surveyed_on")
    merged = {name: fields.get(name, getattr(org, name)) for name in SURVEY_FIELDS}
    _check_values(merged)
    _check_size(merged["is_above_size"], merged["size_basis"], merged["size_year"])
    mode = coverage_mode if coverage_mode is not None else org.coverage_mode
    if party_org is None and mode in (CoverageMode.OWN, CoverageMode.JOINT,
                                      CoverageMode.ATTACHED):
        party_org = org.party_org  # the organisation stays unless another is given
    _check_coverage(org, mode, party_org)
    with transaction.atomic():
        for name in ("investor", "liaison", "industry", "size_basis"):
            if name in fields:
                fields[name] = optional_text(fields[name], max_length=60 if name == "size_basis"
                                             else 40)
        for name, value in fields.items():
            setattr(org, name, value)
        covered = mode in (CoverageMode.OWN, CoverageMode.JOINT)
        org.covered_on = (org.covered_on or surveyed_on) if covered else None
        org.coverage_mode, org.party_org, org.surveyed_on = mode, party_org, surveyed_on
        org.save(update_fields=[*fields, "covered_on", "coverage_mode", "party_org",
                                "surveyed_on"])
        event_record(subject=org, actor=actor, action="twonew_org_surveyed",
                     extra={"coverage_mode": mode, "fields": sorted(fields)})
    return org


def org_assign_instructor(*, actor, org: TwoNewOrg, instructor) -> TwoNewOrg:
    require(actor, "twonew.manage", org)
    if instructor is not None and not instructor.is_active:
        raise ApplicationError(_("该党建指导员已离任。"), field="instructor")
    with transaction.atomic():
        org.instructor = instructor
        org.save(update_fields=["instructor"])
        event_record(subject=org, actor=actor, action="twonew_instructor_assigned",
                     extra={"instructor": instructor.pk if instructor else None})
    return org
