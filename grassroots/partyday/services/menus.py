"""The three-level menu: the county's base menu, each town's additions (county items stay, at
most marked not applicable with a reason), each village branch's final choice decided at a
committee meeting (县级指导、乡镇拓展、村级商议)."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from grassroots.core import clock
from grassroots.core.errors import ApplicationError, FieldErrors
from grassroots.core.events import event_record
from grassroots.core.policy import require
from grassroots.core.text import clean_text
from grassroots.meetings.models import MeetingKind, MeetingStatus
from grassroots.people.validators import visible_length

from ..models import ActivityMenu, ItemCategory, LecturerKind, MenuItem, MenuLevel, MenuStatus

PARENT_LEVEL = {MenuLevel.TOWN: MenuLevel.COUNTY, MenuLevel.VILLAGE: MenuLevel.TOWN}
DECIDING_KINDS = (MeetingKind.COMMITTEE, MeetingKind.GENERAL_MEETING)


def _require_draft(menu):
    if menu.status != MenuStatus.DRAFT:
        raise ApplicationError(_("菜单已发布，不能再修改。"), field="menu")


def menu_create(*, actor, level: str, owner_org, year: int,
                parent: ActivityMenu | None = None) -> ActivityMenu:
    """A menu of ``level`` for ``year``. A town menu starts with every county item (inherited,
    never removable); a village menu starts empty and takes items with ``menu_select``."""
    if level == MenuLevel.COUNTY:
        require(actor, "partyday.menu_county")
        if parent is not None:
            raise ApplicationError(_("县级基础菜单没有上级菜单。"), field="parent")
    else:
        require(actor, "partyday.menu_manage", owner_org)
        if level not in PARENT_LEVEL:
            raise ApplicationError(_("请选择菜单层级。"), field="level")
        if parent is None or parent.level != PARENT_LEVEL[level]:
            raise ApplicationError(_("请选择上一级菜单（县级→乡镇→村级）。"), field="parent")
        if not ActivityMenu.objects.filter(pk=parent.pk, status=MenuStatus.PUBLISHED).exists():
            raise ApplicationError(_("上一级菜单尚未发布，不能据此制定本级菜单。"), field="parent")
        if parent.year != year:
            raise ApplicationError(_("上一级菜单的年度与本菜单不一致。"), field="year")
    try:
        with transaction.atomic():
            menu = ActivityMenu.objects.create(level=level, owner_org=owner_org, year=year,
                                               parent=parent)
            if level == MenuLevel.TOWN:
                MenuItem.objects.bulk_create([
                    MenuItem(menu=menu, title=i.title, category=i.category,
                             description=i.description, suggested_attendees=i.suggested_attendees,
                             suggested_lecturer_kind=i.suggested_lecturer_kind,
                             origin=MenuLevel.COUNTY, inherited_from=i)
                    for i in parent.items.all()])
            event_record(subject=menu, actor=actor, action="menu_create",
                         extra={"level": level, "year": year})
    except IntegrityError:
        raise ApplicationError(_("%(org)s的%(year)s年度菜单已存在。")
                               % {"org": owner_org.name, "year": year}, field="year") from None
    return menu


def menu_item_add(*, actor, menu: ActivityMenu, title: str, category: str,
                  description: str = "", suggested_attendees: str = "",
                  suggested_lecturer_kind: str = "", origin_demand=None) -> MenuItem:
    require(actor, "partyday.menu_county" if menu.level == MenuLevel.COUNTY
            else "partyday.menu_manage", menu)
    _require_draft(menu)
    title = clean_text(title)[:100]
    errors = {}
    if visible_length(title) < 2:
        errors["title"] = [_("请填写活动事项（至少2个字）。")]
    if category not in ItemCategory.values:
        errors["category"] = [_("请选择事项类别。")]
    if suggested_lecturer_kind and suggested_lecturer_kind not in LecturerKind.values:
        errors["suggested_lecturer_kind"] = [_("请选择讲师类别。")]
    if origin_demand is not None and menu.level != MenuLevel.VILLAGE:
        errors["origin_demand"] = [_("只有村级菜单事项可以依据群众诉求提出。")]
    if errors:
        raise FieldErrors(field_errors=errors)
    with transaction.atomic():
        item = MenuItem.objects.create(
            menu=menu, title=title, category=category, description=clean_text(description),
            suggested_attendees=clean_text(suggested_attendees)[:100],
            suggested_lecturer_kind=suggested_lecturer_kind, origin=menu.level,
            origin_demand=origin_demand)
        event_record(subject=menu, actor=actor, action="menu_item_add",
                     extra={"item": item.pk, "title": title})
    return item


def menu_item_mark_not_applicable(*, actor, item: MenuItem, reason: str) -> MenuItem:
    """A county item on a town menu: kept on the menu, marked 不适用 with the reason."""
    menu = item.menu
    require(actor, "partyday.menu_manage", menu)
    _require_draft(menu)
    if menu.level != MenuLevel.TOWN or item.origin != MenuLevel.COUNTY:
        raise ApplicationError(_("只有乡镇菜单中的县级基础事项可以标记为不适用。"), field="item")
    reason = clean_text(reason)[:200]
    if visible_length(reason) < 4:
        raise ApplicationError(_("请说明不适用的理由（至少4个字）。"), field="reason")
    with transaction.atomic():
        item.not_applicable, item.not_applicable_reason = True, reason
        item.save(update_fields=["not_applicable", "not_applicable_reason"])
        event_record(subject=menu, actor=actor, action="menu_item_not_applicable",
                     note=reason, extra={"item": item.pk})
    return item


def menu_item_remove(*, actor, item: MenuItem) -> None:
    menu = item.menu
    require(actor, "partyday.menu_manage", menu)
    _require_draft(menu)
    if menu.level == MenuLevel.TOWN and item.origin == MenuLevel.COUNTY:
        raise ApplicationError(_("县级基础菜单事项不能删除，可标记为不适用并说明理由。"),
                               field="item")
    with transaction.atomic():
        event_record(subject=menu, actor=actor, action="menu_item_add",
                     note=_("删除事项：%(t)s") % {"t": item.title}, extra={"removed": item.pk})
        item.delete()


def menu_select(*, actor, menu: ActivityMenu, items) -> int:
    """The village's choice from its town menu (applicable items only); returns how many were
    added (an item already chosen is not chosen twice)."""
    require(actor, "partyday.menu_manage", menu)
    _require_draft(menu)
    if menu.level != MenuLevel.VILLAGE:
        raise ApplicationError(_("只有村级菜单从乡镇菜单中选择事项。"), field="menu")
    items = list(items)
    for item in items:
        if item.menu_id != menu.parent_id:
            raise ApplicationError(_("“%(t)s”不在上级乡镇菜单中。") % {"t": item.title},
                                   field="items")
        if item.not_applicable:
            raise ApplicationError(_("“%(t)s”已被乡镇标记为不适用，不能选择。") % {"t": item.title},
                                   field="items")
    chosen = set(menu.items.values_list("inherited_from_id", flat=True))
    new = [MenuItem(menu=menu, title=i.title, category=i.category, description=i.description,
                    suggested_attendees=i.suggested_attendees,
                    suggested_lecturer_kind=i.suggested_lecturer_kind, origin=i.origin,
                    inherited_from=i) for i in items if i.pk not in chosen]
    with transaction.atomic():
        MenuItem.objects.bulk_create(new)
        event_record(subject=menu, actor=actor, action="menu_select",
                     extra={"items": [i.pk for i in items]})
    return len(new)


def menu_publish(*, actor, menu: ActivityMenu, decided_at=None) -> ActivityMenu:
    """County before towns, towns before villages; a village's final menu is decided at one of
    its committee or general meetings, held, and holds at least one item."""
    require(actor, "partyday.menu_county" if menu.level == MenuLevel.COUNTY
            else "partyday.menu_manage", menu)
    with transaction.atomic():
        menu = ActivityMenu.objects.select_for_update().get(pk=menu.pk)
        _require_draft(menu)
        if menu.parent_id and menu.parent.status != MenuStatus.PUBLISHED:
            raise ApplicationError(_("上一级菜单尚未发布。"), field="menu")
        if menu.level == MenuLevel.VILLAGE:
            if (decided_at is None or decided_at.org_id != menu.owner_org_id
                    or decided_at.kind not in DECIDING_KINDS
                    or decided_at.status not in (MeetingStatus.HELD, MeetingStatus.MINUTED)):
                raise ApplicationError(
                    _("村级菜单须经本支部已召开的支部委员会或党员大会商定，请选择该会议。"),
                    field="decided_at")
            if not menu.items.exists():
                raise ApplicationError(_("村级菜单至少要有一个活动事项。"), field="items")
        menu.status, menu.published_at, menu.decided_at = (
            MenuStatus.PUBLISHED, clock.now(), decided_at)
        menu.save(update_fields=["status", "published_at", "decided_at"])
        event_record(subject=menu, actor=actor, action="menu_publish",
                     from_state=MenuStatus.DRAFT, to_state=MenuStatus.PUBLISHED)
    return menu
