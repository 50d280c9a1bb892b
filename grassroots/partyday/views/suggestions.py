from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core.policy import can, require
from grassroots.core.refusals import refusals
from grassroots.core.timeline import subject_timeline
from grassroots.core.transitions import actions_for

from .. import services
from ..events import EVENT_LABELS
from ..forms import ContactLogForm, DecideForm, FeedbackForm
from ..models import SuggestionStatus
from ..selectors import (
    demand_status_for,
    get_suggestion_for_user,
    own_representation,
    suggestions_for,
)
from ..transitions import SUGGESTION_TABLE, SuggestionAction


@login_required
def suggestion_list(request):
    require(request.user, "partyday.view")
    status = request.GET.get("status", "")
    qs = suggestions_for(request.user,
                         status=status if status in SuggestionStatus.values else "")
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(request, "partyday/suggestion_list.html", {
        "page": page, "statuses": SuggestionStatus.choices, "status": status})


def _context(request, s, **extra):
    return {"s": s, "day": s.theme_day, "demand": demand_status_for(request.user, s),
            "can_record": can(request.user, "partyday.record", s.theme_day),
            "actions": [(a, SUGGESTION_TABLE.action_label(a))
                        for a in actions_for(SUGGESTION_TABLE, request.user, s)
                        if a != SuggestionAction.TO_DEMAND or s.kind == "demand"],
            "decide_form": extra.pop("decide_form", None) or DecideForm(),
            "feedback_form": extra.pop("feedback_form", None) or FeedbackForm(),
            "events": subject_timeline(s, actions=EVENT_LABELS, states=SuggestionStatus),
            **extra}


@login_required
def suggestion_detail(request, pk):
    require(request.user, "partyday.view")
    s = get_suggestion_for_user(request.user, pk)
    return render(request, "partyday/suggestion_detail.html", _context(request, s))


@login_required
@require_POST
def suggestion_act(request, pk):
    require(request.user, "partyday.view")
    s = get_suggestion_for_user(request.user, pk)
    action = request.POST.get("action", "")
    form = None
    if action == SuggestionAction.DECIDE:
        form = DecideForm(request.POST)
    elif action == SuggestionAction.FEEDBACK:
        form = FeedbackForm(request.POST)
    if form is not None and not form.is_valid():
        key = "decide_form" if action == SuggestionAction.DECIDE else "feedback_form"
        return render(request, "partyday/suggestion_detail.html",
                      _context(request, s, **{key: form}), status=400)
    with refusals(request) as refused:
        if action == SuggestionAction.TO_DEMAND:
            demand = services.suggestion_to_demand(actor=request.user, suggestion=s)
            messages.success(request, _("已转为群众诉求，编号%(n)s。") % {"n": demand.number})
        elif action == SuggestionAction.DECIDE:
            services.suggestion_decide(actor=request.user, suggestion=s, **form.cleaned_data)
        elif action == SuggestionAction.FEEDBACK:
            services.suggestion_feedback(actor=request.user, suggestion=s, **form.cleaned_data)
        elif action == SuggestionAction.RELAY:
            services.suggestion_relay(actor=request.user, suggestion=s)
        else:
            messages.error(request, _("未知操作。"))
    del refused
    return redirect("partyday:suggestion_detail", pk=s.pk)


@login_required
def rep_home(request):
    """The mass representative's phone page: his suggestions and their status, his log."""
    reps = list(own_representation(request.user))
    if not reps:
        raise Http404(_("未找到"))
    return render(request, "partyday/rep_home.html", {
        "reps": reps, "suggestions": suggestions_for(request.user)[:50],
        "form": ContactLogForm(), "logs": reps[0].contacts.all()[:20]})


@login_required
@require_POST
def rep_log(request):
    reps = list(own_representation(request.user))
    if not reps:
        raise Http404(_("未找到"))
    form = ContactLogForm(request.POST)
    if form.is_valid():
        with refusals(request, form=form) as refused:
            services.rep_contact_log(actor=request.user, representative=reps[0],
                                     **form.cleaned_data)
        if not refused:
            messages.success(request, _("联系群众情况已登记。"))
            return redirect("partyday:rep_home")
    return render(request, "partyday/rep_home.html", {
        "reps": reps, "suggestions": suggestions_for(request.user)[:50], "form": form,
        "logs": reps[0].contacts.all()[:20]}, status=400)


@login_required
def suggestion_slip(request, pk):
    from grassroots.core.files import MIME, download_response

    from ..documents import feedback_slip_docx, requested_format

    require(request.user, "partyday.view")
    s = get_suggestion_for_user(request.user, pk)
    fmt = requested_format(request)
    return download_response(feedback_slip_docx(s, fmt),
                             _("意见建议办理反馈单-%(pk)s") % {"pk": s.pk} + f".{fmt}", MIME[fmt])
