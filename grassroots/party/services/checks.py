"""The rule checks on the shape of the tree and the size of an organisation (rules.py holds the
numbers). Hard checks raise ``ApplicationError`` with the rule's article; soft ones return the
warnings a page shows."""

from datetime import date

from django.utils.translation import gettext as _

from grassroots.core.errors import ApplicationError

from ..models import (
    BRANCH_KINDS,
    COMMITTEE_KINDS,
    BaseType,
    MemberStatus,
    OrgField,
    OrgKind,
    PartyMember,
    SpecialKind,
)
from ..rules import rule_article, rule_value

# Which kinds may sit under which (the county committee is the root).
ALLOWED_PARENTS = {
    OrgKind.COUNTY_COMMITTEE: (),
    OrgKind.BASE_COMMITTEE: (OrgKind.COUNTY_COMMITTEE,),
    OrgKind.GENERAL_BRANCH: COMMITTEE_KINDS,
    **dict.fromkeys(BRANCH_KINDS, (*COMMITTEE_KINDS, OrgKind.GENERAL_BRANCH)),
}


def add_years(start: date, years: int) -> date:
    """``start`` plus natural years; 29 February falls back to the 28th."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return start.replace(year=start.year + years, day=28)


def term_years_for(kind: str, field: str) -> int:
    """5 years for a village's or community's organisation, 3 for every other [S7]."""
    if kind not in COMMITTEE_KINDS and field in (OrgField.RURAL, OrgField.URBAN_COMMUNITY):
        return rule_value("term_years_village_community")
    return rule_value("term_years_other")


def check_shape(*, kind, parent, base_type="", special_kind="", has_approval_authority=False,
                covered_units=()) -> None:
    """Hard rules on where an organisation of ``kind`` may stand and what it may be."""
    if kind not in OrgKind.values:
        raise ApplicationError(_("请选择党组织类型。"), field="kind")
    allowed = ALLOWED_PARENTS[kind]
    if not allowed and parent is not None:
        raise ApplicationError(_("县委是党组织树的根，不能设上级党组织。"), field="parent")
    if allowed and parent is None:
        raise ApplicationError(_("请选择上级党组织。"), field="parent")
    if allowed and parent.kind not in allowed:
        raise ApplicationError(
            _("%(kind)s不能设在%(parent)s之下，上级应为：%(allowed)s。") % {
                "kind": OrgKind(kind).label, "parent": OrgKind(parent.kind).label,
                "allowed": "、".join(str(OrgKind(k).label) for k in allowed)},
            field="parent")
    if parent is not None and not parent.is_active:
        raise ApplicationError(_("上级党组织已撤销。"), field="parent")
    if kind == OrgKind.BASE_COMMITTEE and base_type not in BaseType.values:
        raise ApplicationError(_("请选择基层党委的类别（镇街、园区或系统）。"), field="base_type")
    if kind != OrgKind.BASE_COMMITTEE and base_type:
        raise ApplicationError(_("只有基层党委需要填写党委类别。"), field="base_type")
    if special_kind and special_kind not in SpecialKind.values:
        raise ApplicationError(_("请选择有效的特殊类型。"), field="special_kind")
    if special_kind == SpecialKind.EIGHTH_BRANCH and not (
            kind in BRANCH_KINDS and parent is not None and parent.base_type == BaseType.TOWN):
        raise ApplicationError(_("第八党支部应为镇（街道）党（工）委下设的党支部。"),
                               field="special_kind")
    if special_kind == SpecialKind.PARK and not (
            kind == OrgKind.BASE_COMMITTEE and base_type == BaseType.PARK):
        raise ApplicationError(_("园区党委应为类别为“园区”的基层党委。"), field="special_kind")
    if special_kind == SpecialKind.RETIREES and kind not in (
            OrgKind.BASE_COMMITTEE, OrgKind.GENERAL_BRANCH):
        raise ApplicationError(_("离退休党员党工委应为基层党委或党总支。"), field="special_kind")
    if has_approval_authority and kind != OrgKind.BASE_COMMITTEE:
        raise ApplicationError(_("只有基层党委可以具有审批预备党员的权限。"),
                               field="has_approval_authority")
    check_covered_units(kind, covered_units)


def check_covered_units(kind, covered_units) -> None:
    units = list(covered_units)
    if units and kind != OrgKind.JOINT_BRANCH:
        raise ApplicationError(_("只有联合党支部需要填写联合单位。"), field="covered_units")
    limit = rule_value("joint_branch_max_units")
    if len(units) > limit:
        raise ApplicationError(
            _("联合党支部覆盖的单位一般不超过%(n)s个（%(article)s），现选择了%(m)s个。") % {
                "n": limit, "m": len(units), "article": rule_article("joint_branch_max_units")},
            field="covered_units")


def full_member_count(org) -> int:
    return PartyMember.objects.filter(organisation=org, is_active=True,
                                      status=MemberStatus.FULL).count()


def check_committee(org, full_count: int) -> None:
    """A branch with fewer than 7 full members has a secretary, not a committee [S7]."""
    need = rule_value("committee_min_full_members")
    if org.kind in BRANCH_KINDS and full_count < need:
        raise ApplicationError(
            _("正式党员不足%(n)s人的党支部不设支部委员会，只设书记（必要时设副书记）"
              "（%(article)s）；本支部现有正式党员%(m)s人。") % {
                "n": need, "m": full_count, "article": rule_article("committee_min_full_members")},
            field="has_committee")


def size_warnings(org, full_count: int) -> list[str]:
    """What the size of ``org`` asks of its officers (soft)."""
    warnings = []
    # The 8th branch and a mobile-member branch are not a unit's own organisation.
    if org.kind == OrgKind.BRANCH and org.is_active and not org.special_kind:
        own_min = rule_value("own_org_min_full_members")
        if full_count < own_min:
            warnings.append(_(
                "正式党员不足%(n)s人（现有%(m)s人），不宜单独成立党支部，应与邻近单位党员"
                "联合成立联合党支部（%(article)s）。") % {
                "n": own_min, "m": full_count, "article": rule_article("own_org_min_full_members")})
    committee_min = rule_value("committee_min_full_members")
    if org.kind in BRANCH_KINDS and org.is_active and full_count >= committee_min \
            and not org.has_committee:
        warnings.append(_(
            "正式党员已有%(m)s人，达到%(n)s人应当设立支部委员会（%(article)s）。") % {
            "n": committee_min, "m": full_count,
            "article": rule_article("committee_min_full_members")})
    return warnings
