"""The yearly scheme's pages (实施方案: draft → published → closed): the list with a new draft,
the scheme with its numbers and items, edited by the county organisation department while a
draft (weights, grade bands, aspect caps, excellent quota, posting cycle; each item's points,
cap, evidence rule and recorder; items of its own), then published and closed. Branch staff
read the published scheme."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core.errors import ApplicationError
from grassroots.core.parsing import id_or_none
from grassroots.core.policy import can, require
from grassroots.core.selectors import get_for_user
from grassroots.core.timeline import subject_timeline

from .. import services
from ..models import (
    Aspect,
    ItemKind,
    Period,
    PointsScheme,
    PostingCycle,
    RecorderRole,
    SchemeStatus,
    ScoringItem,
)
from ..services.common import today
from ..services.scheme import BAND_GRADES, ORG_FIELDS, WEIGHT_KEYS
from ..transitions import SchemeAction

FIELD_LABELS = {"rural": _("农村"), "urban_community": _("城市社区"), "two_new": _("两新组织"),
                "organ_institution": _("机关事业单位")}
WEIGHT_LABELS = {"daily": _("日常积分"), "peer": _("党员互评"), "organisation": _("组织评定")}
BAND_LABELS = {"excellent": _("优秀"), "qualified": _("合格"), "basic": _("基本合格")}


def _event_labels() -> dict:
    from grassroots.core.events import event_codes

    return {code: label for code, (_app, label) in event_codes().items()
            if code.startswith("points_")}


@login_required
def scheme_list(request):
    require(request.user, "partymembers.points_view")
    return render(request, "partymembers/points/schemes.html", {
        "schemes": PointsScheme.objects.restrict(request.user, "view").order_by("-year"),
        "may_configure": can(request.user, "partymembers.points_configure"),
        "next_year": today().year + (1 if today().month >= 10 else 0)})


@login_required
@require_POST
def scheme_new(request):
    require(request.user, "partymembers.points_view")
    require(request.user, "partymembers.points_configure")
    try:
        scheme = services.scheme_create(actor=request.user,
                                        year=id_or_none(request.POST.get("year")) or 0,
                                        title=request.POST.get("title", ""))
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("partymembers:points_schemes")
    messages.success(request, _("已起草积分实施方案，默认积分项目为推定值，请逐项确认。"))
    return redirect("partymembers:points_scheme", pk=scheme.pk)


def _scheme(request, pk) -> PointsScheme:
    require(request.user, "partymembers.points_view")
    return get_for_user(PointsScheme.objects.all(), request.user, pk)


def _settings(scheme) -> dict:
    bands = {g: m for m, g in scheme.grade_bands}
    return {
        "weights": [(k, WEIGHT_LABELS[k], (scheme.weights or {}).get(k, "")) for k in WEIGHT_KEYS],
        "bands": [(g, BAND_LABELS[g], bands.get(g, "")) for g in BAND_GRADES],
        "caps": [(a, Aspect(a).label, (scheme.aspect_caps or {}).get(a, ""))
                 for a in Aspect.values],
    }


def _page(request, scheme, *, error=None, status=200):
    may = can(request.user, "partymembers.points_configure")
    items = scheme.items.order_by("aspect", "code")
    return render(request, "partymembers/points/scheme.html", {
        "scheme": scheme, "items": items, "error": error, **_settings(scheme),
        "editable": may and scheme.status == SchemeStatus.DRAFT,
        "may_publish": may and scheme.status == SchemeStatus.DRAFT,
        "may_close": may and scheme.status == SchemeStatus.PUBLISHED,
        "aspects": Aspect.choices, "kinds": ItemKind.choices, "periods": Period.choices,
        "recorders": RecorderRole.choices, "cycles": PostingCycle.choices,
        "org_fields": [(f, FIELD_LABELS[f]) for f in ORG_FIELDS], "field_labels": FIELD_LABELS,
        "events": subject_timeline(scheme, actions=_event_labels(),
                                   states=SchemeStatus) if may else [],
    }, status=status)


@login_required
def scheme_detail(request, pk):
    return _page(request, _scheme(request, pk))


def _item(scheme, post) -> ScoringItem:
    item = scheme.items.filter(pk=id_or_none(post.get("item"))).first()
    if item is None:
        raise ApplicationError(_("请选择积分项目。"), field="item")
    return item


def _act(request, scheme, op):
    post, actor = request.POST, request.user
    if op == "settings":
        services.scheme_settings_set(
            actor=actor, scheme=scheme, title=post.get("title", ""),
            weights={k: post.get(f"weight_{k}", "") for k in WEIGHT_KEYS},
            grade_bands={g: post.get(f"band_{g}", "") for g in BAND_GRADES},
            aspect_caps={a: post.get(f"cap_{a}", "") for a in Aspect.values},
            daily_max=post.get("daily_max", ""), excellent_cap_pct=post.get("excellent_cap_pct"),
            posting_cycle=post.get("posting_cycle", ""))
    elif op == "item":
        cap = post.get("cap_per_period", "").strip()
        services.item_set(actor=actor, item=_item(scheme, post), points=post.get("points") or None,
                          cap_per_period=cap or None, clear_cap=not cap,
                          evidence_rule=post.get("evidence_rule", ""),
                          recorder_role=post.get("recorder_role", ""))
    elif op == "add":
        services.item_add(
            actor=actor, scheme=scheme, code=post.get("code", ""), label=post.get("label", ""),
            aspect=post.get("aspect", ""), kind=post.get("kind", ""),
            points=post.get("points", ""), period=post.get("period", ""),
            cap_per_period=post.get("cap_per_period", "").strip() or None,
            fields=post.getlist("fields"), evidence_rule=post.get("evidence_rule", ""),
            recorder_role=post.get("recorder_role", ""))
    elif op == "remove":
        services.item_remove(actor=actor, item=_item(scheme, post))
    elif op == SchemeAction.PUBLISH:
        services.scheme_publish(actor=actor, scheme=scheme)
    elif op == SchemeAction.CLOSE:
        services.scheme_close(actor=actor, scheme=scheme)
    else:
        raise ApplicationError(_("请选择操作。"))


@login_required
@require_POST
def scheme_act(request, pk):
    scheme = _scheme(request, pk)
    try:
        _act(request, scheme, request.POST.get("op", ""))
    except ApplicationError as exc:
        scheme.refresh_from_db()
        return _page(request, scheme, error=exc.message, status=exc.status_code)
    messages.success(request, _("已保存。"))
    return redirect("partymembers:points_scheme", pk=scheme.pk)
