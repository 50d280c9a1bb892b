"""Who may do what with demands and assignments (see core/policy.py)."""

from django.utils.translation import gettext_lazy as _

from grassroots.core.policy import Policy, rule
from grassroots.core.scope import Role


class DemandPolicy(Policy):
    app_label = "demands"

    @rule(_("只有派单中心可以执行此操作。"))
    def dispatch(self, scope, obj=None):
        return scope.is_dispatcher

    @rule(_("只有承办单位的办理人员可以执行此操作。"))
    def handle(self, scope, assignment=None):
        return assignment is None or assignment.unit_id in scope.unit_ids or scope.is_admin

    # Leader sign-off of replies and extension requests: the unit's own leader (单位负责人).
    @rule(_("只有本单位负责人可以审核。"))
    def sign_off(self, scope, assignment=None):
        leads = scope.ids("leader_unit")
        return bool(leads) if assignment is None else assignment.unit_id in leads

    @rule(_("只有诉求人本人或回访人员可以评价。"))
    def follow_up(self, scope, demand=None):
        is_citizen = bool(demand is not None and scope.person_id
                          and demand.citizen_id == scope.person_id)
        return is_citizen or scope.is_dispatcher or scope.is_supervisor

    @rule(_("只能为自己负责的网格登记走访诉求。"))
    def intake_visit(self, scope, grid=None):
        return bool(scope.is_admin or grid.pk in scope.grid_ids
                    or (scope.town_ids and grid.division.town_id in scope.town_ids))

    # Calls are taken by the dispatch centre (12345 county line) and town offices.
    @rule(_("您没有登记此类诉求的权限。"))
    def intake_phone(self, scope, obj=None):
        return bool(scope.is_dispatcher or scope.town_ids)

    # Meetings (theme party days, special-topic meetings) are recorded by their organisers.
    @rule(_("您没有登记此类诉求的权限。"))
    def intake_meeting(self, scope, obj=None):
        return bool(scope.is_dispatcher or scope.town_ids or scope.grid_ids
                    or Role.ORGANIZATION_DEPT in scope.roles)

    @rule(_("请先登录后再提交诉求。"))
    def intake_citizen(self, scope, obj=None):
        return bool(scope.person_id)

    @rule(_("只有民情书记和镇街工作人员可以登记走访诉求。"))
    def visit_page(self, scope, obj=None):
        return bool(scope.is_secretary or scope.town_ids or scope.is_admin)

    # Anyone but the security auditor gets the same 404 as for a missing page.
    @rule("未找到", hidden=True)
    def reveal_anonymous(self, scope, obj=None):
        return Role.AUDITOR in scope.roles

    # The citizen's own pages (my demands, my phone, submitting): a citizen's account; staff
    # record demands through the visit or phone intake, where the channel says who took it.
    @rule(_("请使用群众账号登录。"))
    def citizen_account(self, scope, obj=None):
        return scope.is_citizen

    # A demand seen as its submitter sees it, and rating it: any account that is a person.
    @rule(_("请使用群众账号登录。"))
    def citizen_view(self, scope, obj=None):
        return bool(scope.person_id)

    # The handler's inbox: whoever works for, or reads for, a handling unit.
    @rule(_("该页面仅供承办单位使用。"))
    def inbox(self, scope, obj=None):
        return bool(scope.all_unit_ids())

    # Staff pages (the full demand list) and the staff's view of a demand: anyone with a staff
    # role or a grid seat. Everyone else sees demands only through the public definition (their
    # own pages, the tracking page, the citizens' API).
    @rule(_("该页面仅供工作人员使用。"))
    def staff_view(self, scope, obj=None):
        return scope.is_staff_member

    # The demand list's grid filter: for those whose demands are counted by grid.
    @rule("未找到", hidden=True)
    def filter_by_grid(self, scope, obj=None):
        return scope.county_wide_view or bool(scope.town_ids or scope.grid_ids)
