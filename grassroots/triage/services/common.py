from django.utils.translation import gettext as _

from grassroots.core.errors import NotInScope
from grassroots.core.scope import get_scope


def require_admin(actor, message=None):
    """``actor=None`` is the system (the periodic job); anyone else must be an administrator."""
    if actor is None:
        return
    if not get_scope(actor).is_admin:
        raise NotInScope(message or _("只有平台管理员可以执行此操作。"))
