"""Training bases' and incubation cases' pages: lists, forms, a base's page with the actions of
its table (talent.training_base) as buttons and its courses, a case's page with milestones."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core.idempotency import create_once
from grassroots.core.policy import can, require
from grassroots.core.refusals import refusals
from grassroots.core.selectors import get_for_user
from grassroots.core.timeline import subject_timeline
from grassroots.core.transitions import actions_for

from ..events import EVENT_LABELS
from ..forms import (
    STAGE_LABELS,
    BaseEditForm,
    BaseForm,
    CourseForm,
    DecideForm,
    EnrolForm,
    IncubationEditForm,
    IncubationForm,
    MilestoneForm,
)
from ..models import (
    BaseStatus,
    Enrollment,
    IncubationCase,
    RuralTalent,
    TrainingBase,
    TrainingCourse,
)
from ..selectors import person_by_phone
from ..services import training
from ..transitions_more import BASE_TABLE, BaseAction
from .forms_common import edit_initial, parsed

NEEDS_REASON = (BaseAction.SUSPEND, BaseAction.REVOKE)


@login_required
def base_list(request):
    require(request.user, "talent.programme_pages")
    qs = TrainingBase.objects.restrict(request.user).select_related("town").order_by(
        "town__code", "name")
    status = request.GET.get("status", "")
    if status in BaseStatus.values:
        qs = qs.filter(status=status)
    return render(request, "talent/base_list.html", {
        "page": Paginator(qs, 50).get_page(request.GET.get("page")), "status": status,
        "statuses": BaseStatus.choices, "may_create": can(request.user, "talent.bases")})


def _save(request, form, *, call, done, title, back, obj=None, operation=""):
    """A create or edit form: the service's refusal goes next to its field."""
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            with refusals(request, form=form) as refused:
                if operation:
                    pk = create_once(request, operation=operation,
                                     create=lambda: call(form.cleaned_data))
                else:
                    pk = call(form.cleaned_data).pk
            if not refused:
                messages.success(request, _("已保存。"))
                return redirect(done, pk=pk)
            status = refused.status
    return render(request, "talent/programme_form.html", {
        "form": form, "title": title, "object": obj, "back": back,
        "once": bool(operation)}, status=status)


@login_required
def base_new(request):
    require(request.user, "talent.programme_pages")
    require(request.user, "talent.bases")
    return _save(request, BaseForm(request.POST or None), operation="talent.base_create",
                 call=lambda data: training.base_create(actor=request.user, **data),
                 done="talent:base_detail", title=_("申报实训基地"), back="talent:base_list")


@login_required
def base_detail(request, pk):
    base = get_for_user(TrainingBase.objects.select_related("town", "operator_org"),
                        request.user, pk)
    actions = [(a, BASE_TABLE.action_label(a), a in NEEDS_REASON)
               for a in actions_for(BASE_TABLE, request.user, base)]
    may_run = can(request.user, "talent.run_base", base)
    return render(request, "talent/base_detail.html", {
        "base": base, "actions": actions, "may_edit": can(request.user, "talent.bases"),
        "course_form": CourseForm() if may_run and base.status == BaseStatus.RECOGNISED
        else None,
        "courses": base.courses.annotate(enrolled=Count("enrollments")).order_by("-held_on"),
        "events": subject_timeline(base, actions=EVENT_LABELS,
                                   states=BaseStatus.choices)})


@login_required
def base_edit(request, pk):
    base = get_for_user(TrainingBase.objects.all(), request.user, pk)
    require(request.user, "talent.bases")
    form = BaseEditForm(request.POST or None, initial=edit_initial(base, BaseEditForm))
    return _save(request, form, obj=base, done="talent:base_detail",
                 call=lambda data: training.base_update(actor=request.user, base=base, **data),
                 title=_("修改实训基地信息"), back="talent:base_detail")


@login_required
@require_POST
def base_act(request, pk):
    """The base's table actions (a suspension or revocation states its reason) and a new
    course."""
    base = get_for_user(TrainingBase.objects.all(), request.user, pk)
    action = request.POST.get("action", "")
    with refusals(request):
        if action in BaseAction.values:
            training.base_transition(actor=request.user, base=base, action=action,
                                     note=request.POST.get("note", ""))
        elif action == "course":
            data = parsed(request, CourseForm(request.POST))
            if data is not None:
                training.course_create(actor=request.user, base=base, **data)
        else:
            raise Http404(_("未找到"))
    return redirect("talent:base_detail", pk=base.pk)


@login_required
def course_detail(request, pk):
    """A course and its enrolments (参训学员): whoever reads the base reads them; the talent
    office or the base's operator enrols trainees and decides completion."""
    course = get_for_user(TrainingCourse.objects.select_related("base__town"), request.user, pk)
    may_run = can(request.user, "talent.run_base", course.base)
    enrollments = course.enrollments.select_related("talent__person", "talent__town").order_by(
        "talent__person__name", "pk")
    return render(request, "talent/course_detail.html", {
        "course": course, "may_run": may_run, "enrollments": enrollments,
        "enrol_form": EnrolForm() if may_run else None,
        "counts": enrollments.aggregate(enrolled=Count("pk"),
                                        decided=Count("pk", filter=Q(decided_on__isnull=False)),
                                        passed=Count("pk", filter=Q(passed=True))),
        "events": subject_timeline(course, actions=EVENT_LABELS)})


@login_required
@require_POST
def course_act(request, pk):
    """Enrol a trainee (by his mobile number) or decide one enrolment's hours and completion."""
    course = get_for_user(TrainingCourse.objects.select_related("base"), request.user, pk)
    action = request.POST.get("action", "")
    if action not in ("enrol", "decide"):
        raise Http404(_("未找到"))
    with refusals(request):
        require(request.user, "talent.run_base", course.base)
        if action == "enrol":
            data = parsed(request, EnrolForm(request.POST))
            if data is not None:
                person = person_by_phone(data["phone"])
                talent = RuralTalent.objects.filter(person=person).select_related(
                    "person").first() if person else None
                if talent is None:
                    messages.error(request, _("未找到使用该手机号的乡土人才，请先登记入库。"))
                else:
                    training.enrollment_add(actor=request.user, course=course, talent=talent)
                    messages.success(request, _("已登记参训学员%(name)s。")
                                     % {"name": talent.person.name})
        else:
            data = parsed(request, DecideForm(request.POST))
            if data is not None:
                enrollment = Enrollment.objects.filter(course=course,
                                                       pk=data["enrollment"]).first()
                if enrollment is None:
                    raise Http404(_("未找到"))
                training.enrollment_decide(actor=request.user, enrollment=enrollment,
                                           attended_hours=data["attended_hours"],
                                           passed=data["passed"])
                messages.success(request, _("已保存。"))
    return redirect("talent:course_detail", pk=course.pk)


@login_required
def incubation_list(request):
    require(request.user, "talent.programme_pages")
    qs = IncubationCase.objects.restrict(request.user).select_related(
        "talent__person", "talent__town").order_by("-started_on", "-pk")
    return render(request, "talent/incubation_list.html", {
        "page": Paginator(qs, 50).get_page(request.GET.get("page")), "stages": STAGE_LABELS,
        "may_create": can(request.user, "talent.bases")})


@login_required
def incubation_new(request):
    require(request.user, "talent.programme_pages")
    require(request.user, "talent.bases")
    talents = RuralTalent.objects.restrict(request.user).select_related("person").order_by(
        "person__name")
    return _save(request, IncubationForm(request.POST or None, talents=talents),
                 operation="talent.incubation_create",
                 call=lambda data: training.incubation_create(actor=request.user, **data),
                 done="talent:incubation_detail", title=_("登记创业孵化项目"),
                 back="talent:incubation_list")


@login_required
def incubation_detail(request, pk):
    case = get_for_user(IncubationCase.objects.select_related("talent__person", "talent__town"),
                        request.user, pk)
    may_edit = can(request.user, "talent.bases")
    return render(request, "talent/incubation_detail.html", {
        "case": case, "may_edit": may_edit, "stage_label": STAGE_LABELS.get(case.stage,
                                                                            case.stage),
        "milestone_form": MilestoneForm() if may_edit else None,
        "events": subject_timeline(case, actions=EVENT_LABELS)})


@login_required
def incubation_edit(request, pk):
    case = get_for_user(IncubationCase.objects.all(), request.user, pk)
    require(request.user, "talent.bases")
    form = IncubationEditForm(request.POST or None, initial=edit_initial(case,
                                                                         IncubationEditForm))
    return _save(request, form, obj=case, done="talent:incubation_detail",
                 call=lambda data: training.incubation_update(actor=request.user, case=case,
                                                              **data),
                 title=_("修改创业孵化信息"), back="talent:incubation_detail")


@login_required
@require_POST
def incubation_act(request, pk):
    case = get_for_user(IncubationCase.objects.all(), request.user, pk)
    if request.POST.get("action") != "milestone":
        raise Http404(_("未找到"))
    with refusals(request):
        data = parsed(request, MilestoneForm(request.POST))
        if data is not None:
            training.incubation_milestone(actor=request.user, case=case, **data)
    return redirect("talent:incubation_detail", pk=case.pk)
