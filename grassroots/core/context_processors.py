from .dashboard import nav_sections
from .scope import get_scope


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"scope": None}
    return {
        "scope": get_scope(user),
        "nav_sections": nav_sections(user, request.path),
        "unread_count": user.notifications.filter(read_at__isnull=True).count(),
    }
