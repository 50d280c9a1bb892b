"""Sci-tech town heads' pages: the list, nomination, the post's page with the actions of its
table (talent.scitech_post) as buttons, platforms, followed projects and follow-up visits."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core.idempotency import create_once
from grassroots.core.policy import can, require
from grassroots.core.refusals import refusals
from grassroots.core.scope import get_scope
from grassroots.core.selectors import get_for_user
from grassroots.core.timeline import subject_timeline
from grassroots.core.transitions import actions_for

from .. import selectors
from ..events import EVENT_LABELS
from ..forms import (
    AssessForm,
    FollowUpForm,
    PlatformForm,
    PostEditForm,
    PostForm,
    ProjectForm,
    RotationForm,
)
from ..models import PostStatus, RuralTalent, SciTechPost
from ..services import scitech
from ..transitions_more import POST_TABLE, PostAction
from .forms_common import edit_initial, parsed

POSTS = SciTechPost.objects.select_related("expert", "town")


@login_required
def post_list(request):
    require(request.user, "talent.programme_pages")
    qs = SciTechPost.objects.restrict(request.user).select_related("expert", "town").order_by(
        "town__code", "-pk")
    status = request.GET.get("status", "")
    if status in PostStatus.values:
        qs = qs.filter(status=status)
    return render(request, "talent/post_list.html", {
        "page": Paginator(qs, 50).get_page(request.GET.get("page")), "status": status,
        "statuses": PostStatus.choices, "may_nominate": can(request.user, "talent.scitech")})


@login_required
def post_new(request):
    require(request.user, "talent.programme_pages")
    require(request.user, "talent.scitech")
    form = PostForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = dict(form.cleaned_data)
            expert = selectors.person_by_phone(data.pop("expert_phone"))
            if expert is None:
                form.add_error("expert_phone", _("未找到使用该手机号的人员，请先登记人员。"))
            else:
                with refusals(request, form=form) as refused:
                    pk = create_once(request, operation="talent.post_nominate", create=lambda: (
                        scitech.post_nominate(actor=request.user, expert=expert, **data)))
                if not refused:
                    messages.success(request, _("已推荐科技副镇长人选。"))
                    return redirect("talent:post_detail", pk=pk)
                status = refused.status
    return render(request, "talent/programme_form.html", {
        "form": form, "title": _("推荐科技副镇长"), "back": "talent:post_list"}, status=status)


def _owners(post):
    return RuralTalent.objects.filter(town_id=post.town_id).select_related("person").order_by(
        "person__name")


@login_required
def post_detail(request, pk):
    post = get_for_user(POSTS, request.user, pk)
    may_act = can(request.user, "talent.scitech")
    serving = post.status in (PostStatus.SERVING, PostStatus.ROTATED)
    is_expert = get_scope(request.user).person_id == post.expert_id
    actions = [(a, POST_TABLE.action_label(a))
               for a in actions_for(POST_TABLE, request.user, post)]
    return render(request, "talent/post_detail.html", {
        "post": post, "actions": actions, "may_act": may_act, "serving": serving,
        "assess_form": AssessForm(), "rotation_form": RotationForm(),
        "platform_form": PlatformForm() if may_act and serving else None,
        "project_form": ProjectForm(owners=_owners(post)) if may_act and serving else None,
        "follow_up_form": FollowUpForm(projects=post.projects.order_by("name"))
        if serving and (may_act or is_expert) else None,
        "platforms": post.platforms.order_by("established_on"),
        "projects": post.projects.select_related("owner__person").order_by("name"),
        "visits": post.visits.select_related("project").order_by("-visited_on", "-pk")[:30],
        "rotations": post.rotations.select_related("from_town", "to_town").order_by("start_on"),
        "events": subject_timeline(post, actions=EVENT_LABELS, states=PostStatus.choices)})


@login_required
def post_edit(request, pk):
    post = get_for_user(POSTS, request.user, pk)
    require(request.user, "talent.scitech")
    form = PostEditForm(request.POST or None, initial=edit_initial(post, PostEditForm))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            with refusals(request, form=form) as refused:
                scitech.post_update(actor=request.user, post=post, **form.cleaned_data)
            if not refused:
                messages.success(request, _("已保存。"))
                return redirect("talent:post_detail", pk=post.pk)
            status = refused.status
    return render(request, "talent/programme_form.html", {
        "form": form, "title": _("修改科技副镇长信息"), "object": post,
        "back": "talent:post_detail"}, status=status)


@login_required
@require_POST
def post_act(request, pk):
    """One POST endpoint for the post's actions: its table's, and the records of its work."""
    post = get_for_user(POSTS, request.user, pk)
    action, post_data = request.POST.get("action", ""), request.POST
    with refusals(request):
        if action == PostAction.ROTATE:
            data = parsed(request, RotationForm(post_data))
            if data is not None:
                scitech.post_rotate(actor=request.user, post=post, **data)
        elif action in PostAction.values:
            scitech.post_transition(actor=request.user, post=post, action=action,
                                    assessment=post_data.get("assessment", ""))
        elif action == "platform":
            data = parsed(request, PlatformForm(post_data))
            if data is not None:
                scitech.platform_create(actor=request.user, post=post, **data)
        elif action == "project":
            require(request.user, "talent.scitech")
            data = parsed(request, ProjectForm(post_data, owners=_owners(post)))
            if data is not None:
                scitech.project_follow(actor=request.user, post=post, **data)
        elif action == "follow_up":
            form = FollowUpForm(post_data, projects=post.projects.all())
            data = parsed(request, form)
            if data is not None:
                scitech.follow_up_record(actor=request.user, post=post,
                                         photos=request.FILES.getlist("photos"), **data)
        else:
            raise Http404(_("未找到"))
    return redirect("talent:post_detail", pk=post.pk)
