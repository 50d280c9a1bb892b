"""Who may do what in the talent system (core/policy.py)."""

from django.utils.translation import gettext_lazy as _

from grassroots.core.policy import Policy, rule
from grassroots.core.scope import Role, Scope

from .roles import COUNTY_READERS, TalentRole

MANAGERS = frozenset({TalentRole.TITLE_SECRETARIAT})
# The county bodies that read every sci-tech post, training base and incubation case.
PROGRAMME_READERS = COUNTY_READERS | {TalentRole.SCIENCE_BUREAU}


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

    @rule(_("只能为本基地登记课程和学员。"))
    def run_base(self, scope, base=None):
        """Courses and trainees: the talent office (any base, and the online courses), or an
        operator of the base's operator organisation."""
        if self.bases(scope):
            return True
        if base is None or not base.operator_org_id or not scope.person_id \
                or TalentRole.BASE_OPERATOR not in scope.roles:
            return False
        from grassroots.orgs.models import Membership

        return Membership.objects.filter(
            person_id=scope.person_id, organization_id=base.operator_org_id,
            role=TalentRole.BASE_OPERATOR, is_active=True).exists()

    @rule("未找到", hidden=True)
    def overview(self, scope, obj=None):
        """The county's overview of sci-tech heads, bases and incubation; these bodies also
        read every post, base and incubation case."""
        return scope.is_admin or bool(scope.roles & PROGRAMME_READERS)

    @rule("未找到", hidden=True)
    def programme_pages(self, scope, obj=None):
        """The lists of sci-tech posts, training bases and incubation cases (each filtered to
        the user's scope): the county bodies, the science bureau, town staff, base operators."""
        return self.overview(scope) or bool(scope.roles & {Role.TOWN_STAFF,
                                                           TalentRole.BASE_OPERATOR})

    @rule(_("请先登录后再申报。"))
    def apply(self, scope, obj=None):
        return scope.person_id is not None

    # --- scope rules read by the querysets, the transition tables and home.py ---------------

    @rule("未找到", hidden=True)
    def county_all(self, scope, action="view"):
        """Every application and round, for ``action``: the talent office, secretariat and HR
        read them; the secretariat and HR act on them."""
        return county_staff(scope, action or "view")

    @rule("未找到", hidden=True)
    def register_all(self, scope, action="view"):
        """Every register entry: the county bodies read them; only an administrator edits."""
        return scope.is_admin or (action == "view" and bool(scope.roles & COUNTY_READERS))

    @rule("未找到", hidden=True)
    def town_reader(self, scope, obj=None):
        """Town staff: the register, applications, posts and incubations of their towns."""
        return Role.TOWN_STAFF in scope.roles

    @rule("未找到", hidden=True)
    def my_pages(self, scope, obj=None):
        """"My title applications" in the top bar: citizens and registered talents."""
        return scope.is_citizen or TalentRole.APPLICANT in scope.roles

    # The landing cards: each body sees the applications waiting for it (an administrator,
    # who acts for all, is not shown them).
    @rule("未找到", hidden=True)
    def waits_recommendation(self, scope, obj=None):
        return Role.TOWN_STAFF in scope.roles

    @rule("未找到", hidden=True)
    def waits_check(self, scope, obj=None):
        return bool(scope.roles & MANAGERS)

    @rule("未找到", hidden=True)
    def waits_payment(self, scope, obj=None):
        return TalentRole.HR_BUREAU in scope.roles
