from django.utils.translation import gettext as _

from grassroots.core.errors import NotInScope
from grassroots.core.scope import Role, get_scope
from grassroots.core.text import clean_text as _clean_text

from ..models.scoping import is_county_manager


def require_manager(actor, message: str | None = None):
    scope = get_scope(actor)
    if not is_county_manager(scope):
        raise NotInScope(message or _("只有平台管理员或组织部可以执行此操作。"))
    return scope


def require_grid_scope(actor, grid, message: str | None = None):
    """A secretary for their own grids, town staff for their town, a manager everywhere."""
    scope = get_scope(actor)
    if is_county_manager(scope) or grid.pk in scope.grid_ids:
        return scope
    if Role.TOWN_STAFF in scope.roles and grid.division.town_id in scope.town_ids:
        return scope
    raise NotInScope(message or _("只能为自己负责的网格登记。"))


def clean_text(value, *, limit: int) -> str:
    return _clean_text(value)[:limit]
