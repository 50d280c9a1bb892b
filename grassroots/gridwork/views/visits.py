from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from grassroots.core.files import file_response
from grassroots.core.forms import draft_done
from grassroots.core.idempotency import form_key, issue_key, run_once
from grassroots.core.parsing import id_or_none
from grassroots.core.policy import require
from grassroots.core.refusals import refusals
from grassroots.demands.models import DemandType

from .. import months
from ..forms import VisitEntryForm, demand_rows_from_post
from ..models import MonthlyTheme
from ..selectors import visits as sel
from ..services.visits import visit_record
from ..timeline import visit_timeline


@login_required
def my_grid(request):
    scope = require(request.user, "gridwork.my_grid")
    month = months.month_of(months.today())
    context = {
        "month": month, "month_label": months.display_label(month),
        "grids": sel.my_grids(request.user, month),
        "summary": sel.my_month_summary(request.user, month),
        "pending": sel.my_pending_demands(request.user),
        "theme": MonthlyTheme.objects.filter(month=month).first(),
        "recent": sel.visits_for(request.user).filter(grid_id__in=scope.grid_ids)[:5],
    }
    return render(request, "gridwork/my_grid.html", context)


def _visit_form(request, data=None):
    scope = require(request.user, "core.staff")
    grids = sel.recordable_grids(request.user)
    secretaries = None
    if not scope.is_secretary:
        secretaries = sel.seated_secretaries(list(grids.values_list("pk", flat=True)))
    initial = {"date": months.today(), "form": "household"}
    if request.GET.get("grid"):
        initial["grid"] = request.GET["grid"]
    return VisitEntryForm(data, grids=grids, secretaries=secretaries, initial=initial)


@login_required
def visit_new(request):
    scope = require(request.user, "core.staff")
    if not sel.recordable_grids(request.user).exists():
        raise Http404(_("未找到"))
    rows = []
    if request.method == "POST":
        form = _visit_form(request, request.POST)
        rows = demand_rows_from_post(request.POST)
        if form.is_valid():
            cd = form.cleaned_data
            # every demand row's refused fields go to the form at once; out of scope is 403
            with refusals(request, form=form) as refused:
                outcome = run_once(
                    user=request.user, key=form_key(request), operation="gridwork.visit_record",
                    create=lambda: visit_record(
                        actor=request.user, grid=cd["grid"], date=cd["date"], form=cd["form"],
                        households_met=cd["households_met"] or 0,
                        people_met=cd["people_met"] or 0, notes=cd["notes"],
                        photos=request.FILES.getlist("photos"), secretary=cd.get("secretary"),
                        demands=[{k: v for k, v in r.items() if k != "index"} for r in rows],
                    ),
                    result=lambda visit: {"pk": visit.pk})
            if not refused:
                if outcome.repeated:
                    messages.info(request, _("已提交，未重复创建。"))
                else:
                    on_spot = sum(1 for r in rows if r["solved_on_spot"])
                    messages.success(request, _("走访已登记：收集诉求%(n)s条，其中现场解决%(k)s条。")
                                     % {"n": len(rows), "k": on_spot})
                draft_done(request, "visit-new")
                return redirect("gridwork:visit_detail", pk=outcome.result["pk"])
        status = 400
    else:
        form = _visit_form(request)
        status = 200
    month = months.month_of(months.today())
    return render(request, "gridwork/visit_new.html", {
        "form": form, "rows": rows, "next_index": (max([r["index"] for r in rows], default=0) + 1),
        "types": DemandType.choices, "is_secretary": scope.is_secretary,
        "idempotency_key": form_key(request) or issue_key(),
        "theme": MonthlyTheme.objects.filter(month=month).first(),
        # A browser cannot refill a file box: say so, or the visit goes in without them.
        "photos_dropped": len(request.FILES.getlist("photos")) if status != 200 else 0,
    }, status=status)


@login_required
def demand_row(request):
    """htmx fragment: one more "demand" block for the visit form."""
    require(request.user, "core.staff")
    try:
        i = max(1, min(int(request.GET.get("i", "1")), 99))
    except ValueError:
        i = 1
    return render(request, "gridwork/_demand_row.html",
                  {"i": i, "next_index": i + 1, "types": DemandType.choices,
                   "row": {"type": DemandType.HELP}})


@login_required
def visit_detail(request, pk):
    require(request.user, "core.staff")
    visit = sel.get_visit_for_user(request.user, pk)
    return render(request, "gridwork/visit_detail.html", {
        "visit": visit, "demands": visit.demands.all().order_by("id"),
        "photos": visit.photos.all(), "events": visit_timeline(visit),
    })


@login_required
def visit_photo(request, pk):
    require(request.user, "core.staff")
    photo = sel.get_visit_photo_for_user(request.user, pk)  # same 404 when not yours
    return file_response(request, photo, inline=True)


@login_required
def visit_list(request):
    require(request.user, "gridwork.overview")
    month = months.parse_month(request.GET.get("month"))
    start, end = months.date_bounds(month)
    qs = sel.visits_for(request.user).filter(date__gte=start, date__lt=end)
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(request, "gridwork/visit_list.html",
                  {"page": page, "month": month, "month_label": months.display_label(month)})


@login_required
def coverage(request):
    require(request.user, "gridwork.overview")
    month = months.parse_month(request.GET.get("month"))
    town_id = request.GET.get("town")
    town_id = id_or_none(town_id)
    data = sel.coverage(request.user, month, town_id=town_id)
    unvisited = Paginator(data["unvisited"], 50).get_page(request.GET.get("page"))
    return render(request, "gridwork/coverage.html", {
        "month": month, "month_label": months.display_label(month), "data": data,
        "unvisited": unvisited, "town_id": town_id,
        "prev": months.previous_month(month), "next": months.next_month(month),
        "self_url": reverse("gridwork:coverage"),
    })
