"""Who may do what in the talent system (core/policy.py)."""

from django.utils.translation import gettext_lazy as _

from grassroots.core.policy import Policy, rule
from grassroots.core.scope import Role, Scope

from .roles import COUNTY_READERS, TalentRole

MANAGERS = frozenset({TalentRole.TITLE_SECRETARIAT})


def county_staff(scope: Scope, action: str = "view") -> bool:
    """The county bodies: the talent office reads; the secretariat and HR bureau act."""
    if scope.is_admin:
        return True
    if action == "view":
        return bool(scope.roles & COUNTY_READERS)
    return bool(scope.roles & (MANAGERS | {TalentRole.HR_BUREAU}))


class TalentPolicy(Policy):
    app_label = "talent"

    @rule("未找到", hidden=True)
    def pages(self, scope, obj=None):
        """The officers' pages (lists, rounds, statistics)."""
        return county_staff(scope) or Role.TOWN_STAFF in scope.roles \
            or TalentRole.COMMITTEE_EXPERT in scope.roles

    @rule(_("只有职称评审办公室可以办理此事项。"))
    def manage(self, scope, obj=None):
        return scope.is_admin or bool(scope.roles & MANAGERS)

    @rule(_("只有人社局可以发放职称补助。"))
    def pay(self, scope, obj=None):
        return scope.is_admin or TalentRole.HR_BUREAU in scope.roles

    @rule(_("只有人社局或职称评审办公室可以授予职称。"))
    def award(self, scope, obj=None):
        return scope.is_admin or bool(scope.roles & (MANAGERS | {TalentRole.HR_BUREAU}))

    @rule(_("只能为本镇街的乡土人才登记或申报。"))
    def town_work(self, scope, town_id=None):
        return scope.is_admin or (Role.TOWN_STAFF in scope.roles and town_id in scope.town_ids)

    @rule(_("只有科技局可以办理科技副镇长事项。"))
    def scitech(self, scope, obj=None):
        return scope.is_admin or TalentRole.SCIENCE_BUREAU in scope.roles

    @rule(_("只有县委人才办可以认定和管理实训基地。"))
    def bases(self, scope, obj=None):
        return scope.is_admin or TalentRole.TALENT_OFFICE in scope.roles

    @rule("未找到", hidden=True)
    def overview(self, scope, obj=None):
        """The county's overview of sci-tech heads, bases and incubation."""
        return scope.is_admin or bool(scope.roles & (COUNTY_READERS | {
            TalentRole.SCIENCE_BUREAU}))

    @rule(_("请先登录后再申报。"))
    def apply(self, scope, obj=None):
        return scope.person_id is not None
