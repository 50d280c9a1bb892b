from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from grassroots.core.files import MIME, download_response
from grassroots.core.policy import can, require
from grassroots.core.selectors import get_for_user

from ..documents import menu_docx, requested_format
from ..forms import MenuForm, MenuItemForm
from ..models import ActivityMenu, MenuLevel, MenuStatus
from .edit import menu_parents_for, party_orgs_for


@login_required
def menu_list(request):
    require(request.user, "partyday.view")
    menus = (ActivityMenu.objects.restrict(request.user).select_related("owner_org")
             .order_by("-year", "level", "owner_org__path")[:300])
    return render(request, "partyday/menu_list.html", {
        "menus": menus, "form": MenuForm(orgs=party_orgs_for(request.user),
                                         parents=menu_parents_for(request.user))})


@login_required
def menu_detail(request, pk):
    require(request.user, "partyday.view")
    menu = get_for_user(ActivityMenu.objects.select_related("owner_org", "parent"),
                        request.user, pk)
    from grassroots.meetings.models import Meeting, MeetingStatus

    from ..services.menus import DECIDING_KINDS

    rule = "partyday.menu_county" if menu.level == MenuLevel.COUNTY else "partyday.menu_manage"
    editable = menu.status == MenuStatus.DRAFT and can(request.user, rule, menu)
    village = menu.level == MenuLevel.VILLAGE
    return render(request, "partyday/menu_detail.html", {
        "menu": menu, "items": menu.items.select_related("origin_demand"),
        "editable": editable, "item_form": MenuItemForm(),
        "parent_items": (menu.parent.items.filter(not_applicable=False)
                         if editable and village and menu.parent_id else []),
        "meetings": (Meeting.objects.filter(
            org_id=menu.owner_org_id, kind__in=DECIDING_KINDS,
            status__in=(MeetingStatus.HELD, MeetingStatus.MINUTED)).order_by("-held_at")[:20]
            if editable and village else [])})


@login_required
def menu_document(request, pk):
    require(request.user, "partyday.view")
    menu = get_for_user(ActivityMenu.objects.select_related("owner_org"), request.user, pk)
    fmt = requested_format(request)
    return download_response(menu_docx(menu, fmt), f"{menu.year}{_('年度')}"
                             f"{menu.get_level_display()}-{menu.owner_org.name}.{fmt}", MIME[fmt])
