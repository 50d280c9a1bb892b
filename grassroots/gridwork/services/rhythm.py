"""每月一主题、月初提醒、月末通报. The two jobs are idempotent and take ``today``/``month`` so
tests and the demo can run them for any month."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from grassroots.core import clock
from grassroots.core.errors import ApplicationError
from grassroots.core.events import event_record
from grassroots.core.i18n import Message
from grassroots.core.models import Notification
from grassroots.core.notifications import email_copy, notification_new
from grassroots.core.policy import require
from grassroots.demands.models import OPEN_STATUSES
from grassroots.people.models import ServiceTeamMember, User
from grassroots.people.validators import visible_length

from .. import months
from ..models import MonthlyReport, MonthlyTheme
from ..selectors.reports import month_figures
from .common import clean_text

# The scheduler runs the reminder every hour of the month, not only on its first days: a
# month whose reminder was missed (the server down on days 1-5, a late deployment) is caught
# up the next time it runs, and a theme set after a theme-less reminder is sent once more.
THEMED = "theme"  # dedup key prefix of the reminder that names the month's theme
UNTHEMED = "notheme"  # … of the reminder sent while the month had no theme yet


def theme_set(*, actor, month: str, title: str, description: str = "") -> MonthlyTheme:
    """Set (or change) the month's visit theme; county admin or organisation department."""
    require(actor, "gridwork.manage", message=_("只有平台管理员或组织部可以设置月度主题。"))
    if not months.is_month(month):
        raise ApplicationError(_("月份格式应为YYYY-MM。"), field="month")
    title = clean_text(title, limit=100)
    if visible_length(title) < 2:
        raise ApplicationError(_("请填写主题（至少2个字）。"), field="title")
    description = clean_text(description, limit=2000)
    with transaction.atomic():
        theme = MonthlyTheme.objects.select_for_update().filter(month=month).first()
        old = theme.title if theme else ""
        if theme is None:
            theme = MonthlyTheme.objects.create(month=month, title=title, description=description,
                                                set_by=actor)
        else:
            theme.title, theme.description, theme.set_by = title, description, actor
            theme.set_at = clock.now()
            theme.save(update_fields=["title", "description", "set_by", "set_at"])
        event_record(subject=theme, actor=actor, action="theme_set", from_state=old[:32],
                     to_state=title[:32], note=description[:200])
    return theme


def month_start_reminder(today: date | None = None, month: str | None = None) -> int:
    """Remind every seated secretary with a login of the month's theme and the open demands of
    their grids. Returns how many new notifications; running it again sends nothing twice."""
    if month is None:
        month = months.month_of(today or months.today())
    theme = MonthlyTheme.objects.filter(month=month).first()
    # Open demands in each secretary's grids: one grouped query over the active seats.
    open_by_user = dict(
        ServiceTeamMember.objects.filter(ended_at__isnull=True, person__user__is_active=True)
        .values_list("person__user_id")
        .annotate(n=Count("team__grid__demands",
                          filter=Q(team__grid__demands__status__in=OPEN_STATUSES)))
        .order_by())
    emails_of = dict(User.objects.filter(pk__in=open_by_user).exclude(email="")
                     .values_list("pk", "email"))
    first = months.first_day(month)
    if theme:
        title = Message(gettext_noop("%(year)s年%(month)s月走访提醒：%(theme)s"),
                        year=first.year, month=first.month, theme=theme.title)
        head = Message(gettext_noop("本月走访主题：%(theme)s。%(description)s"),
                       theme=theme.title, description=theme.description)
    else:
        title = Message(gettext_noop("%(year)s年%(month)s月走访提醒"),
                        year=first.year, month=first.month)
        head = Message(gettext_noop("本月走访主题尚未发布，请按常规开展走访。"))
    url = reverse("gridwork:my_grid")
    prefix = f"{THEMED if theme else UNTHEMED}:{month}:"
    with transaction.atomic():
        # The dedup key makes a second run a no-op, exactly as ``core.notifications.notify``
        # does; the rows are inserted in bulk because a county has ~2,700 secretaries.
        # A theme-less reminder is not sent after the themed one.
        done = set(Notification.objects.filter(
            Q(dedup_key__startswith=prefix) | Q(dedup_key__startswith=f"{THEMED}:{month}:"))
            .values_list("recipient_id", flat=True))
        rows, emails = [], []
        for user_id, n_open in sorted(open_by_user.items()):
            if user_id in done:
                continue
            rows.append(notification_new(
                title=title,
                body=[head, Message(gettext_noop("您负责的网格目前有%(n)s条未办结诉求，请及时跟进。"),
                                    n=n_open)],
                recipient_id=user_id, kind="gridwork_month_start", url=url,
                dedup_key=f"{prefix}{user_id}", created_at=clock.now()))
            if user_id in emails_of:
                emails.append((emails_of[user_id], *email_copy(rows[-1])))
        Notification.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
        if emails:
            transaction.on_commit(lambda: _send_emails(url, emails))
    return len(rows)


def _send_emails(url, emails):
    from django.core.mail import send_mass_mail

    send_mass_mail([(subject, f"{text}\n{url}", None, [to]) for to, subject, text in emails],
                   fail_silently=True)


def month_end_report(today: date | None = None, month: str | None = None) -> MonthlyReport:
    """Compile the month-end report once per month (default: the month that just ended).

    A month is reported only once it has ended: its figures are then final, and the report's
    compile time is after the month."""
    if month is None:
        month = months.previous_month(months.month_of(today or months.today()))
    if not months.is_month(month):
        raise ApplicationError(_("月份格式应为YYYY-MM。"), field="month")
    if month >= months.month_of(months.today()):  # the platform's clock, whatever ``today`` says
        raise ApplicationError(_("%(month)s尚未结束，月末通报在该月结束后生成。")
                               % {"month": months.display_label(month)}, field="month")
    existing = MonthlyReport.objects.filter(month=month).first()
    if existing is not None:
        return existing
    figures = month_figures(month)
    try:
        with transaction.atomic():
            report = MonthlyReport.objects.create(month=month, figures=figures,
                                                  compiled_at=clock.now())
            event_record(subject=report, actor=None, action="report_compiled", to_state=month,
                         extra={"visits": figures["county"]["visits"]})
    except IntegrityError:  # another worker compiled it first
        report = MonthlyReport.objects.get(month=month)
    return report


def run_month_start_reminder():
    """Periodic entry point (no arguments)."""
    return month_start_reminder()


def run_month_end_report():
    return month_end_report().month



