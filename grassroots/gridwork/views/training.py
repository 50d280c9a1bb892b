from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from grassroots.core.files import file_response
from grassroots.core.idempotency import create_once
from grassroots.core.parsing import ids_of
from grassroots.core.policy import allows, require
from grassroots.core.refusals import refusals
from grassroots.orgs.models import Organization

from ..forms import TrainingEntryForm
from ..models import TrainingSession
from ..selectors import training as sel
from ..services.training import (
    training_add_materials,
    training_attendance_record,
    training_create,
)
from ..timeline import training_timeline


def _can_train(scope):
    return allows(scope, "gridwork.town_work")


def _get_session(pk):
    session = TrainingSession.objects.filter(pk=pk).select_related("organiser").first()
    if session is None:
        raise Http404(_("未找到"))
    return session


@login_required
def training_list(request):
    scope = require(request.user, "gridwork.overview")
    page = Paginator(sel.sessions_for(request.user), 30).get_page(request.GET.get("page"))
    return render(request, "gridwork/training_list.html", {
        "page": page, "coverage": sel.training_coverage(request.user)["figures"],
        "can_train": _can_train(scope)})


@login_required
def training_new(request):
    scope = require(request.user, "gridwork.overview")
    if not _can_train(scope):
        raise PermissionDenied(_("您无权组织培训。"))
    organisers = Organization.objects.order_by("code")
    form = TrainingEntryForm(request.POST or None, organisers=organisers)
    if request.method == "POST" and form.is_valid():
        with refusals(request, form=form) as refused:
            pk = create_once(request, operation="gridwork.training_create", create=lambda: (
                training_create(actor=request.user, **form.cleaned_data,
                                materials=request.FILES.getlist("materials"))))
        if not refused:
            messages.success(request, _("培训已登记，请记录参训人员。"))
            return redirect("gridwork:training_detail", pk=pk)
    return render(request, "gridwork/training_new.html", {"form": form},
                  status=400 if request.method == "POST" else 200)


@login_required
def training_detail(request, pk):
    scope = require(request.user, "gridwork.overview")
    session = _get_session(pk)
    attendees = (session.attendance.select_related("person").order_by("person__name"))
    page = Paginator(attendees, 100).get_page(request.GET.get("page"))
    can_train = _can_train(scope)
    candidates = (sel.attendance_candidates(request.user, session, request.GET.get("q", ""))
                  if can_train else None)
    return render(request, "gridwork/training_detail.html", {
        "session": session, "page": page, "materials": session.materials.all(),
        "events": training_timeline(session), "can_train": can_train,
        "candidates": candidates})


@login_required
def training_candidates(request, pk):
    """The secretaries matching what is typed in the attendance search (htmx partial)."""
    scope = require(request.user, "gridwork.overview")
    if not _can_train(scope):
        raise PermissionDenied(_("您无权记录参训。"))
    session = _get_session(pk)
    return render(request, "gridwork/_attendance_candidates.html", {
        "session": session,
        "candidates": sel.attendance_candidates(request.user, session, request.GET.get("q", ""))})


@login_required
def training_attendance(request, pk):
    scope = require(request.user, "gridwork.overview")
    if request.method != "POST":
        return redirect("gridwork:training_detail", pk=pk)
    if not _can_train(scope):
        raise PermissionDenied(_("您无权记录参训。"))
    session = _get_session(pk)
    ids = ids_of(request.POST.getlist("people"))
    with refusals(request):
        if request.FILES.getlist("materials"):
            training_add_materials(actor=request.user, session=session,
                                   materials=request.FILES.getlist("materials"))
        if ids:
            n = training_attendance_record(actor=request.user, session=session, people=ids)
            messages.success(request, _("已记录%(n)s人参训。") % {"n": n})
    # Back to the same search, so the next people of that village or unit are one click away.
    q = request.POST.get("q", "").strip()[:60]
    url = reverse("gridwork:training_detail", kwargs={"pk": pk})
    return redirect(f"{url}?{urlencode({'q': q})}#attendance" if q else f"{url}#attendance")


@login_required
def training_material(request, pk):
    require(request.user, "gridwork.overview")
    material = sel.get_material_for_user(request.user, pk)
    return file_response(request, material, inline=False)


@login_required
def training_coverage(request):
    require(request.user, "gridwork.overview")
    data = sel.training_coverage(request.user)
    page = Paginator(data["untrained"], 100).get_page(request.GET.get("page"))
    return render(request, "gridwork/training_coverage.html",
                  {"figures": data["figures"], "page": page})
