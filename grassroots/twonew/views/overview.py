"""The overview: coverage rates by county, park and town, month by month; the ledgers."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from grassroots.core.files import MIME, download_response
from grassroots.core.policy import require

from .. import stats
from ..ledgers import LEDGERS, ledger_workbook
from ..models import ParkEntry, SyncKind, TwoNewOrg
from ..selectors import overdue_tasks
from ..services.common import add_natural_months, today


def _figures(user):
    orgs = TwoNewOrg.objects.restrict(user)
    entries = ParkEntry.objects.restrict(user)
    now = today()
    year_ago = add_natural_months(now, -12)
    return {
        "today": now,
        "county": {
            "org": stats.organisational_coverage(orgs)[0],
            "own": stats.own_founding_rate(orgs)[0],
            "work": stats.work_coverage(orgs, today=now)[0],
            "above": stats.above_size_coverage(orgs)[0],
            "sync": stats.four_sync_completion(entries, start=year_ago, end=now),
        },
        "by_park": stats.organisational_coverage(orgs, "park"),
        "by_town": stats.organisational_coverage(orgs, "town"),
        "above_by_park": stats.above_size_coverage(orgs, "park"),
        "work_by_park": stats.work_coverage(orgs, "park", today=now),
        "monthly": stats.monthly_coverage(orgs, today=now),
        "sync_monthly": stats.four_sync_by_month(entries, start=year_ago, end=now),
        "lateness": [{**r, "label": SyncKind(r["kind"]).label}
                     for r in stats.task_lateness(_tasks(user), today=now)],
        "ledgers": [(k, v) for k, v in LEDGERS.items()],
    }


def _tasks(user):
    from ..models import SyncTask

    return SyncTask.objects.restrict(user)


@login_required
def home(request):
    require(request.user, "twonew.view")
    context = _figures(request.user)
    context["overdue"] = overdue_tasks(request.user, context["today"])[:20]
    return render(request, "twonew/home.html", context)


@login_required
def coverage_page(request):
    require(request.user, "twonew.view")
    return render(request, "twonew/coverage.html", _figures(request.user))


@login_required
def export(request, kind: str):
    """The ledgers as .xlsx (the list's scope): survey, instructors, visits, training roster,
    lecturers, room use, red teams and problems, worker matters, coverage table."""
    require(request.user, "twonew.view")
    if kind not in LEDGERS:
        raise Http404
    content = ledger_workbook(request.user, kind)
    name = f"{LEDGERS[kind]}-{today():%Y%m%d}.xlsx"
    return download_response(content, name, MIME["xlsx"])
