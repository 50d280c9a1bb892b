"""督办通知单: drafted → issued → acknowledged → responded → closed, or escalated."""

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
from grassroots.core.transitions import transition_apply, transition_check
from grassroots.people.validators import visible_length
from grassroots.workcal.services import add_working_days

from ..models import NoticeStatus, SupervisionNotice
from ..transitions import NOTICE_TABLE, Action, Who
from .common import county_leader_users, next_seq, now, supervisor_users

RESPOND_WORKING_DAYS = 3


def notice_url(notice) -> str:
    return f"/supervision/notices/{notice.pk}/"


def format_notice_number(year: int, seq: int) -> str:
    return f"督办〔{year}〕{seq}号"  # GB/T 9704 7.2.4: 〔年份〕序号号, no 第, no leading zeros


def _lock(notice) -> SupervisionNotice:
    pk = getattr(notice, "pk", notice)
    return SupervisionNotice.objects.select_for_update().select_related("unit").get(pk=pk)


def _check(actor, who: str, notice: SupervisionNotice):
    if who == Who.SYSTEM:
        return
    if who == Who.OFFICE:
        require(actor, "supervision.office")
        return
    require(actor, "supervision.respond", notice)


def _clean(value: str, *, field: str, minimum: int, message: str, maximum: int = 5000) -> str:
    value = clean_text(value)
    if visible_length(value) < minimum:
        raise ApplicationError(message, field=field)
    if len(value) > maximum:
        raise ApplicationError(_("内容不能超过%(max)s个字。") % {"max": maximum}, field=field)
    return value


def _check_date(respond_by):
    if not isinstance(respond_by, date):
        raise ApplicationError(_("请填写反馈期限。"), field="respond_by")
    if respond_by < timezone.localdate(now()):
        raise ApplicationError(_("反馈期限不能早于今天。"), field="respond_by")


def notice_draft(*, actor, unit, demands, title: str, body: str, respond_by: date,
                 auto: bool = False) -> SupervisionNotice:
    """Draft a notice to one unit about one or more demands (the office, or the deadline watch)."""
    if actor is not None or not auto:
        require(actor, "supervision.office")
    demands = list(demands)
    if not demands:
        raise ApplicationError(_("请至少选择一件督办事项。"), field="demands")
    if unit is None or not unit.is_handling_unit:
        raise ApplicationError(_("请选择被督办的承办单位。"), field="unit")
    title = _clean(title, field="title", minimum=4, maximum=120, message=_("请填写标题（至少4个字）。"))
    body = _clean(body, field="body", minimum=10, message=_("请写明督办内容（至少10个字）。"))
    _check_date(respond_by)
    with transaction.atomic():
        notice = SupervisionNotice.objects.create(
            unit=unit, title=title, body=body, respond_by=respond_by, auto_drafted=auto,
            created_at=now(), created_by=actor)
        notice.demands.set(demands)
        event_record(subject=notice, actor=actor, action=Action.DRAFT,
                     to_state=NoticeStatus.DRAFTED, note=title,
                     extra={"demands": [d.pk for d in demands], "auto": auto})
        transaction.on_commit(lambda: notify(
            recipients=list(supervisor_users()), kind="notice_draft",
            title=Message(gettext_noop("督办通知单待审核：%(title)s"), title=title),
            body=body[:300], url=notice_url(notice),
            dedup_key=f"notice_draft:{notice.pk}"))
    return notice


def notice_draft_for_overdue(*, assignment) -> SupervisionNotice:
    """The deadline watch's escalation: add the demand to the unit's open auto draft, or draft one.

    One draft per unit collects all its long-overdue assignments until the office issues it.
    """
    demand = assignment.demand
    with transaction.atomic():
        draft = (SupervisionNotice.objects.select_for_update()
                 .filter(unit_id=assignment.unit_id, status=NoticeStatus.DRAFTED,
                         auto_drafted=True).order_by("pk").first())
        if draft is not None:
            if not draft.demands.filter(pk=demand.pk).exists():
                draft.demands.add(demand)
                draft.body = f"{draft.body}\n{_overdue_line(assignment)}"
                transition_apply(NOTICE_TABLE, draft,
                                 action=Action.ADD_DEMAND, who=Who.SYSTEM, actor=None,
                                 note=demand.number, fields={"body": draft.body},
                                 extra={"demand": demand.pk})
            return draft
        at = now()
        respond_by = timezone.localdate(add_working_days(at, RESPOND_WORKING_DAYS).due_at)
        return notice_draft(
            actor=None, auto=True, unit=assignment.unit, demands=[demand],
            title=f"关于督促{assignment.unit}办理超期诉求的通知",
            body=("经监测，你单位承办的下列诉求已超过办理时限且长时间未办理，"
                  "请立即办理并于反馈期限前书面反馈办理情况。\n" + _overdue_line(assignment)),
            respond_by=respond_by)


def _overdue_line(assignment) -> str:
    d = assignment.demand
    if assignment.due_at is None:
        return f"· {d.number}《{d.title}》"
    # Local time: the stored deadline is UTC; the notice is read in the county.
    return f"· {d.number}《{d.title}》，时限 {timezone.localtime(assignment.due_at):%Y-%m-%d %H:%M}"


def notice_edit(*, actor, notice, title: str, body: str, respond_by: date,
                demands=None) -> SupervisionNotice:
    title = _clean(title, field="title", minimum=4, maximum=120, message=_("请填写标题（至少4个字）。"))
    body = _clean(body, field="body", minimum=10, message=_("请写明督办内容（至少10个字）。"))
    _check_date(respond_by)
    with transaction.atomic():
        n = _lock(notice)
        _check(actor, Who.OFFICE, n)
        transition_apply(NOTICE_TABLE, n, action=Action.EDIT, who=Who.OFFICE, actor=actor,
                         fields={"title": title, "body": body, "respond_by": respond_by})
        if demands is not None:
            demands = list(demands)
            if not demands:
                raise ApplicationError(_("请至少选择一件督办事项。"), field="demands")
            n.demands.set(demands)
    return n


def notice_issue(*, actor, notice) -> SupervisionNotice:
    """下发: the notice gets its number (督办〔2026〕N号) and goes to the unit."""
    with transaction.atomic():
        n = _lock(notice)
        _check(actor, Who.OFFICE, n)
        transition_check(NOTICE_TABLE, n.status, Action.ISSUE, Who.OFFICE)  # before a number
        at = now()
        year = timezone.localtime(at).year  # 督办〔2027〕 from 00:00 on 1 January, local time
        seq = next_seq("notice", year, taken=SupervisionNotice.objects.filter(year=year))
        number = format_notice_number(year, seq)
        transition_apply(NOTICE_TABLE, n,
                         action=Action.ISSUE, who=Who.OFFICE, actor=actor, note=number,
                         fields={"issued_at": at, "year": year, "seq": seq, "number": number})
        transaction.on_commit(lambda: notify(
            recipients=list(n.unit.staff_users()), kind="notice",
            title=Message(gettext_noop("督办通知：%(title)s（%(number)s）"), title=n.title,
                          number=number),
            body=Message(gettext_noop("请于 %(date)s 前反馈办理情况。"),
                         date=f"{n.respond_by:%Y-%m-%d}"),
            url=notice_url(n),
            dedup_key=f"notice_issue:{n.pk}"))
    return n


def notice_cancel(*, actor, notice, note: str = "") -> SupervisionNotice:
    with transaction.atomic():
        n = _lock(notice)
        _check(actor, Who.OFFICE, n)
        transition_apply(NOTICE_TABLE, n,
                         action=Action.CANCEL, who=Who.OFFICE, actor=actor, note=note)
    return n


def notice_acknowledge(*, actor, notice) -> SupervisionNotice:
    with transaction.atomic():
        n = _lock(notice)
        _check(actor, Who.UNIT, n)
        transition_apply(NOTICE_TABLE, n, action=Action.ACKNOWLEDGE, who=Who.UNIT, actor=actor,
                         fields={"acknowledged_at": now()})
    return n


def notice_respond(*, actor, notice, text: str) -> SupervisionNotice:
    text = _clean(text, field="text", minimum=10,
                  message=_("请写明办理情况（至少10个字）：做了什么、结果如何。"))
    with transaction.atomic():
        n = _lock(notice)
        _check(actor, Who.UNIT, n)
        transition_apply(NOTICE_TABLE, n,
                         action=Action.RESPOND, who=Who.UNIT, actor=actor, note=text,
                         fields={"responded_at": now(), "response_text": text})
        transaction.on_commit(lambda: notify(
            recipients=list(supervisor_users()), kind="notice_response",
            title=Message(gettext_noop("%(unit)s已反馈督办事项：%(number)s"), unit=str(n.unit),
                          number=n.number),
            body=text[:300], url=notice_url(n),
            dedup_key=f"notice_response:{n.pk}:{n.responded_at:%Y%m%d%H%M%S}"))
    return n


def notice_send_back(*, actor, notice, note: str) -> SupervisionNotice:
    note = _clean(note, field="note", minimum=4, message=_("请写明退回理由（至少4个字）。"))
    with transaction.atomic():
        n = _lock(notice)
        _check(actor, Who.OFFICE, n)
        transition_apply(NOTICE_TABLE, n,
                         action=Action.SEND_BACK, who=Who.OFFICE, actor=actor, note=note)
        transaction.on_commit(lambda: notify(
            recipients=list(n.unit.staff_users()), kind="notice",
            title=Message(gettext_noop("督办反馈被退回，请重新反馈：%(number)s"),
                          number=n.number),
            body=note, url=notice_url(n)))
    return n


def notice_close(*, actor, notice, note: str = "") -> SupervisionNotice:
    with transaction.atomic():
        n = _lock(notice)
        _check(actor, Who.OFFICE, n)
        transition_apply(NOTICE_TABLE, n,
                         action=Action.CLOSE, who=Who.OFFICE, actor=actor, note=note,
                         fields={"closed_at": now()})
    return n


def notice_escalate(*, actor, notice, note: str) -> SupervisionNotice:
    """提请县领导督办: the unit did not act; the county leadership takes it over."""
    note = _clean(note, field="note", minimum=4, message=_("请写明提请理由（至少4个字）。"))
    with transaction.atomic():
        n = _lock(notice)
        _check(actor, Who.OFFICE, n)
        transition_apply(NOTICE_TABLE, n,
                         action=Action.ESCALATE, who=Who.OFFICE, actor=actor, note=note,
                         fields={"escalated_at": now()})
        transaction.on_commit(lambda: notify(
            recipients=list(county_leader_users()), kind="notice_escalated",
            title=Message(gettext_noop("提请县领导督办：%(title)s（%(number)s）"), title=n.title,
                          number=n.number),
            body=note, url=notice_url(n),
            dedup_key=f"notice_escalated:{n.pk}"))
    return n
