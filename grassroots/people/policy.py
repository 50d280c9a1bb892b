"""Who may register people, import them and change service teams (see core/policy.py)."""

from django.utils.translation import gettext_lazy as _

from grassroots.core.policy import Policy, rule
from grassroots.core.scope import Role


class PeoplePolicy(Policy):
    app_label = "people"

    # Cadres and citizens without a login: the administrator, or town staff adding their cadres.
    @rule(_("您无权登记人员。"))
    def register_person(self, scope, obj=None):
        return scope.is_admin or Role.TOWN_STAFF in scope.roles

    # The text has no English entry yet: kept as it was when the import refused inline.
    @rule("只有平台管理员可以导入人员。")
    def import_people(self, scope, obj=None):
        return scope.is_admin

    @rule(_("您无权调整该网格的服务队。"))
    def manage_team(self, scope, team=None):
        """The administrator any team; town staff the teams of grids in their town."""
        if scope.is_admin:
            return True
        from .models import ServiceTeam

        # Read from the database: the team object may come without its grid loaded.
        town_id = (ServiceTeam.objects.filter(pk=team.pk)
                   .values_list("grid__division__town_id", flat=True).first())
        return town_id is not None and town_id in scope.town_ids
