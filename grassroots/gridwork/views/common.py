from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from grassroots.core.scope import Role
from grassroots.core.selectors import require_staff

from ..models.scoping import is_county_manager, sees_county


def require_overview(request):
    """County/town overview pages: managers, county-wide readers and town staff."""
    scope = require_staff(request)
    if not (sees_county(scope) or Role.TOWN_STAFF in scope.roles or scope.is_secretary):
        raise Http404(_("未找到"))
    return scope


def require_manager(request):
    scope = require_staff(request)
    if not is_county_manager(scope):
        raise PermissionDenied(_("只有平台管理员或组织部可以执行此操作。"))
    return scope


def can_manage(scope) -> bool:
    return is_county_manager(scope)
