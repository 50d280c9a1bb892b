from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core import clock
from grassroots.core.idempotency import create_once
from grassroots.core.parsing import ids_of
from grassroots.core.policy import can, require
from grassroots.core.refusals import refusals
from grassroots.core.selectors import get_for_user
from grassroots.core.timeline import subject_timeline

from .. import services
from ..events import EVENT_LABELS
from ..forms import CommentForm, HoldForm, InviteForm, LectureForm, PlanForm, SuggestionForm
from ..models import DayStatus, Invitation, InvitationResponse
from ..selectors import (
    attended_invitations,
    days_for,
    get_day_for_user,
    plannable_items,
    recordable_branches,
)
from ..stats import missing_months
from .edit import comment_members


@login_required
def day_list(request):
    require(request.user, "partyday.view")
    status = request.GET.get("status", "")
    qs = days_for(request.user, status=status if status in DayStatus.values else "")
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    today = timezone.localdate(clock.now())
    branches = list(recordable_branches(request.user)[:6])
    # a secretary's (or a small tree's) months without a theme party day this year, flagged
    flagged = [] if len(branches) > 5 else [
        (b, months) for b in branches
        if (months := missing_months(b, today.year, today))]
    return render(request, "partyday/day_list.html", {
        "page": page, "statuses": DayStatus.choices, "status": status,
        "can_plan": bool(branches), "flagged": flagged})


@login_required
def day_new(request):
    require(request.user, "partyday.view")
    year = timezone.localdate(clock.now()).year
    form = PlanForm(request.POST or None, branches=recordable_branches(request.user),
                    items=plannable_items(request.user, year))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with refusals(request, form=form) as refused:
            pk = create_once(request, operation="partyday.themeday_plan", create=lambda: (
                services.themeday_plan(actor=request.user, month=data["planned_on"],
                                       **data)))
        if not refused:
            messages.success(request, _("主题党日计划已登记。"))
            return redirect("partyday:day_detail", pk=pk)
        return render(request, "partyday/day_new.html", {"form": form}, status=refused.status)
    return render(request, "partyday/day_new.html", {"form": form},
                  status=400 if request.method == "POST" else 200)


def reply_counts(day) -> dict:
    """How many invitees accepted, declined, have not answered (one query)."""
    from django.db.models import Count, Q

    return day.invitations.aggregate(**{
        r: Count("pk", filter=Q(response=r)) for r in InvitationResponse.values})


def _context(request, day, **extra):
    members = (day.meeting.attendance.filter(role__in=("member", "probationary"))
               .select_related("person").order_by("person__name"))
    return {
        "day": day, "members": members,
        "invitations": day.invitations.select_related("person").order_by("kind", "id"),
        "lectures": day.lectures.all(), "comments": day.comments.select_related("member__person"),
        "suggestions": day.suggestions.order_by("id"),
        "photos": day.meeting.attachments.filter(kind="photo"),
        "can_record": can(request.user, "partyday.record", day),
        "invite_form": extra.pop("invite_form", None) or InviteForm(),
        "hold_form": extra.pop("hold_form", None) or HoldForm(),
        "suggestion_form": extra.pop("suggestion_form", None) or SuggestionForm(
            invitations=attended_invitations(day)),
        "lecture_form": extra.pop("lecture_form", None) or LectureForm(),
        "comment_form": CommentForm(members=comment_members(day)),
        "replies": reply_counts(day),
        "reply_choices": [(InvitationResponse.ACCEPTED, InvitationResponse.ACCEPTED.label),
                          (InvitationResponse.DECLINED, InvitationResponse.DECLINED.label)],
        "events": subject_timeline(day, actions=EVENT_LABELS, states=DayStatus), **extra}


@login_required
def day_detail(request, pk):
    require(request.user, "partyday.view")
    day = get_day_for_user(request.user, pk)
    return render(request, "partyday/day_detail.html", _context(request, day))


def _redisplay(request, day, refused, **forms):
    return render(request, "partyday/day_detail.html", _context(request, day, **forms),
                  status=refused.status if refused else 400)


@login_required
@require_POST
def day_invite(request, pk):
    require(request.user, "partyday.view")
    day = get_day_for_user(request.user, pk)
    form = InviteForm(request.POST)
    if not form.is_valid():
        return _redisplay(request, day, None, invite_form=form)
    with refusals(request, form=form) as refused:
        services.themeday_invite(actor=request.user, day=day, invitees=[form.cleaned_data])
    if refused:
        return _redisplay(request, day, refused, invite_form=form)
    messages.success(request, _("邀请已登记。"))
    return redirect("partyday:day_detail", pk=day.pk)


@login_required
@require_POST
def day_sign_in(request, pk, invitation):
    require(request.user, "partyday.view")
    day = get_day_for_user(request.user, pk)
    inv = get_for_user(Invitation.objects.filter(theme_day=day), request.user, invitation)
    with refusals(request) as refused:
        services.themeday_sign_in(actor=request.user, invitation=inv)
    if not refused:
        messages.success(request, _("%(name)s已签到。") % {"name": inv.person.name})
    return redirect("partyday:day_detail", pk=day.pk)


@login_required
@require_POST
def day_hold(request, pk):
    require(request.user, "partyday.view")
    day = get_day_for_user(request.user, pk)
    form = HoldForm(request.POST, request.FILES)
    if not form.is_valid():
        return _redisplay(request, day, None, hold_form=form)
    photo = form.cleaned_data.get("photo")
    with refusals(request, form=form) as refused:
        services.themeday_hold(actor=request.user, day=day,
                               present_person_ids=ids_of(request.POST.getlist("present")),
                               minutes=form.cleaned_data["minutes"],
                               photos=[photo] if photo else ())
    if refused:
        return _redisplay(request, day, refused, hold_form=form)
    messages.success(request, _("开展情况已登记。"))
    return redirect("partyday:day_detail", pk=day.pk)


@login_required
@require_POST
def day_suggest(request, pk):
    require(request.user, "partyday.view")
    day = get_day_for_user(request.user, pk)
    form = SuggestionForm(request.POST, invitations=attended_invitations(day))
    if not form.is_valid():
        return _redisplay(request, day, None, suggestion_form=form)
    with refusals(request, form=form) as refused:
        s = services.suggestion_record(actor=request.user, day=day, **form.cleaned_data)
    if refused:
        return _redisplay(request, day, refused, suggestion_form=form)
    # the routing limit is the rule set's (a county may have tightened it)
    messages.success(request, _("意见建议已登记，请在%(due)s前分办。") % {
        "due": f"{timezone.localtime(s.route_due_at):%Y-%m-%d %H:%M}"})
    return redirect("partyday:day_detail", pk=day.pk)


@login_required
@require_POST
def day_lecture(request, pk):
    require(request.user, "partyday.view")
    day = get_day_for_user(request.user, pk)
    form = LectureForm(request.POST)
    if not form.is_valid():
        return _redisplay(request, day, None, lecture_form=form)
    with refusals(request, form=form) as refused:
        services.lecture_add(actor=request.user, day=day, **form.cleaned_data)
    if refused:
        return _redisplay(request, day, refused, lecture_form=form)
    messages.success(request, _("讲课已登记。"))
    return redirect("partyday:day_detail", pk=day.pk)


@login_required
def day_document(request, pk, doc):
    """The day's documents as .docx (or PDF with ``?format=pdf``): 活动记录, 签到表, 活动计划, 列席邀请函, 意见建议登记表."""
    from django.http import Http404

    from grassroots.core.files import MIME, download_response

    from .. import documents

    require(request.user, "partyday.view")
    day = get_day_for_user(request.user, pk)
    docs = {"record": (documents.day_record_docx, _("主题党日活动记录")),
            "sign_in": (documents.sign_in_sheet_docx, _("主题党日签到表")),
            "plan": (documents.day_plan_docx, _("主题党日活动计划")),
            "invitation": (documents.invitation_docx, _("主题党日列席邀请函")),
            "suggestions": (documents.suggestion_register_docx, _("群众代表意见建议登记表"))}
    if doc not in docs:
        raise Http404(_("未找到"))
    make, name = docs[doc]
    fmt = documents.requested_format(request)
    return download_response(make(day, fmt), f"{name}-{day.month:%Y%m}.{fmt}", MIME[fmt])
