from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core.errors import ApplicationError
from grassroots.core.files import MIME, download_response
from grassroots.core.parsing import id_or_none
from grassroots.core.policy import allows, require
from grassroots.core.refusals import refusals
from grassroots.core.uploads import SPREADSHEETS, upload_accept
from grassroots.orgs.models import Organization
from grassroots.people.models import Person, PersonKind, ServiceTeam, TeamSeat
from grassroots.people.pii import hash_phone
from grassroots.people.services import team_member_assign, team_member_replace

from ..selectors import teams as sel
from ..services.teams import import_template, teams_export, teams_import
from ..timeline import team_timeline

IMPORT_MAX_BYTES = 5 * 1024 * 1024  # a county's teams are a few thousand rows: well under 1 MB


def _can_change_teams(scope) -> bool:
    return allows(scope, "gridwork.town_work")


def _int(value):
    return id_or_none(value)


@login_required
def team_list(request):
    scope = require(request.user, "gridwork.overview")
    incomplete = request.GET.get("incomplete") == "1"
    town_id = _int(request.GET.get("town"))
    q = (request.GET.get("q") or "").strip()[:40]
    qs = sel.teams_for(request.user, incomplete=incomplete, town_id=town_id, q=q)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    extra = f"&incomplete={'1' if incomplete else ''}&town={town_id or ''}&q={q}"
    return render(request, "gridwork/team_list.html", {
        "page": page, "counts": sel.team_counts(request.user), "incomplete": incomplete,
        "town_id": town_id, "q": q, "extra": extra, "towns": sel.team_towns(request.user),
        "can_change": _can_change_teams(scope),
    })


@login_required
def team_detail(request, pk):
    scope = require(request.user, "gridwork.overview")
    team = sel.get_team_for_user(request.user, pk)
    annotated = sel.teams_for(request.user).get(pk=team.pk)
    return render(request, "gridwork/team_detail.html", {
        "team": annotated, "seats": sel.team_seats(team),
        "load": sel.cadre_load(request.user, team=team), "events": team_timeline(team),
        "seat_choices": TeamSeat.choices,
        "can_change": _can_change_teams(scope) and ServiceTeam.objects.restrict(
            request.user, "change").filter(pk=team.pk).exists(),
    })


def _cadre_by_phone(phone: str) -> Person:
    phone = (phone or "").strip()
    person = Person.objects.filter(phone_hash=hash_phone(phone), kind=PersonKind.CADRE).first()
    if person is None:
        raise ApplicationError(_("没有找到手机号为%(p)s的干部，请先在人员管理中登记。") % {"p": phone})
    return person


def _org(code: str):
    code = (code or "").strip()
    if not code:
        return None
    org = Organization.objects.filter(code=code).first()
    if org is None:
        raise ApplicationError(_("派出单位编码“%(c)s”不存在。") % {"c": code})
    return org


@login_required
@require_POST
def team_assign(request, pk):
    require(request.user, "gridwork.overview")
    team = sel.get_team_for_user(request.user, pk, "change")
    with refusals(request) as refused:
        team_member_assign(actor=request.user, team=team,
                           person=_cadre_by_phone(request.POST.get("phone")),
                           seat=request.POST.get("seat", ""),
                           organization=_org(request.POST.get("organization")))
    if not refused:
        messages.success(request, _("已安排民情书记。"))
    return redirect("gridwork:team_detail", pk=team.pk)


@login_required
@require_POST
def member_replace(request, pk):
    require(request.user, "gridwork.overview")
    member = sel.get_member_for_user(request.user, pk)
    if not ServiceTeam.objects.restrict(request.user, "change").filter(pk=member.team_id).exists():
        raise PermissionDenied(_("您无权调整该网格的服务队。"))
    with refusals(request) as refused:
        team_member_replace(actor=request.user, member=member,
                            new_person=_cadre_by_phone(request.POST.get("phone")),
                            reason=request.POST.get("reason", ""))
    if not refused:
        messages.success(request, _("已更换民情书记，原任职记录已保留。"))
    return redirect("gridwork:team_detail", pk=member.team_id)


@login_required
def cadre_load(request):
    require(request.user, "gridwork.overview")
    town_id = _int(request.GET.get("town"))
    page = Paginator(sel.cadre_load(request.user, town_id=town_id), 50).get_page(
        request.GET.get("page"))
    return render(request, "gridwork/cadre_load.html", {
        "page": page, "towns": sel.team_towns(request.user), "town_id": town_id,
        "extra": f"&town={town_id or ''}"})


@login_required
def team_export(request):
    require(request.user, "gridwork.overview")
    data = teams_export(sel.teams_for(request.user))
    return download_response(data, "service-teams.xlsx", MIME["xlsx"])


@login_required
def team_import(request):
    scope = require(request.user, "gridwork.overview")
    if not _can_change_teams(scope):
        raise PermissionDenied(_("您无权导入服务队。"))
    errors, status = [], 200
    if request.GET.get("template"):
        return download_response(import_template(), "service-teams-template.xlsx", MIME["xlsx"])
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            errors, status = [_("请选择要导入的.xlsx文件。")], 400
        else:
            with refusals(request, flash=False) as refused:
                sheet = upload_accept(upload, field="file", kinds=SPREADSHEETS,
                                      max_bytes=IMPORT_MAX_BYTES)
                n = teams_import(actor=request.user, data=sheet.data)
            if refused:
                # ImportRejected lists every row's mistake; any other refusal is one line.
                errors = getattr(refused.error, "errors", None) or [refused.message]
                status = refused.status
            else:
                messages.success(request, _("已导入%(n)s个席位。") % {"n": n})
                return redirect("gridwork:team_list")
    return render(request, "gridwork/team_import.html", {"errors": errors}, status=status)
