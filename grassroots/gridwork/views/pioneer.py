
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core.errors import ApplicationError
from grassroots.core.parsing import INT_MAX, BadValue, date_or_none, parse_int
from grassroots.core.policy import allows, require
from grassroots.core.refusals import refusals
from grassroots.core.transitions import actions_for
from grassroots.publicity.models import Objection

from ..models import (
    Nomination,
    NominationLevel,
    NominationStatus,
    PioneerRound,
    RoundStatus,
)
from ..selectors.pioneer import nominee_records
from ..selectors.training import secretaries_in_scope
from ..services import pioneer as svc
from ..timeline import round_timeline
from ..transitions import ACTION_LABELS, ROUND_TABLE

PUBLIC = (RoundStatus.PUBLICITY, RoundStatus.PUBLISHED)


def _round(pk):
    rnd = PioneerRound.objects.filter(pk=pk).first()
    if rnd is None:
        raise Http404(_("未找到"))
    return rnd


def _date(value):
    return date_or_none(value)


def _int(value):
    try:
        number = parse_int(value, maximum=INT_MAX)
    except BadValue:
        return -1
    return -1 if number is None else number


@login_required
def round_list(request):
    scope = require(request.user, "gridwork.overview")
    if request.method == "POST":
        require(request.user, "core.staff")
        require(request.user, "gridwork.manage")
        with refusals(request) as refused:
            rnd = svc.round_create(
                actor=request.user, title=request.POST.get("title", ""),
                pioneer_quota=_int(request.POST.get("pioneer_quota")),
                excellent_quota=_int(request.POST.get("excellent_quota")),
                period_start=_date(request.POST.get("period_start")),
                period_end=_date(request.POST.get("period_end")))
        if not refused:
            return redirect("gridwork:round_detail", pk=rnd.pk)
    return render(request, "gridwork/round_list.html", {
        "rounds": PioneerRound.objects.all()[:50], "can_manage": allows(scope, "gridwork.manage")})


@login_required
def round_detail(request, pk):
    scope = require(request.user, "gridwork.overview")
    rnd = _round(pk)
    manager = allows(scope, "gridwork.manage")
    nominees = nominee_records(rnd)
    my_scores = {}
    if manager:
        my_scores = dict(rnd.nominations.filter(scores__reviewer=request.user)
                         .values_list("pk", "scores__score"))
    publicity = rnd.publicity
    return render(request, "gridwork/round_detail.html", {
        "round": rnd, "publicity": publicity, "nominees": nominees,
        "events": round_timeline(rnd),
        "actions": [(a, ACTION_LABELS[a]) for a in actions_for(ROUND_TABLE, request.user, rnd)],
        "can_manage": manager, "my_scores": my_scores,
        "can_nominate": rnd.status == RoundStatus.NOMINATING
        and allows(scope, "gridwork.town_work"),
        "candidates": secretaries_in_scope(request.user).order_by("name")[:500]
        if rnd.status == RoundStatus.NOMINATING else [],
        "levels": NominationLevel.choices,
        "objections": _objections(publicity),
    })


def _objections(publicity):
    """The publicity's objections, each with the published entry it names (the nominee)."""
    if publicity is None:
        return []
    entries = {e.get("key"): e.get("value") for e in publicity.published_fields}
    objections = list(publicity.objections.all())
    for o in objections:
        o.entry_value = entries.get(o.entry_key, "")
    return objections


@login_required
@require_POST
def round_transition(request, pk):
    require(request.user, "core.staff")
    require(request.user, "gridwork.manage")
    rnd = _round(pk)
    with refusals(request) as refused:
        svc.round_transition(actor=request.user, round=rnd, action=request.POST.get("action", ""),
                             publicity_ends_on=_date(request.POST.get("publicity_ends_on")),
                             contact_phone=request.POST.get("contact_phone", ""),
                             note=request.POST.get("note", ""))
    if not refused:
        messages.success(request, _("已更新。"))
    return redirect("gridwork:round_detail", pk=rnd.pk)


@login_required
@require_POST
def nominate(request, pk):
    require(request.user, "gridwork.overview")
    # Towns nominate (the county may nominate anyone); readers and secretaries may not.
    require(request.user, "gridwork.town_work", message=_("只有镇街工作人员或县级管理员可以推荐。"))
    rnd = _round(pk)
    person = secretaries_in_scope(request.user).filter(pk=_int(request.POST.get("person"))).first()
    with refusals(request) as refused:
        if person is None:
            raise ApplicationError(_("请选择本镇街的在岗民情书记。"))
        svc.nomination_create(actor=request.user, round=rnd, person=person,
                              level=request.POST.get("level", ""),
                              reason=request.POST.get("reason", ""))
    if not refused:
        messages.success(request, _("已推荐。"))
    return redirect("gridwork:round_detail", pk=rnd.pk)


@login_required
@require_POST
def score(request, pk):
    require(request.user, "core.staff")
    require(request.user, "gridwork.manage")
    nomination = Nomination.objects.filter(pk=pk).first()
    if nomination is None:
        raise Http404(_("未找到"))
    with refusals(request):
        svc.score_record(actor=request.user, nomination=nomination,
                         score=request.POST.get("score", ""),
                         comment=request.POST.get("comment", ""))
    return redirect("gridwork:round_detail", pk=nomination.round_id)


def publicity(request, pk):
    """The public publicity list (公示), readable without logging in."""
    rnd = _round(pk)
    if rnd.status not in PUBLIC:
        raise Http404(_("未找到"))
    selected = (rnd.nominations.filter(status=NominationStatus.SELECTED)
                .select_related("person", "town").order_by("level", "rank"))
    return render(request, "gridwork/publicity.html", {"round": rnd, "selected": selected,
                                                       "publicity": rnd.publicity})


@login_required
@require_POST
def object_to(request, pk):
    nomination = Nomination.objects.filter(pk=pk).select_related("round").first()
    if nomination is None or nomination.round.status not in PUBLIC:
        raise Http404(_("未找到"))
    with refusals(request) as refused:
        svc.objection_file(actor=request.user, nomination=nomination,
                           text=request.POST.get("text", ""))
    if not refused:
        messages.success(request, _("异议已提交，组织部将核实处理。"))
    return redirect("gridwork:publicity", pk=nomination.round_id)


@login_required
@require_POST
def objection_handle(request, pk):
    require(request.user, "core.staff")
    require(request.user, "gridwork.manage")
    # Only the objections to a pioneer round's publicity are handled from here.
    objection = Objection.objects.filter(
        pk=pk, publicity__subject_type=ContentType.objects.get_for_model(PioneerRound)).first()
    if objection is None:
        raise Http404(_("未找到"))
    with refusals(request):
        svc.objection_handle(actor=request.user, objection=objection,
                             uphold=request.POST.get("decision") == "uphold",
                             resolution=request.POST.get("resolution", ""))
    return redirect("gridwork:round_detail", pk=objection.publicity.subject_id)


