from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _


def get_for_user(queryset, user, pk, action: str = "view"):
    """Fetch one object in the user's scope.

    "Missing" and "not yours" give the same 404; an object the user may see but not change
    gives 403 for ``action="change"``.
    """
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404(_("未找到"))
    obj = queryset.restrict(user, "view").filter(pk=pk).first()
    if obj is None:
        raise Http404(_("未找到"))
    if action != "view" and not queryset.model.objects.restrict(user, action).filter(pk=pk).exists():
        raise PermissionDenied(_("您没有权限执行此操作。"))
    return obj
