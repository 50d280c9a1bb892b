"""Pages of the text-intelligence app. Thin: scope check, selector or service, render."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core.parsing import date_or_none, id_or_none
from grassroots.core.policy import allows, can, require
from grassroots.core.refusals import refusals
from grassroots.demands.selectors import get_assignment_for_user

from . import selectors, services, tasks
from .models import ModelKind, ModelStatus, TrainingSource, TriageModel, TriageSettings


# ---------------------------------------------------------------- model registry
@login_required
def models_page(request):
    require(request.user, "core.staff")
    require(request.user, "triage.manage_models")
    return render(request, "triage/models.html", {
        **_registry(),
        "settings": TriageSettings.load(),
        "feedback": selectors.feedback_summary(),
        "sources": TrainingSource.choices,
    })


@login_required
def models_table(request):
    """The registry tables alone (htmx polls it while a version is training)."""
    require(request.user, "core.staff")
    require(request.user, "triage.manage_models")
    return render(request, "triage/_models_table.html", _registry())


def _registry() -> dict:
    """The model versions grouped by kind, and whether one is training (page and table)."""
    rows = list(selectors.model_list())
    return {"kinds": [{"kind": k, "label": label, "rows": [r for r in rows if r.kind == k]}
                      for k, label in ModelKind.choices],
            "training": any(r.status == ModelStatus.TRAINING for r in rows)}


@login_required
@require_POST
def model_train(request):
    require(request.user, "core.staff")
    require(request.user, "triage.manage_models")
    kind = request.POST.get("kind", "")
    source = request.POST.get("source", TrainingSource.PLATFORM)
    if kind not in ModelKind.values or source not in TrainingSource.values:
        messages.error(request, _("请选择模型类型和训练数据。"))
        return redirect("triage:models")
    with refusals(request) as refused:
        tasks.retrain.delay(kind, request.user.pk, source)
    if not refused:
        messages.success(request, _("已开始训练；完成后在下表中查看指标并启用。"))
    return redirect("triage:models")


@login_required
@require_POST
def model_activate(request, pk):
    require(request.user, "core.staff")
    require(request.user, "triage.manage_models")
    model = TriageModel.objects.defer("blob").filter(pk=pk).first()
    if model is None:
        raise Http404(_("未找到"))
    with refusals(request) as refused:
        services.triage_model_activate(actor=request.user, model=model)
    if not refused:
        messages.success(request, _("已启用%(model)s。") % {"model": model})
    return redirect("triage:models")


@login_required
@require_POST
def settings_update(request):
    require(request.user, "core.staff")
    require(request.user, "triage.manage_models")
    with refusals(request) as refused:
        services.triage_settings_update(
            actor=request.user,
            auto_dispatch_enabled=request.POST.get("auto_dispatch_enabled") == "on",
            auto_dispatch_threshold=request.POST.get("auto_dispatch_threshold", ""))
    if not refused:
        messages.success(request, _("智能派单设置已保存。"))
    return redirect("triage:models")


# ---------------------------------------------------------------- hot topics
def _date(raw: str) -> date | None:
    return date_or_none(raw)


@login_required
def hot_page(request):
    scope = require(request.user, "core.staff")
    require(request.user, "triage.hot_topics")
    window = request.GET.get("window", "week")
    if window not in ("week", "month", "custom"):
        window = "week"
    d_from, d_to = _date(request.GET.get("from", "")), _date(request.GET.get("to", ""))
    error = ""
    if window == "custom":
        if not (d_from and d_to):
            error = _("自定义时间段请选择开始和结束日期。")
        elif d_from > d_to:
            error = _("结束日期不能早于开始日期。")
        elif (d_to - d_from).days > 366:
            error = _("自定义时间段不能超过一年。")
        if error:
            window = "week"
    start, end = selectors.hot_topic_window(window, d_from, d_to)
    topics = selectors.hot_topics(request.user, start, end)
    last_day = (end - timedelta(days=1)).date()
    for t in topics:
        t["report_query"] = {"title": f"{t['label'][:30]}问题专报", "keywords": " ".join(
            t["keywords"][:3]), "date_from": start.date().isoformat(),
            "date_to": last_day.isoformat()}
    return render(request, "triage/hot.html", {
        "topics": topics, "window": window, "start": start.date(), "end": last_day,
        "error": error, "can_report": allows(scope, "supervision.office"),
        "from": request.GET.get("from", ""), "to": request.GET.get("to", ""),
    }, status=400 if error else 200)


# ---------------------------------------------------------------- reply quality
@login_required
def replies_page(request):
    require(request.user, "core.staff")
    require(request.user, "triage.review_replies")
    page = Paginator(selectors.flagged_replies(request.user), 50).get_page(
        request.GET.get("page"))
    return render(request, "triage/replies.html", {"page": page,
                                                   "by_unit": selectors.reply_quality_by_unit()})


@login_required
@require_POST
def reply_check(request):
    """htmx: score a draft reply of an assignment the user may reply to (no write)."""
    raw = request.POST.get("assignment", "")
    a = get_assignment_for_user(request.user, raw, "change")
    text = (request.POST.get("text") or "").strip()
    score = selectors.reply_quality_check(a.demand, text, assignment=a) if text else None
    return render(request, "triage/_reply_check_result.html", {"score": score, "text": text})


# ---------------------------------------------------------------- duplicates at intake
def _int_or_none(raw):
    return id_or_none(raw)  # an id in the database's range, or None (core.parsing)


def intake_duplicates(request):
    """htmx, while a demand is being typed: open demands about the same matter at the same
    place. Staff who take demands see them (in their scope, with links); a citizen sees only how
    many are already being handled (never other people's demands). A caller whose session ran
    out gets nothing (204), not the login page: following that redirect in the background would
    start a new session and hide from the form's own submit that the old one expired."""
    if not request.user.is_authenticated:
        return HttpResponse(status=204)
    p = request.GET
    # the visit form has several demands: its fields are named "demand-<i>-title" ...
    prefix = p.get("prefix", "") if p.get("prefix", "").startswith("demand-") else ""
    args = {"title": p.get(prefix + "title", "")[:100], "text": p.get(prefix + "text", "")[:2000],
            "address": p.get("address", "")[:200], "division_id": _int_or_none(p.get("division")),
            "category_id": _int_or_none(p.get("category"))}
    staff = can(request.user, "triage.intake_duplicates")
    hits = selectors.intake_duplicates(request.user if staff else None, **args)
    return render(request, "triage/_intake_duplicates.html",
                  {"hits": hits if staff else [], "count": len(hits), "staff": staff})


@login_required
@require_POST
def duplicate_dismiss(request, pk: int):
    """"不是重复" on a demand's duplicate panel."""
    from grassroots.core.selectors import get_for_user
    from grassroots.demands.models import Demand

    demand = get_for_user(Demand.objects.all(), request.user, pk)
    other = get_for_user(Demand.objects.all(), request.user, _int_or_none(request.POST.get("other")))
    nxt = request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}):
        nxt = ""
    with refusals(request):
        services.duplicate_dismiss(actor=request.user, demand=demand, other=other,
                                   note=(request.POST.get("note") or "")[:200])
        messages.success(request, _("已排除：这两件诉求不是重复。"))
    return redirect(nxt or reverse("demands:detail", args=[demand.pk]))


# ---------------------------------------------------------------- recurrences (fake fixes)
@login_required
def recurrences_page(request):
    """Demands flagged as a recurrence of a closed one, with filters and, for the supervision
    office, a supervision notice to the unit that closed it (supervision's own draft form)."""
    from urllib.parse import urlencode

    from django.utils import timezone

    from grassroots.orgs.models import Organization
    from grassroots.places.models import Division

    scope = require(request.user, "core.staff")
    require(request.user, "triage.recurrences")
    g = request.GET
    unit_id, town_id = _int_or_none(g.get("unit")), _int_or_none(g.get("town"))
    d_from, d_to = _date(g.get("from", "")), _date(g.get("to", ""))
    tz = timezone.get_current_timezone()
    start = datetime.combine(d_from, datetime.min.time(), tz) if d_from else None
    end = datetime.combine(d_to + timedelta(days=1), datetime.min.time(), tz) if d_to else None
    qs = selectors.recurrence_flags(request.user, unit_id=unit_id, town_id=town_id,
                                    date_from=start, date_to=end)
    page = Paginator(qs, 50).get_page(g.get("page"))
    can_notice = allows(scope, "supervision.office")
    rows = []
    for d in page.object_list:
        notice = ""
        if can_notice and d.closed_by_id:
            notice = "/supervision/notices/new/?" + urlencode({
                "demands": f"{d.recurrence_of.number}\n{d.number}", "unit": d.closed_by_id,
                "title": f"关于“{d.title[:40]}”疑似假性整改的督办通知",
                "body": f"你单位办结的诉求{d.recurrence_of.number}（{d.recurrence_of.title}），"
                        f"群众于办结后再次反映（{d.number}），疑似问题未真正解决。请重新核查处理，"
                        f"说明原办理情况并落实整改。"})
        rows.append({"d": d, "notice_url": notice})
    counts = selectors.recurrence_counts_by_unit(user=request.user, date_from=start,
                                                 date_to=end)
    names = dict(Organization.objects.filter(pk__in=counts).values_list("pk", "name"))
    by_unit = sorted(({"unit_id": k, "name": names.get(k, ""), "n": v} for k, v in counts.items()),
                     key=lambda r: (-r["n"], r["name"]))
    query = {k: v for k, v in g.items() if k != "page"}
    return render(request, "triage/recurrences.html", {
        "page": page, "rows": rows, "by_unit": by_unit, "unit_id": unit_id, "town_id": town_id,
        "from": g.get("from", ""), "to": g.get("to", ""), "query": urlencode(query),
        "units": Organization.objects.handling_units().order_by("name").only("pk", "name"),
        "towns": Division.objects.towns().order_by("code").only("pk", "name"),
    })
