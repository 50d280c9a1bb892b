"""Who may see and change divisions and grids (see core/policy.py): everyone reads through
``Division/Grid.objects.restrict()``; only the administrator changes the map."""

from django.utils.translation import gettext_lazy as _

from grassroots.core.policy import Policy, rule


class PlacesPolicy(Policy):
    app_label = "places"

    @rule(_("只有平台管理员可以修改行政区划和网格。"))
    def edit(self, scope, obj=None):
        return scope.is_admin
