"""Instructors (with their organisations and visits), training classes, mentors, dual
organisational life, the lecturer pool and lectures; recording a visit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Max, Q, Sum
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core.policy import can, require
from grassroots.core.refusals import refusals

from .. import services
from ..forms import VisitForm
from ..models import (
    DualOrgLife,
    Instructor,
    Lecture,
    Lecturer,
    Mentorship,
    TrainingClass,
    TwoNewOrg,
)
from ..selectors import visits_for


def _visit_orgs(user):
    return TwoNewOrg.objects.restrict(user).order_by("name")


@login_required
def people_page(request):
    require(request.user, "twonew.view")
    user = request.user
    instructors = (Instructor.objects.restrict(user).select_related("person")
                   .annotate(n_orgs=Count("orgs", distinct=True),
                             n_visits=Count("visits", distinct=True),
                             last_visit=Max("visits__visited_on")).order_by("pk"))
    classes = TrainingClass.objects.annotate(
        n=Count("trainees"), passed=Count("trainees", filter=Q(trainees__passed=True)))
    lecturers = Lecturer.objects.select_related("person").annotate(
        n=Count("lectures"), audience=Sum("lectures__audience"))
    return render(request, "twonew/people.html", {
        "instructors": instructors, "classes": classes, "lecturers": lecturers,
        "lectures": Lecture.objects.select_related("lecturer__person", "host")[:30],
        "lecture_count": Lecture.objects.count(),
        "mentorships": Mentorship.objects.filter(org__in=_visit_orgs(user)).select_related(
            "mentor", "secretary", "org")[:30],
        "dual": DualOrgLife.objects.filter(org__in=_visit_orgs(user)).select_related(
            "secretary", "org").order_by("-year")[:30],
        "visits": visits_for(user)[:30],
        "visit_form": VisitForm(orgs=_visit_orgs(user)),
        "may_county": can(user, "twonew.county"), "may_manage": can(user, "twonew.manage")})


@login_required
@require_POST
def visit_new(request):
    require(request.user, "twonew.view")
    form = VisitForm(request.POST, orgs=_visit_orgs(request.user))
    if not form.is_valid():
        messages.error(request, _("请选择单位、日期、走访人身份和事由。"))
        return redirect("twonew:people")
    with refusals(request) as refused:
        services.visit_record(actor=request.user, **form.cleaned_data)
    if not refused:
        messages.success(request, _("走访记录已登记。"))
    return redirect("twonew:people")
