from .dashboard import nav_items
from .scope import get_scope


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"scope": None}
    return {
        "scope": get_scope(user),
        "nav_items": nav_items(user),
        "unread_count": user.notifications.filter(read_at__isnull=True).count(),
    }
