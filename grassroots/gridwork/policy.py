"""Who may do what in grid work: visits, teams, trainings, volunteering, pioneer rounds
(see core/policy.py)."""

from django.utils.translation import gettext_lazy as _

from grassroots.core.policy import Policy, allows, rule
from grassroots.core.scope import Role


def _town_of(obj):
    """The town id of a grid, a division or a town id itself."""
    if obj is None or isinstance(obj, int):
        return obj
    division = getattr(obj, "division", obj)
    return division.town_id


def _staff(scope) -> bool:
    return allows(scope, "core.staff")


class GridworkPolicy(Policy):
    app_label = "gridwork"

    # The platform admin and the organisation department run grid work for the whole county
    # (the querysets ask this rule too: models/scoping.py).
    @rule(_("只有平台管理员或组织部可以执行此操作。"))
    def manage(self, scope, obj=None):
        return scope.sees_all_party

    # County-wide readers: managers plus supervisors and dispatchers (read-only here).
    @rule("未找到", hidden=True)
    def read_county(self, scope, obj=None):
        return self.manage(scope) or scope.county_wide_view

    # County/town overview pages: managers, county-wide readers and town staff.
    @rule("未找到", hidden=True)
    def overview(self, scope, obj=None):
        return _staff(scope) and (self.read_county(scope) or Role.TOWN_STAFF in scope.roles
                                  or scope.is_secretary)

    @rule("未找到", hidden=True)
    def my_grid(self, scope, obj=None):
        return _staff(scope) and scope.is_secretary

    @rule(_("只能为自己负责的网格登记。"))
    def record_for_grid(self, scope, grid=None):
        """A secretary for their own grids, town staff for their town, a manager everywhere."""
        if self.manage(scope) or grid.pk in scope.grid_ids:
            return True
        return Role.TOWN_STAFF in scope.roles and grid.division.town_id in scope.town_ids

    @rule(_("只有组织部、平台管理员或镇街工作人员可以组织培训。"))
    def town_work(self, scope, obj=None):
        """Teams, trainings, nominations: the county managers and any town's staff."""
        return self.manage(scope) or Role.TOWN_STAFF in scope.roles

    @rule(_("只能推荐本镇街的民情书记。"))
    def town_work_in(self, scope, obj=None):
        """The same in one town (a grid, a division or a town id)."""
        return self.manage(scope) or (Role.TOWN_STAFF in scope.roles
                                            and _town_of(obj) in scope.town_ids)

    @rule(_("只能登记自己负责的网格或镇街的志愿服务活动。"))
    def record_volunteering(self, scope, place=None):
        """``place``: ``(grid or None, village)`` of the activity."""
        grid, division = place
        return (self.manage(scope) or (grid is not None and grid.pk in scope.grid_ids)
                or (Role.TOWN_STAFF in scope.roles and division.town_id in scope.town_ids))

    @rule(_("只有平台管理员、镇街工作人员和民情书记可以登记志愿服务活动。"))
    def volunteering_form(self, scope, obj=None):
        """Who gets the activity form (the service refuses others too)."""
        return scope.is_admin or bool(scope.town_ids) or scope.is_secretary

    # The county and town links of the top bar (coverage, teams, reports, trainings,
    # volunteering, pioneer rounds); a secretary reaches their own from 我的网格.
    @rule("未找到", hidden=True)
    def county_menu(self, scope, obj=None):
        return self.read_county(scope) or Role.TOWN_STAFF in scope.roles

    # The visit form's link: secretaries for their grids, town staff for one of their town's
    # secretaries (the page itself answers by the grids the user may record for).
    @rule("未找到", hidden=True)
    def visit_menu(self, scope, obj=None):
        return scope.is_secretary or bool(scope.town_ids)
