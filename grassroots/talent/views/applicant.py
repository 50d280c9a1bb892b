"""The applicant's phone pages: his register entry, his applications with their status and the
reason of any refusal, a new application in an open round."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core.idempotency import create_once
from grassroots.core.parsing import id_or_none
from grassroots.core.policy import require
from grassroots.core.refusals import refusals
from grassroots.places.models import Division

from ..models import Application, ApplicationStatus, EvaluationRound, RuralTalent, Specialty
from ..models.register import TalentCategory
from ..services import applications as app_services
from ..services import setup
from ..services.common import today

S = ApplicationStatus
SCORES_SHOWN = (S.PUBLICISED, S.AWARDED, S.SUBSIDISED)


def _open_rounds():
    on = today()
    return (EvaluationRound.objects.filter(apply_from__lte=on, apply_to__gte=on)
            .prefetch_related("quotas__level", "specialties"))


def _context(request, **extra):
    person = request.user.person
    talent = RuralTalent.objects.filter(person=person).select_related("town").first()
    mine = (Application.objects.filter(talent__person=person)
            .select_related("level", "specialty", "round", "award").order_by("-pk"))
    return {"talent": talent, "applications": mine, "scores_shown": SCORES_SHOWN,
            "rounds": _open_rounds(), "towns": Division.objects.towns().order_by("code"),
            "categories": TalentCategory.choices, **extra}


@login_required
def my_applications(request):
    require(request.user, "talent.apply")
    return render(request, "talent/my.html", _context(request))


@login_required
@require_POST
def my_register(request):
    require(request.user, "talent.apply")
    town = Division.objects.towns().filter(pk=id_or_none(request.POST.get("town")) or -1).first()
    with refusals(request) as refused:
        if town is None:
            messages.error(request, _("请选择所在镇街。"))
        else:
            setup.talent_register(actor=request.user, person=request.user.person, town=town,
                                  category=request.POST.get("category", ""),
                                  skills=request.POST.get("skills", ""),
                                  cooperative=request.POST.get("cooperative", ""),
                                  scale=request.POST.get("scale", ""))
    if not refused and town is not None:
        messages.success(request, _("已登记，可以申报职称了。"))
    return redirect("talent:my")


@login_required
@require_POST
def my_apply(request):
    require(request.user, "talent.apply")
    post = request.POST
    talent = RuralTalent.objects.filter(person=request.user.person).first()
    rnd = _open_rounds().filter(pk=id_or_none(post.get("round")) or -1).first()
    level_id = id_or_none(post.get("level")) or -1
    quota = rnd.quotas.filter(level_id=level_id).select_related("level").first() if rnd else None
    specialty = (Specialty.objects.filter(pk=id_or_none(post.get("specialty")) or -1).first())
    if talent is None or quota is None or specialty is None:
        messages.error(request, _("请先登记，再选择正在申报的年度、级别和专业。"))
        return redirect("talent:my")
    with refusals(request) as refused:
        create_once(request, operation="talent.application", create=lambda: (
            app_services.application_create(
                actor=request.user, round=rnd, talent=talent, level=quota.level,
                specialty=specialty, achievements=post.get("achievements", ""),
                years_in_production=post.get("years_in_production", ""),
                households_driven=post.get("households_driven", "0") or "0",
                also_applies_lower=post.get("also_applies_lower") == "on")))
    if not refused:
        messages.success(request, _("申报已保存为草稿，请核对后提交。"))
    return redirect("talent:my")
