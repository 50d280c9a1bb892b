"""专报 (special reports) on a topic, and 专题会议 (special-topic meetings) with follow-up items."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from grassroots.core.errors import ApplicationError
from grassroots.core.events import event_record
from grassroots.core.i18n import Message
from grassroots.core.notifications import notify
from grassroots.core.policy import require
from grassroots.core.text import clean_text
from grassroots.demands.models import Demand, DemandStatus
from grassroots.people.validators import visible_length

from ..models import Meeting, MeetingItem, SpecialReport
from ..stats import COUNTY_WIDE, DEFINITIONS, Period, Topic, month_counts, unit_stats
from .common import next_seq, now

MAX_LISTED = 200


def format_report_number(year: int, seq: int) -> str:
    return f"{year}年第{seq}期"  # an issue line (期号), not a document number (〔2026〕N号)


def _keywords(text: str) -> tuple[str, ...]:
    words = [w.strip() for w in (text or "").replace("，", " ").replace(",", " ").split()]
    return tuple(w for w in words if w)[:8]


def report_figures(*, user, topic: Topic, period: Period, at=None) -> dict:
    at = at or now()
    stats = unit_stats(user=user, period=period, topic=topic, at=at)
    start, end = period.bounds()
    demands = (Demand.objects.restrict(user).filter(topic.q())
               .filter(received_at__gte=start, received_at__lt=end)
               .exclude(status=DemandStatus.MERGED).select_related("division", "town")
               .order_by("received_at")[:MAX_LISTED])
    listed = [{
        "id": d.pk, "number": d.number, "title": d.title,
        "place": str(d.division or d.town or ""),
        "received": f"{timezone.localtime(d.received_at):%Y-%m-%d}",
        "status": str(d.get_status_display()),
        "outcome": str(d.get_outcome_display()) if d.outcome else "—",
        "satisfaction": str(d.get_satisfaction_display()) if d.satisfaction else "—",
    } for d in demands]
    t = stats.totals
    r = t["rates"]

    def pct(x):
        return "—" if x["value"] is None else f"{x['value']:.1f}%"

    intro = (f"{period.label}，全县共受理相关诉求{t['received']}件，其中现场解决{t['on_spot']}件，"
             f"派单办理{t['dispatched']}件，响应率{pct(r['response'])}，解决率{pct(r['resolution'])}，"
             f"满意率{pct(r['satisfaction'])}，超期{t['overdue']}件。")
    return {
        "period": period.key, "period_label": period.label, "as_of": at.isoformat(),
        "date_from": period.start.isoformat(), "date_to": period.end.isoformat(),
        "totals": t, "previous_totals": stats.previous_totals, "units": stats.rows,
        "by_month": month_counts(user=user, period=period, topic=topic),
        "demands": listed, "demand_total": t["received"], "intro": intro,
        "definitions": {k: list(v) for k, v in DEFINITIONS.items()},
    }


def special_report_create(*, actor, title: str, date_from: date, date_to: date, category=None,
                          keywords: str = "", divisions=(), analysis: str = "",
                          at=None) -> SpecialReport:
    """Compile a special report on a topic (category, keywords, places, period)."""
    require(actor, "supervision.office")
    title = clean_text(title)
    if not 4 <= len(title) <= 120:
        raise ApplicationError(_("标题应为4至120个字。"), field="title")
    if not (date_from and date_to):
        raise ApplicationError(_("请选择统计期间。"), field="date_from")
    if date_from > date_to:
        raise ApplicationError(_("结束日期不能早于开始日期。"), field="date_to")
    if (date_to - date_from).days > 731:
        raise ApplicationError(_("统计期间不能超过两年。"), field="date_to")
    divisions = list(divisions)
    words = _keywords(keywords)
    if category is None and not words and not divisions:
        raise ApplicationError(_("请至少选择分类、关键词或地点中的一项作为专报主题。"),
                               field="category")
    topic = Topic(category_id=category.pk if category else None, keywords=words,
                  division_ids=tuple(d.pk for d in divisions))
    period = Period(date_from, date_to)
    at = at or now()
    figures = report_figures(user=actor or COUNTY_WIDE, topic=topic, period=period, at=at)
    with transaction.atomic():
        year = timezone.localtime(at).year
        seq = next_seq("report", year, taken=SpecialReport.objects.filter(year=year))
        report = SpecialReport.objects.create(
            year=year, seq=seq, number=format_report_number(year, seq), title=title,
            category=category, keywords=" ".join(words), date_from=date_from, date_to=date_to,
            analysis=clean_text(analysis)[:5000], figures=figures, created_at=at,
            created_by=actor)
        report.divisions.set(divisions)
        event_record(subject=report, actor=actor, action="compile", note=report.number, at=at)
    return report


# --- Special-topic meetings -------------------------------------------------------------------

def meeting_create(*, actor, held_on: date, topic: str, units, decisions: str, category=None,
                   demands=(), items=()) -> Meeting:
    """Record a meeting; ``items`` are (text, owner unit, due date) follow-ups."""
    require(actor, "supervision.office")
    topic = clean_text(topic)
    if not 4 <= len(topic) <= 120:
        raise ApplicationError(_("请填写会议议题（4至120个字）。"), field="topic")
    units = list(units)
    if not units:
        raise ApplicationError(_("请选择参会单位。"), field="units")
    decisions = clean_text(decisions)
    if visible_length(decisions) < 10:
        raise ApplicationError(_("请填写会议议定事项（至少10个字）。"), field="decisions")
    items = list(items)
    for text, owner, due_on in items:
        _check_item(text, owner, due_on, held_on)
    with transaction.atomic():
        m = Meeting.objects.create(held_on=held_on, topic=topic, category=category,
                                   decisions=decisions, created_at=now(), created_by=actor)
        m.units.set(units)
        m.demands.set(list(demands))
        event_record(subject=m, actor=actor, action="meeting_created", note=topic)
        for text, owner, due_on in items:
            _add_item(m, actor=actor, text=text, owner=owner, due_on=due_on)
    return m


def _check_item(text, owner, due_on, held_on):
    if len((text or "").strip()) < 4:
        raise ApplicationError(_("请写明落实事项（至少4个字）。"), field="items")
    if owner is None:
        raise ApplicationError(_("请为每个落实事项指定责任单位。"), field="items")
    if not isinstance(due_on, date) or due_on < held_on:
        raise ApplicationError(_("完成时限不能早于会议日期。"), field="items")


def _add_item(meeting, *, actor, text, owner, due_on) -> MeetingItem:
    item = MeetingItem.objects.create(meeting=meeting, text=clean_text(text)[:300], owner=owner,
                                      due_on=due_on)
    event_record(subject=item, actor=actor, action="meeting_item_created", note=item.text,
                 extra={"owner": owner.pk, "due_on": due_on.isoformat()})
    transaction.on_commit(lambda: notify(
        recipients=list(owner.staff_users()), kind="meeting_item",
        title=Message(gettext_noop("专题会议落实事项：%(item)s"), item=item.text[:60]),
        body=Message(gettext_noop("会议：%(topic)s；完成时限：%(date)s"), topic=meeting.topic,
                     date=f"{due_on:%Y-%m-%d}"),
        url=f"/supervision/meetings/{meeting.pk}/", dedup_key=f"meeting_item:{item.pk}"))
    return item


def meeting_item_add(*, actor, meeting, text: str, owner, due_on: date) -> MeetingItem:
    require(actor, "supervision.office")
    _check_item(text, owner, due_on, meeting.held_on)
    with transaction.atomic():
        return _add_item(meeting, actor=actor, text=text, owner=owner, due_on=due_on)


def meeting_item_complete(*, actor, item, note: str) -> MeetingItem:
    """The owner unit (or the office) records that a follow-up item is done."""
    note = clean_text(note)
    if visible_length(note) < 4:
        raise ApplicationError(_("请写明完成情况（至少4个字）。"), field="note")
    with transaction.atomic():
        item = MeetingItem.objects.select_for_update().get(pk=item.pk)
        require(actor, "supervision.complete_item", item)
        updated = MeetingItem.objects.filter(pk=item.pk, done_at__isnull=True).update(
            done_at=now(), done_note=note[:2000])
        if not updated:
            raise ApplicationError(_("该事项已登记完成。"))
        item.refresh_from_db()
        event_record(subject=item, actor=actor, action="complete", note=note)
    return item
