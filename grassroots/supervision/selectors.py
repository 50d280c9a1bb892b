"""Reads of the supervision app, always scope-filtered (missing and not-yours give the same 404)."""

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.core.scope import get_scope
from grassroots.core.selectors import get_for_user
from grassroots.core.transitions import actions_for

from .models import (
    Bulletin,
    Meeting,
    MeetingItem,
    NoticeStatus,
    SpecialReport,
    SupervisionNotice,
)
from .transitions import BULLETIN_TABLE, NOTICE_TABLE


def notice_list(user, *, status: str = "", unit: int | None = None):
    qs = SupervisionNotice.objects.restrict(user).select_related("unit") \
        .annotate(demand_count=Count("demands"))
    if status:
        qs = qs.filter(status=status)
    if unit:
        qs = qs.filter(unit_id=unit)
    return qs.order_by("-created_at", "-id")


def get_notice_for_user(user, pk, action="view") -> SupervisionNotice:
    return get_for_user(SupervisionNotice.objects.select_related("unit"), user, pk, action)


def notice_available_actions(user, notice) -> list[str]:
    return actions_for(NOTICE_TABLE, user, notice)


def notice_is_late(notice) -> bool:
    return (notice.status in (NoticeStatus.ISSUED, NoticeStatus.ACKNOWLEDGED)
            and notice.respond_by < timezone.localdate())


def bulletin_list(user):
    return Bulletin.objects.restrict(user).order_by("-period")


def get_bulletin_for_user(user, pk, action="view") -> Bulletin:
    return get_for_user(Bulletin.objects.all(), user, pk, action)


def bulletin_available_actions(user, bulletin) -> list[str]:
    return actions_for(BULLETIN_TABLE, user, bulletin)


def report_list(user):
    return SpecialReport.objects.restrict(user).select_related("category").order_by(
        "-created_at", "-id")


def get_report_for_user(user, pk, action="view") -> SpecialReport:
    return get_for_user(SpecialReport.objects.select_related("category"), user, pk, action)


def meeting_list(user):
    return Meeting.objects.restrict(user).select_related("category").annotate(
        item_count=Count("items", distinct=True),
        open_items=Count("items", filter=Q(items__done_at__isnull=True), distinct=True),
        overdue_items=Count("items", filter=Q(items__done_at__isnull=True,
                                              items__due_on__lt=timezone.localdate()),
                            distinct=True),
    ).order_by("-held_on", "-id")


def get_meeting_for_user(user, pk, action="view") -> Meeting:
    return get_for_user(Meeting.objects.select_related("category"), user, pk, action)


def get_meeting_item_for_user(user, pk, action="view") -> MeetingItem:
    return get_for_user(MeetingItem.objects.select_related("meeting", "owner"), user, pk, action)


def landing_cards(user) -> list[dict]:
    scope = get_scope(user)
    cards = []
    if scope.is_supervisor:
        drafts = SupervisionNotice.objects.filter(status=NoticeStatus.DRAFTED).count()
        cards.append({"key": "notice_drafts", "label": _("待下发督办通知"), "count": drafts,
                      "url": "/supervision/notices/?status=drafted",
                      "tone": "warn" if drafts else "ok",
                      "section": "supervision", "kind": "waiting"})
        b = Bulletin.objects.filter(status="drafted").count()
        cards.append({"key": "bulletin_drafts", "label": _("待发布通报"), "count": b,
                      "url": "/supervision/bulletins/", "tone": "warn" if b else "ok",
                      "section": "supervision", "kind": "waiting"})
    elif scope.unit_ids:
        open_n = SupervisionNotice.objects.filter(
            unit_id__in=scope.unit_ids,
            status__in=(NoticeStatus.ISSUED, NoticeStatus.ACKNOWLEDGED)).count()
        cards.append({"key": "notices_open", "label": _("待反馈督办通知"), "count": open_n,
                      "url": "/supervision/notices/", "tone": "bad" if open_n else "ok",
                      "section": "supervision", "kind": "deadline"})
    return cards
