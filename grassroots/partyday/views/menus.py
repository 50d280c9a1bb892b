from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from grassroots.core.files import MIME, download_response
from grassroots.core.policy import require
from grassroots.core.selectors import get_for_user

from ..documents import menu_docx
from ..models import ActivityMenu


@login_required
def menu_list(request):
    require(request.user, "partyday.view")
    menus = (ActivityMenu.objects.restrict(request.user).select_related("owner_org")
             .order_by("-year", "level", "owner_org__path")[:300])
    return render(request, "partyday/menu_list.html", {"menus": menus})


@login_required
def menu_detail(request, pk):
    require(request.user, "partyday.view")
    menu = get_for_user(ActivityMenu.objects.select_related("owner_org", "parent"),
                        request.user, pk)
    return render(request, "partyday/menu_detail.html", {
        "menu": menu, "items": menu.items.select_related("origin_demand")})


@login_required
def menu_document(request, pk):
    require(request.user, "partyday.view")
    menu = get_for_user(ActivityMenu.objects.select_related("owner_org"), request.user, pk)
    return download_response(menu_docx(menu), f"{menu.year}{_('年度')}{menu.get_level_display()}"
                             f"-{menu.owner_org.name}.docx", MIME["docx"])
