"""Pages that edit the menus, the guide's comments, the mass representatives' register and the
demonstration sites. Each is a POST that calls one service (the service checks the policy and
writes the event) and redirects back (post/redirect/get): a refusal or an invalid form is
flashed on the page it returns to; out of scope is the policy's 403, not yours the same 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core.parsing import id_or_none, ids_of
from grassroots.core.policy import require
from grassroots.core.refusals import refusals
from grassroots.core.selectors import get_for_user
from grassroots.meetings.models import Meeting
from grassroots.party.models import PartyMember, PartyOrganisation

from .. import services
from ..forms import (
    CommentForm,
    MenuForm,
    MenuItemForm,
    NotApplicableForm,
    RepresentativeForm,
    SiteActForm,
    SiteForm,
)
from ..models import ActivityMenu, DemonstrationSite, MenuItem
from ..selectors import get_day_for_user, recordable_branches


def _flash_invalid(request, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for e in errors:
            messages.error(request, f"{label}：{e}" if label else e)


def party_orgs_for(user):
    return PartyOrganisation.objects.restrict(user).filter(is_active=True).order_by("path")


def menu_parents_for(user):
    """Published county and town menus a new menu may be based on: the county's, and those of
    the user's organisations and of the committees above them (a village secretary bases his
    branch's menu on his town's)."""
    from django.db.models import Q

    from grassroots.core.scope import get_scope

    from ..models import MenuLevel, MenuStatus

    qs = (ActivityMenu.objects.filter(status=MenuStatus.PUBLISHED)
          .exclude(level=MenuLevel.VILLAGE).select_related("owner_org")
          .order_by("-year", "level", "owner_org__path"))
    if get_scope(user).sees_all_party:
        return qs
    ids = set()
    for org in party_orgs_for(user).only("pk", "path")[:500]:
        ids.update(org.ancestor_ids())
        ids.add(org.pk)
    return qs.filter(Q(level=MenuLevel.COUNTY) | Q(owner_org_id__in=ids))


@login_required
@require_POST
def menu_new(request):
    require(request.user, "partyday.view")
    form = MenuForm(request.POST, orgs=party_orgs_for(request.user),
                    parents=menu_parents_for(request.user))
    if not form.is_valid():
        _flash_invalid(request, form)
        return redirect("partyday:menu_list")
    with refusals(request) as refused:
        menu = services.menu_create(actor=request.user, **form.cleaned_data)
    if refused:
        return redirect("partyday:menu_list")
    messages.success(request, _("菜单已创建，请增加或选择活动事项后发布。"))
    return redirect("partyday:menu_detail", pk=menu.pk)


@login_required
@require_POST
def menu_act(request, pk):
    """add_item | not_applicable | remove | select | publish on one menu."""
    require(request.user, "partyday.view")
    menu = get_for_user(ActivityMenu.objects.select_related("owner_org", "parent"),
                        request.user, pk)
    action = request.POST.get("action", "")
    back = redirect("partyday:menu_detail", pk=menu.pk)
    with refusals(request) as refused:
        if action == "add_item":
            form = MenuItemForm(request.POST)
            if not form.is_valid():
                _flash_invalid(request, form)
                return back
            services.menu_item_add(actor=request.user, menu=menu, **form.cleaned_data)
            done = _("事项已增加。")
        elif action == "not_applicable":
            form = NotApplicableForm(request.POST)
            if not form.is_valid():
                _flash_invalid(request, form)
                return back
            item = get_for_user_item(menu, form.cleaned_data["item"])
            services.menu_item_mark_not_applicable(actor=request.user, item=item,
                                                   reason=form.cleaned_data["reason"])
            done = _("已标记为不适用。")
        elif action == "remove":
            item = get_for_user_item(menu, request.POST.get("item"))
            services.menu_item_remove(actor=request.user, item=item)
            done = _("事项已删除。")
        elif action == "select":
            items = (list(MenuItem.objects.filter(menu_id=menu.parent_id,
                                                  pk__in=ids_of(request.POST.getlist("items"))))
                     if menu.parent_id else [])
            if not items:
                messages.error(request, _("请从上级菜单中勾选事项。"))
                return back
            n = services.menu_select(actor=request.user, menu=menu, items=items)
            done = _("已选定%(n)s个事项。") % {"n": n}
        elif action == "publish":
            meeting_id = id_or_none(request.POST.get("decided_at"))
            decided_at = (Meeting.objects.restrict(request.user)
                          .filter(pk=meeting_id, org_id=menu.owner_org_id).first()
                          if meeting_id else None)
            services.menu_publish(actor=request.user, menu=menu, decided_at=decided_at)
            done = _("菜单已发布。")
        else:
            messages.error(request, _("未知操作。"))
            return back
    if not refused:
        messages.success(request, done)
    return back


def get_for_user_item(menu, raw) -> MenuItem:
    """An item of ``menu`` (already fetched in the user's scope); another menu's is a 404."""
    from django.http import Http404

    item = MenuItem.objects.filter(menu=menu, pk=id_or_none(raw)).first()
    if item is None:
        raise Http404(_("未找到"))
    item.menu = menu
    return item


def comment_members(day):
    return (PartyMember.objects.filter(organisation_id=day.branch_id, is_active=True)
            .select_related("person").order_by("person__name"))


@login_required
@require_POST
def day_comment(request, pk):
    require(request.user, "partyday.view")
    day = get_day_for_user(request.user, pk)
    form = CommentForm(request.POST, members=comment_members(day))
    if not form.is_valid():
        _flash_invalid(request, form)
        return redirect("partyday:day_detail", pk=day.pk)
    with refusals(request) as refused:
        services.comment_add(actor=request.user, day=day, **form.cleaned_data)
    if not refused:
        messages.success(request, _("点评已登记。"))
    return redirect("partyday:day_detail", pk=day.pk)


@login_required
@require_POST
def rep_new(request):
    require(request.user, "partyday.view")
    form = RepresentativeForm(request.POST, branches=recordable_branches(request.user))
    if not form.is_valid():
        _flash_invalid(request, form)
        return redirect("partyday:rep_list")
    with refusals(request) as refused:
        services.rep_register(actor=request.user, **form.cleaned_data)
    if not refused:
        messages.success(request, _("群众代表已登记。"))
    return redirect("partyday:rep_list")


@login_required
@require_POST
def site_new(request):
    require(request.user, "partyday.view")
    form = SiteForm(request.POST, orgs=party_orgs_for(request.user))
    if not form.is_valid():
        _flash_invalid(request, form)
        return redirect("partyday:site_list")
    with refusals(request) as refused:
        services.site_propose(actor=request.user, **form.cleaned_data)
    if not refused:
        messages.success(request, _("已列入示范区候选名录。"))
    return redirect("partyday:site_list")


@login_required
@require_POST
def site_act(request, pk):
    require(request.user, "partyday.view")
    site = get_for_user(DemonstrationSite.objects.select_related("org"), request.user, pk)
    form = SiteActForm(request.POST)
    if not form.is_valid():
        _flash_invalid(request, form)
        return redirect("partyday:site_list")
    with refusals(request) as refused:
        services.site_act(actor=request.user, site=site, **form.cleaned_data)
    if not refused:
        messages.success(request, _("示范区状态已更新。"))
    return redirect("partyday:site_list")


@login_required
def my_invitations(request):
    """The signed-in person's invitations to theme party days, to accept or decline (on a
    phone). Nobody invited: the same 404 as a missing page."""
    from django.http import Http404
    from django.shortcuts import render

    from ..selectors import own_invitations

    invitations = list(own_invitations(request.user)[:50])
    if not invitations:
        raise Http404(_("未找到"))
    return render(request, "partyday/my_invitations.html", {"invitations": invitations})


@login_required
@require_POST
def invitation_reply(request, pk):
    from ..models import Invitation

    inv = get_for_user(Invitation.objects.select_related("theme_day", "person"),
                       request.user, pk)
    with refusals(request) as refused:
        services.invitation_reply(actor=request.user, invitation=inv,
                                  response=request.POST.get("response", ""))
    if not refused:
        messages.success(request, _("答复已登记。"))
    if request.POST.get("back") == "day":
        return redirect("partyday:day_detail", pk=inv.theme_day_id)
    return redirect("partyday:my_invitations")
