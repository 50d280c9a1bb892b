"""通报: compiled automatically each month as a draft, edited and published by a supervisor."""

from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from grassroots.core.errors import ApplicationError
from grassroots.core.events import event_record
from grassroots.core.i18n import Message
from grassroots.core.notifications import notify
from grassroots.core.policy import require
from grassroots.core.text import clean_text
from grassroots.core.transitions import transition_apply
from grassroots.demands.models import ACTIVE_STATUSES_ASSIGNMENT, Assignment
from grassroots.people.validators import visible_length

from ..models import Bulletin, BulletinStatus, SupervisionNotice
from ..stats import COUNTY_WIDE, DEFINITIONS, Period, red_list, unit_stats
from ..transitions import BULLETIN_TABLE, Action, Who
from .common import next_seq, now

LIST_SIZE = 5
OVERDUE_ITEMS = 30


def bulletin_url(b) -> str:
    return f"/supervision/bulletins/{b.pk}/"


def format_bulletin_number(year: int, seq: int) -> str:
    return f"{year}年第{seq}期"  # an issue line (期号), not a document number (〔2026〕N号)


def _pct(rate) -> str:
    return "—" if rate["value"] is None else f"{rate['value']:.1f}%"


def _pp(value) -> str:
    if value is None:
        return "—"
    if value == 0:
        return "持平"
    return f"{'上升' if value > 0 else '下降'}{abs(value):.1f}个百分点"


def _count_change(value: int) -> str:
    if value == 0:
        return "持平"
    return f"{'增加' if value > 0 else '减少'}{abs(value)}件"


def recurrence_rows(start, end, *, user=None) -> list[dict]:
    """[{"unit", "count"}]: demands received in the period flagged as a recurrence (possible
    fake fix) of one the unit closed as lead, most first (text intelligence's one query)."""
    from grassroots.orgs.models import Organization
    from grassroots.triage.selectors import recurrence_counts_by_unit

    counts = recurrence_counts_by_unit(date_from=start, date_to=end, user=user)
    names = dict(Organization.objects.filter(pk__in=counts).values_list("pk", "name"))
    return sorted(({"unit": names.get(k, ""), "count": n} for k, n in counts.items()),
                  key=lambda r: (-r["count"], r["unit"]))


def bulletin_figures(period: Period, *, at=None, user=COUNTY_WIDE) -> dict:
    """Everything a bulletin shows, from the one statistics selector (plus item lists)."""
    at = at or now()
    units = unit_stats(user=user, period=period, group_by="unit", at=at)
    cats = unit_stats(user=user, period=period, group_by="category", at=at)
    towns = unit_stats(user=user, period=period, group_by="town", at=at)
    red = red_list(units.rows)
    late = sorted([r for r in units.rows if r["overdue"] > 0],
                  key=lambda r: (-r["overdue"], r["score"] or 0, r["label"]))[:LIST_SIZE]
    hot = sorted(cats.rows, key=lambda r: (-r["received"], r["label"]))[:LIST_SIZE]
    start, end = period.bounds()
    overdue_q = (Q(acknowledged_late=True) | Q(replied_late=True)
                 | Q(status__in=ACTIVE_STATUSES_ASSIGNMENT, due_at__lt=at))
    items = (Assignment.objects.restrict(user)
             .filter(dispatched_at__gte=start, dispatched_at__lt=end).filter(overdue_q)
             .exclude(status="returned").select_related("demand", "unit")
             .order_by("unit__code", "dispatched_at")[:OVERDUE_ITEMS])
    overdue_items = [{
        "demand_id": a.demand_id, "number": a.demand.number, "title": a.demand.title,
        "unit": str(a.unit), "dispatched_at": f"{timezone.localtime(a.dispatched_at):%Y-%m-%d}",
        "status": str(a.get_status_display()),
        "open": a.status in ACTIVE_STATUSES_ASSIGNMENT,
        "late": "签收超时" if a.acknowledged_late else ("答复超时" if a.replied_late else "未办结超期"),
    } for a in items]
    recurrences = recurrence_rows(start, end, user=None if user is COUNTY_WIDE else user)
    notices = [{"number": n.number, "unit": str(n.unit), "title": n.title,
                "status": str(n.get_status_display()), "issued_at": f"{timezone.localtime(n.issued_at):%Y-%m-%d}"}
               for n in SupervisionNotice.objects.filter(issued_at__gte=start, issued_at__lt=end)
               .select_related("unit").order_by("issued_at")]
    return {
        "period": period.key, "period_label": period.label, "as_of": at.isoformat(),
        "date_from": period.start.isoformat(), "date_to": period.end.isoformat(),
        "totals": units.totals, "previous_totals": units.previous_totals,
        "units": units.rows, "towns": towns.rows, "categories": hot,
        "red_list": [r["key"] for r in red], "late_list": [r["key"] for r in late],
        "overdue_items": overdue_items, "notices": notices, "recurrences": recurrences,
        "definitions": {k: list(v) for k, v in DEFINITIONS.items()},
    }


def default_intro(fig: dict) -> str:
    t = fig["totals"]
    change = t.get("change") or {}
    parts = [
        f"{fig['period_label']}，全县共受理群众诉求{t['received']}件，其中现场解决{t['on_spot']}件，"
        f"派单办理{t['dispatched']}件；",
        f"响应率{_pct(t['rates']['response'])}，解决率{_pct(t['rates']['resolution'])}，"
        f"满意率（首次回访）{_pct(t['rates']['satisfaction'])}"
        + (f"，最终满意率{_pct(t['rates']['satisfaction_final'])}，重新办理{t['reopened']}件"
           if "satisfaction_final" in t["rates"] else "")  # (figures stored before they were)
        + f"；超期{t['overdue']}件"
        f"（其中未办结{t['overdue_open']}件）。",
    ]
    if change:
        clauses = [f"受理量{_count_change(change['received'])}"]
        # All three rates alike; a rate is left out only when last month had no sample.
        clauses += [f"{name}{_pp(change[key])}" for key, name in (("response", "响应率"),
                                                                 ("resolution", "解决率"),
                                                                 ("satisfaction", "满意率"))
                    if change.get(key) is not None]
        parts.append(f"与上月相比，{'，'.join(clauses)}。")
    return "".join(parts)


DEFAULT_REMARKS = (
    "一、各承办单位要严格落实“1小时签收、2个工作日答复”要求，对本期通报的超期事项立即整改，"
    "并于5个工作日内将整改情况报县民生服务中心。\n"
    "二、对连续两期进入超期名单的单位，由县督查室下发督办通知单，必要时提请县领导督办。\n"
    "三、各单位要加强对群众反映集中问题的分析研判，举一反三，从源头减少同类诉求。"
)


def bulletin_compile(*, actor, period, at=None) -> Bulletin:
    """Compile the month's bulletin as a draft; a second call returns the one already there."""
    if actor is not None:
        require(actor, "supervision.office")
    period = Period.of(period)
    if not period.is_month:
        raise ApplicationError(_("通报按自然月编制，请选择月份。"), field="month")
    existing = Bulletin.objects.filter(period=period.start).first()
    if existing is not None:
        return existing
    at = at or now()
    figures = bulletin_figures(period, at=at)
    try:
        with transaction.atomic():
            year = timezone.localtime(at).year
            seq = next_seq("bulletin", year, taken=Bulletin.objects.filter(year=year))
            b = Bulletin.objects.create(
                period=period.start, year=year, seq=seq,
                number=format_bulletin_number(year, seq),
                title=f"关于{period.label}民生诉求办理情况的通报",
                intro=default_intro(figures), remarks=DEFAULT_REMARKS, figures=figures,
                compiled_at=at)
            event_record(subject=b, actor=actor, action=Action.COMPILE,
                         to_state=BulletinStatus.DRAFTED, note=b.number, at=at)
            transaction.on_commit(lambda: notify(
                recipients=_supervisors(), kind="bulletin_draft",
                title=Message(gettext_noop("%(year)s年%(month)s月通报已生成，待审核发布"),
                              year=period.start.year, month=period.start.month),
                url=bulletin_url(b),
                dedup_key=f"bulletin_draft:{b.pk}"))
    except IntegrityError:
        # Compiled concurrently by another worker: the one already stored wins.
        return Bulletin.objects.get(period=period.start)
    return b


def unsaved_bulletin(period) -> Bulletin:
    """The stored bulletin of the month, or one computed now and not saved (for scripts)."""
    period = Period.of(period)
    existing = Bulletin.objects.filter(period=period.start).first()
    if existing is not None:
        return existing
    at = now()
    figures = bulletin_figures(period, at=at)
    year = timezone.localtime(at).year
    seq = (Bulletin.objects.filter(year=year).aggregate(top=Max("seq"))["top"] or 0) + 1
    return Bulletin(period=period.start, year=year, seq=seq,
                    number=format_bulletin_number(year, seq),
                    title=f"关于{period.label}民生诉求办理情况的通报", intro=default_intro(figures),
                    remarks=DEFAULT_REMARKS, figures=figures, compiled_at=at)


def _supervisors():
    from .common import supervisor_users

    return list(supervisor_users())


def bulletin_compile_due(*, at=None) -> str:
    """Periodic job: at the start of each month, compile the previous month's bulletin once."""
    at = at or now()
    local = timezone.localtime(at)  # 01:00 on the 1st in the county is still last month in UTC
    current = Period.month(local.year, local.month)
    prev = current.previous()
    if Bulletin.objects.filter(period=prev.start).exists():
        return ""
    return bulletin_compile(actor=None, period=prev, at=at).number


def _lock(b) -> Bulletin:
    return Bulletin.objects.select_for_update().get(pk=getattr(b, "pk", b))


def bulletin_edit(*, actor, bulletin, title: str, intro: str, remarks: str) -> Bulletin:
    """The supervisor edits the text parts; the figures stay those of the compile."""
    require(actor, "supervision.office")
    title = clean_text(title)
    if not 4 <= len(title) <= 120:
        raise ApplicationError(_("标题应为4至120个字。"), field="title")
    intro, remarks = clean_text(intro), clean_text(remarks)
    if visible_length(intro) < 10:
        raise ApplicationError(_("请填写导语（至少10个字）。"), field="intro")
    if len(intro) > 5000 or len(remarks) > 5000:
        raise ApplicationError(_("内容不能超过5000个字。"), field="remarks")
    with transaction.atomic():
        b = _lock(bulletin)
        transition_apply(BULLETIN_TABLE, b, action=Action.EDIT, who=Who.OFFICE, actor=actor,
                         fields={"title": title, "intro": intro, "remarks": remarks})
    return b


def bulletin_refresh(*, actor, bulletin) -> Bulletin:
    """Recompute the figures of a draft (e.g. after late replies were recorded)."""
    require(actor, "supervision.office")
    with transaction.atomic():
        b = _lock(bulletin)
        at = now()
        figures = bulletin_figures(Period.of(b.period), at=at)
        transition_apply(BULLETIN_TABLE, b,
                         action=Action.COMPILE, who=Who.OFFICE, actor=actor, note="重新统计",
                         fields={"figures": figures, "compiled_at": at})
    return b


def bulletin_publish(*, actor, bulletin) -> Bulletin:
    require(actor, "supervision.office")
    with transaction.atomic():
        b = _lock(bulletin)
        at = now()
        transition_apply(BULLETIN_TABLE, b,
                         action=Action.PUBLISH, who=Who.OFFICE, actor=actor, note=b.number,
                         fields={"published_at": at, "published_by": actor})
        transaction.on_commit(lambda: _notify_published(b))
    return b


def _notify_published(b):
    from grassroots.core.scope import Role
    from grassroots.people.models import User

    leaders = User.objects.filter(is_active=True, person__memberships__is_active=True,
                                  person__memberships__role=Role.UNIT_LEADER).distinct()
    notify(recipients=list(leaders), kind="bulletin",
           title=Message(gettext_noop("%(title)s（%(number)s）已发布"), title=b.title,
                         number=b.number),
           url=bulletin_url(b), dedup_key=f"bulletin_published:{b.pk}")
