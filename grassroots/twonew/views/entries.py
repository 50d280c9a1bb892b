"""Park entries: the list (overdue filter), register, the entry's page with one form per step,
and the step handler (one URL: the ``action`` field names the step)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core.errors import ApplicationError
from grassroots.core.idempotency import create_once
from grassroots.core.parsing import parse_date
from grassroots.core.policy import can, require
from grassroots.core.refusals import refusals
from grassroots.core.selectors import get_for_user
from grassroots.core.timeline import subject_timeline
from grassroots.core.transitions import actions_for
from grassroots.party.models import OrgKind as PartyKind
from grassroots.party.models import PartyMember, PartyOrganisation

from .. import services
from ..events import EVENT_LABELS
from ..forms import EntryForm, InstructorChoiceForm, PlanForm, SecretaryForm
from ..models import ParkEntry, TrainingClass
from ..models.entry import EntryStatus
from ..selectors import entries_for
from ..services.common import today
from ..services.entry import members_from_text, transfers_outstanding
from ..transitions import ENTRY_TABLE, EntryAction


@login_required
def entry_list(request):
    require(request.user, "twonew.view")
    status = request.GET.get("status", "")
    status = status if status in EntryStatus.values else ""
    overdue = request.GET.get("overdue") == "1"
    qs = entries_for(request.user, status=status, overdue_on=today() if overdue else None)
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(request, "twonew/entries.html", {
        "page": page, "statuses": EntryStatus.choices, "status": status, "overdue": overdue,
        "may_register": can(request.user, "twonew.manage")})


@login_required
def entry_new(request):
    require(request.user, "twonew.view")
    require(request.user, "twonew.manage")
    from ..models import Park, TwoNewOrg

    form = EntryForm(request.POST or None,
                     orgs=TwoNewOrg.objects.restrict(request.user, "change"),
                     parks=Park.objects.restrict(request.user, "change"))
    if request.method == "POST" and form.is_valid():
        with refusals(request, form=form) as refused:
            pk = create_once(request, operation="twonew.entry_register", create=lambda: (
                services.entry_register(actor=request.user, **form.cleaned_data)))
        if not refused:
            messages.success(request, _("入园事项已登记，四项同步任务已生成。"))
            return redirect("twonew:entry_detail", pk=pk)
        return render(request, "twonew/entry_new.html", {"form": form}, status=refused.status)
    return render(request, "twonew/entry_new.html", {"form": form},
                  status=400 if request.method == "POST" else 200)


def _joint_branches(entry):
    committee = entry.park.committee
    if committee is None:
        return PartyOrganisation.objects.none()
    return PartyOrganisation.objects.filter(kind=PartyKind.JOINT_BRANCH, is_active=True,
                                            path__startswith=committee.path)


@login_required
def entry_detail(request, pk):
    require(request.user, "twonew.view")
    entry = get_for_user(ParkEntry.objects.select_related("org", "park__committee", "party_org",
                                                          "secretary", "training_class"),
                         request.user, pk)
    may = "officer" in ENTRY_TABLE.who_of(request.user, entry)
    people = PartyMember.objects.none()
    if entry.party_org_id:
        people = entry.party_org.members.filter(is_active=True, status="full")
    return render(request, "twonew/entry_detail.html", {
        "entry": entry, "tasks": entry.tasks.all(), "today": today(),
        "members": entry.members.select_related("person"),
        "may": may, "actions": [(a, ENTRY_TABLE.action_label(a))
                                for a in actions_for(ENTRY_TABLE, request.user, entry)],
        "plan_form": PlanForm(), "instructor_form": InstructorChoiceForm(),
        "branches": _joint_branches(entry),
        "secretary_form": SecretaryForm(people=_people(people)),
        "classes": TrainingClass.objects.all(),
        "outstanding": transfers_outstanding(entry) if entry.party_org_id else None,
        "events": subject_timeline(entry, actions=EVENT_LABELS, states=EntryStatus)})


def _people(members):
    from grassroots.people.models import Person

    return Person.objects.filter(pk__in=members.values("person_id"))


def _date(post, name):
    try:
        return parse_date(post.get(name, ""))
    except ApplicationError:  # refused by the service as a missing date
        return None


@login_required
@require_POST
def entry_step(request, pk):
    require(request.user, "twonew.view")
    entry = get_for_user(ParkEntry.objects.select_related("org", "park__committee"),
                         request.user, pk)
    post, user = request.POST, request.user
    action = post.get("action", "")
    with refusals(request) as refused:
        if action == EntryAction.SURVEY:
            services.entry_survey(actor=user, entry=entry,
                                  members=members_from_text(post.get("members", "")),
                                  procedures_done_on=_date(post, "procedures_done_on"))
        elif action == EntryAction.PLAN:
            services.entry_plan_coverage(actor=user, entry=entry, plan=post.get("plan", ""))
        elif action == EntryAction.APPLY:
            services.entry_apply(actor=user, entry=entry, applied_on=_date(post, "on"))
        elif action == EntryAction.APPROVE:
            services.entry_approve(actor=user, entry=entry, approved_on=_date(post, "on"))
        elif action == EntryAction.FIRST_MEETING:
            services.entry_first_meeting(actor=user, entry=entry, held_on=_date(post, "on"))
        elif action == EntryAction.JOIN:
            branch = _joint_branches(entry).filter(pk=_int(post.get("branch"))).first()
            services.entry_join_branch(actor=user, entry=entry, branch=branch,
                                       joined_on=_date(post, "on"))
        elif action == EntryAction.INSTRUCTOR:
            form = InstructorChoiceForm(post)
            services.entry_assign_instructor(
                actor=user, entry=entry,
                instructor=form.cleaned_data["instructor"] if form.is_valid() else None)
        elif action == EntryAction.TRANSFERS:
            services.entry_transfers_done(actor=user, entry=entry)
        elif action == EntryAction.SECRETARY:
            person = _people(entry.party_org.members.filter(is_active=True)).filter(
                pk=_int(post.get("person"))).first() if entry.party_org_id else None
            if person is None:
                messages.error(request, _("请选择本党组织的正式党员作为书记人选。"))
            else:
                services.entry_select_secretary(
                    actor=user, entry=entry, person=person,
                    training_class=TrainingClass.objects.filter(
                        pk=_int(post.get("training_class"))).first())
        elif action == EntryAction.WITHDRAW:
            services.entry_withdraw(actor=user, entry=entry, note=post.get("note", ""))
        else:
            messages.error(request, _("未知操作。"))
    if not refused and action in EntryAction.values:
        messages.success(request, _("已办理：%(a)s。") % {"a": ENTRY_TABLE.action_label(action)})
    return redirect("twonew:entry_detail", pk=entry.pk)


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
