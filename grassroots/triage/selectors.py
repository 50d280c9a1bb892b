"""Reads of the text-intelligence app: suggestions, duplicates, recurrences, hot topics, replies.

Every function that takes a user filters by that user's scope; functions that take a demand
expect the caller to have fetched it through the demands' selectors already.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.core.cache import cache
from django.db.models import Count, Max, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from grassroots.core.policy import can
from grassroots.core.scope import get_scope
from grassroots.demands.models import (
    OPEN_STATUSES,
    AssignmentRole,
    AssignmentStatus,
    Category,
    Demand,
    DemandStatus,
    DemandType,
)
from grassroots.orgs.models import Organization

from . import registry
from .models import DuplicateCandidate, ModelKind, ReplyQuality, TriageModel

log = logging.getLogger(__name__)
TOP_K = 3


# ---------------------------------------------------------------- dispatch suggestions
def _unit_rows(labels) -> dict[str, Organization]:
    return {o.name: o for o in Organization.objects.handling_units().filter(name__in=set(labels))}


def _predict(kind: str, pairs: list[tuple[str, str]], k: int):
    loaded = registry.active(kind)
    if loaded is None or not pairs:
        return None, [[] for _ in pairs]
    try:
        return loaded, loaded.classifier.predict_top_batch([p[0] for p in pairs],
                                                           [p[1] for p in pairs], k=k)
    except Exception:  # a suggestion must never break a page or a dispatch
        log.exception("triage: %s prediction failed", kind)
        return None, [[] for _ in pairs]


def _predict_categories(pairs: list[tuple[str, str]], k: int):
    """Like ``_predict`` for the category model, each suggestion at the finest level the
    model is confident about (``engine.hierarchy``; the threshold is a county setting)."""
    from .engine.hierarchy import finest_top
    from .models import TriageSettings

    loaded = registry.active(ModelKind.CATEGORY)
    if loaded is None or not pairs:
        return None, [[] for _ in pairs]
    threshold = TriageSettings.load().category_fine_threshold
    try:
        clf = loaded.classifier
        proba = clf.predict_proba_batch([p[0] for p in pairs], [p[1] for p in pairs])
        classes = [str(c) for c in clf.classes_]
        return loaded, [finest_top(classes, row, threshold=threshold, k=k) for row in proba]
    except Exception:  # a suggestion must never break a page or a dispatch
        log.exception("triage: category prediction failed")
        return None, [[] for _ in pairs]


def suggest_batch(pairs: list[tuple[str, str]]) -> list[dict]:
    """For (title, text) pairs: {"categories": [(path label, conf)], "units": [(Organization,
    conf)], "category_version", "unit_version"} each; empty lists when no model is active."""
    cat_model, cats = _predict_categories(pairs, TOP_K)
    # Ask for a few more units: a unit renamed or deactivated since training is skipped.
    unit_model, units = _predict(ModelKind.UNIT, pairs, TOP_K + 3)
    orgs = _unit_rows({lab for row in units for lab, _ in row})
    out = []
    for c_row, u_row in zip(cats, units, strict=True):
        mapped = [(orgs[lab], conf) for lab, conf in u_row if lab in orgs][:TOP_K]
        out.append({
            "categories": list(c_row),
            "units": mapped,
            "category_version": cat_model.version if cat_model else None,
            "unit_version": unit_model.version if unit_model else None,
            "unit_model_pk": unit_model.pk if unit_model else None,
        })
    return out


def suggest_for_demand(demand: Demand) -> dict:
    """Top-3 categories and top-3 handling units with calibrated confidences."""
    return suggest_batch([(demand.title, demand.text)])[0]


# A suggestion button dispatches on one click: the runners-up the model all but rules out
# ("医保局 0%") are noise there and a misclick away; the best one is always shown.
MIN_SHOWN_CONFIDENCE = 0.05


def _worth_showing(rows):
    return [r for i, r in enumerate(rows) if i == 0 or r[1] >= MIN_SHOWN_CONFIDENCE]


def _for_template(s: dict, paths: dict[str, int]) -> dict:
    from .engine.hierarchy import SEP

    return {
        "units": [{"unit_id": o.pk, "unit_name": str(o), "confidence": conf}
                  for o, conf in _worth_showing(s["units"])],
        # category_id: the active category of that path (any level), which the dispatch form
        # can take; the label shows the path ("城乡建设 › 供水 › 水压低")
        "categories": [{"label": lab.replace(SEP, " › "), "confidence": conf,
                        "category_id": paths.get(lab)}
                       for lab, conf in _worth_showing(s["categories"])],
        "version": s["unit_version"],
    }


def dispatch_suggestions(demands) -> dict[int, dict]:
    """What ``demands/_suggestions.html`` shows, for a page of demands at once (one model call).

    ``{demand.pk: {"units": [{unit_id, unit_name, confidence}], "categories": [{label,
    confidence, category_id}], "version": n}}``; a demand without suggestions is missing from
    the dict.
    """
    demands = list(demands)
    result = suggest_batch([(d.title, d.text) for d in demands])
    paths = {}
    if any(s["categories"] for s in result):
        from .services.training import category_paths

        active = set(Category.objects.filter(is_active=True).values_list("pk", flat=True))
        for pk, path in sorted(category_paths().items()):  # a path twice: the older one
            if pk in active:
                paths.setdefault(path, pk)
    return {d.pk: _for_template(s, paths) for d, s in zip(demands, result, strict=True)
            if s["units"] or s["categories"]}


def feedback_summary() -> list[dict]:
    """Acceptance of the unit suggestions per model version (database aggregate)."""
    from .models import SuggestionFeedback

    return list(SuggestionFeedback.objects.values("model_version")
                .annotate(n=Count("id"), accepted=Count("id", filter=Q(accepted=True)),
                          top1=Count("id", filter=Q(rank=1)), auto=Count("id", filter=Q(auto=True)))
                .order_by("-model_version"))


# ---------------------------------------------------------------- duplicates and recurrences
# A demand can be merged (并单) while nobody has acknowledged it yet: waiting for dispatch or
# dispatched and not signed for (``demand_merge`` refuses the rest).
MERGEABLE_STATUSES = (DemandStatus.RECEIVED, DemandStatus.DISPATCHED)


def merge_direction(demand: Demand, other: Demand, *, other_is_earlier: bool) -> str | None:
    """Which merge the dispatcher is offered for a pair of open near-duplicates.

    ``"into_other"`` (merge ``demand`` into ``other``), ``"other_into_this"`` or None. The later
    demand goes into the earlier one when both can still be merged; when only one can (the other
    is already being handled), that one goes into the one being handled — whichever came first.
    """
    def mergeable(d):
        return d.status in MERGEABLE_STATUSES and not d.merged_into_id

    order = ("into_other", "other_into_this") if other_is_earlier else (
        "other_into_this", "into_other")
    for direction in order:
        if mergeable(demand if direction == "into_other" else other):
            return direction
    return None


def duplicates_for_demand(demand: Demand) -> list[dict]:
    """Open near-duplicates of ``demand`` in both directions, best first.

    Each: {"other": Demand, "score", "earlier": the other came first, "merge": see
    ``merge_direction``}.
    """
    rows = (DuplicateCandidate.objects.filter(Q(demand=demand) | Q(candidate=demand),
                                              dismissed_at__isnull=True)
            .select_related("demand", "candidate"))
    out = []
    for r in rows:
        other = r.candidate if r.demand_id == demand.pk else r.demand
        if other.status not in OPEN_STATUSES or other.merged_into_id:
            continue
        earlier = r.demand_id == demand.pk
        out.append({"other": other, "score": r.score, "earlier": earlier, "reasons": r.reasons,
                    "merge": merge_direction(demand, other, other_is_earlier=earlier)})
    out.sort(key=lambda x: -x["score"])
    return out


def duplicates_for_demands(demands) -> dict[int, list[dict]]:
    """``duplicates_for_demand`` for a page of demands in one query."""
    demands = list(demands)
    ids = [d.pk for d in demands]
    by_pk = {d.pk: d for d in demands}
    out: dict[int, list[dict]] = {pk: [] for pk in ids}
    rows = (DuplicateCandidate.objects.filter(Q(demand_id__in=ids) | Q(candidate_id__in=ids),
                                              dismissed_at__isnull=True)
            .select_related("demand", "candidate"))
    for r in rows:
        for this, other, earlier in ((r.demand_id, r.candidate, True),
                                     (r.candidate_id, r.demand, False)):
            if this in out and other.status in OPEN_STATUSES and not other.merged_into_id:
                out[this].append({"other": other, "score": r.score, "earlier": earlier,
                                  "reasons": r.reasons,
                                  "merge": merge_direction(by_pk[this], other,
                                                           other_is_earlier=earlier)})
    for items in out.values():
        items.sort(key=lambda x: -x["score"])
    return out


def duplicate_counts(demand_ids) -> dict[int, int]:
    """Open duplicate candidates per demand (for a queue page; one query)."""
    rows = (DuplicateCandidate.objects.filter(demand_id__in=list(demand_ids),
                                              dismissed_at__isnull=True,
                                              candidate__status__in=OPEN_STATUSES,
                                              candidate__merged_into__isnull=True)
            .values("demand_id").annotate(n=Count("id")))
    return {r["demand_id"]: r["n"] for r in rows}


LIVE_MIN_CHARS = 6  # below this a half-typed text matches everything


def intake_duplicates(user, *, title: str = "", text: str = "", address: str = "",
                      division_id=None, category_id=None) -> list[dict]:
    """Open demands the user may see (``user=None``: every one, for a count only) that report
    the same matter at the same place as a demand being typed (the intake forms ask while the
    caller is on the line).

    [{"other": Demand, "score", "reasons"}], best first; [] for too little text."""
    from grassroots.demands.models import Category
    from grassroots.places.models import Division

    from .engine.duplicates import Report, best_matches
    from .models import TriageSettings
    from .services.intake import candidate_reports, open_candidates

    if len((title or "") + (text or "")) < LIVE_MIN_CHARS:
        return []
    division = Division.objects.filter(pk=division_id).first() if division_id else None
    town_id = division.town_id if division else None
    category = None
    if category_id:
        category = (Category.objects.filter(pk=category_id)
                    .annotate(root=Coalesce("parent__parent_id", "parent_id", "id"))
                    .values_list("root", flat=True).first())
    from grassroots.core import clock

    cfg = TriageSettings.load()
    now = clock.now()
    if town_id is not None:
        qs = open_candidates(received_at=now, town_id=town_id,
                             window_days=cfg.duplicate_window_days)
    else:  # no place picked yet: every open demand of the window the user may see
        qs = Demand.objects.filter(status__in=OPEN_STATUSES, merged_into__isnull=True,
                                   received_at__gte=now - timedelta(days=cfg.duplicate_window_days))
    if user is not None:  # None: the caller shows only a count (a citizen's form)
        qs = qs.restrict(user)
    report = Report(title or "", text or "", address or "",
                    division.pk if division else None, None, category)
    hits = best_matches(report, candidate_reports(qs), threshold=cfg.duplicate_threshold,
                        top=5)
    others = Demand.objects.in_bulk([pk for pk, _m in hits])
    return [{"other": others[pk], "score": m.score, "reasons": list(m.reasons)}
            for pk, m in hits if pk in others]


def _lead_unit_of_earlier(field: str):
    from django.db.models import OuterRef, Subquery

    from grassroots.demands.models import Assignment

    return Subquery(Assignment.objects.filter(demand_id=OuterRef("recurrence_of_id"),
                                              role=AssignmentRole.LEAD)
                    .order_by("-pk").values(field)[:1])


def recurrence_flags(user, *, unit_id=None, town_id=None, date_from=None, date_to=None):
    """Demands flagged as a recurrence (fake fix) of a closed one, newest first, that the user
    may see; each annotated with the unit that closed the earlier demand (``closed_by_id``,
    ``closed_by_name``). Filters: that unit, the town, received between the dates."""
    qs = (Demand.objects.restrict(user).filter(recurrence_of__isnull=False)
          .select_related("recurrence_of", "town", "division")
          .annotate(closed_by_id=_lead_unit_of_earlier("unit_id"),
                    closed_by_name=_lead_unit_of_earlier("unit__name"))
          .order_by("-received_at", "-pk"))
    if unit_id:
        qs = qs.filter(closed_by_id=unit_id)
    if town_id:
        qs = qs.filter(town_id=town_id)
    if date_from is not None:
        qs = qs.filter(received_at__gte=date_from)
    if date_to is not None:
        qs = qs.filter(received_at__lt=date_to)
    return qs


def recurrence_counts_by_unit(*, date_from=None, date_to=None, user=None) -> dict[int, int]:
    """{unit_id: number of demands flagged as a recurrence of one that unit closed as lead}.

    Dates bound the recurring demand's ``received_at``; with ``user`` the recurring demands are
    restricted to what the user may see. One aggregate query.
    """
    qs = Demand.objects.filter(recurrence_of__isnull=False)
    if user is not None:
        qs = qs.restrict(user)
    if date_from is not None:
        qs = qs.filter(received_at__gte=date_from)
    if date_to is not None:
        qs = qs.filter(received_at__lt=date_to)
    rows = (qs.filter(recurrence_of__assignments__role=AssignmentRole.LEAD,
                      recurrence_of__assignments__status__in=("replied", "closed"))
            .values("recurrence_of__assignments__unit_id")
            .annotate(n=Count("id", distinct=True)))
    return {r["recurrence_of__assignments__unit_id"]: r["n"] for r in rows}


# ---------------------------------------------------------------- hot topics
def hot_topic_window(window: str, date_from=None, date_to=None, *, today=None):
    """(start, end) datetimes for week / month / custom; custom needs both dates."""
    from django.utils import timezone

    from grassroots.core import clock

    today = today or timezone.localdate(clock.now())
    if window == "custom" and date_from and date_to:
        start, end = date_from, date_to
    elif window == "month":
        start, end = today - timedelta(days=29), today
    else:
        start, end = today - timedelta(days=6), today
    tz = timezone.get_current_timezone()
    return (datetime.combine(start, datetime.min.time(), tz),
            datetime.combine(end + timedelta(days=1), datetime.min.time(), tz))


def hot_topics(user, start: datetime, end: datetime, *, top: int = 10) -> list[dict]:
    """Clusters of the demands received in [start, end) that the user may see (praise left
    out), by heat."""
    from .engine.hot_topics import MAX_MESSAGES, Message
    from .engine.hot_topics import hot_topics as mine

    # Praise is not a problem to report on: "表扬民情书记" was a top "hot topic" with a
    # "表扬民情书记问题专报" button.
    qs = (Demand.objects.restrict(user).filter(received_at__gte=start, received_at__lt=end)
          .exclude(type=DemandType.PRAISE).order_by("-received_at"))
    stats = qs.aggregate(n=Count("id"), last=Max("id"))
    scope = get_scope(user)
    who = "county" if scope.county_wide_view else f"user{scope.user_id}"
    key = (f"triage:hot:{who}:{start.isoformat()}:{end.isoformat()}:{stats['n']}:"
           f"{stats['last']}:{top}")
    cached = cache.get(key)
    if cached is not None:
        return cached
    rows = list(qs.values_list("pk", "title", "text", "received_at", "citizen_id", "grid_id",
                               "division__name", "address")[:MAX_MESSAGES])
    grids = {r[0]: r[5] for r in rows}
    # Local times: the topic's first/last day shown on the page is the county's calendar day
    # (the database gives UTC, which put a demand received before 08:00 on the previous day).
    msgs = [Message(id=pk, title=title, text=text, time=timezone.localtime(at), citizen=citizen,
                    places=[p for p in (address,) if p])
            for pk, title, text, at, citizen, _g, _div, address in rows]
    span_days = max(1, (end - start).days)
    topics = mine(msgs, None, None, top=top, recent_days=max(1, span_days // 2))
    numbers = dict(Demand.objects.filter(
        pk__in=[i for t in topics for i in t["message_ids"]]).values_list("pk", "number"))
    for t in topics:
        t["grids"] = len({grids[i] for i in t["message_ids"] if grids.get(i)})
        t["demands"] = [(i, numbers.get(i, "")) for i in t["message_ids"][:20]]
    cache.set(key, topics, 600)
    return topics


# ---------------------------------------------------------------- reply quality
def reply_quality_check(demand: Demand, text: str, *, assignment=None):
    """Score a reply before it is sent (no write). Returns the engine's ReplyScore."""
    from grassroots.core import clock

    from .engine.reply_quality import score_reply

    asked = assignment.dispatched_at if assignment is not None else demand.received_at
    budget = reply_budget_days(assignment) if assignment is not None else 15
    return score_reply(demand.title, demand.text, text or "", asked_at=asked,
                       replied_at=clock.now(), budget_working_days=budget)


def reply_budget_days(assignment) -> int:
    """The assignment's reply time limit in working days (from its stored deadline)."""
    from grassroots.workcal.services import daily_working_hours, working_time_between

    hours = working_time_between(assignment.dispatched_at, assignment.reply_due_at).hours
    return max(1, round(hours / (daily_working_hours() or 8)))


def flagged_replies(user) -> QuerySet[ReplyQuality]:
    """Flagged replies for supervisors (county-wide); nobody else sees the list."""
    if not can(user, "triage.review_replies"):
        return ReplyQuality.objects.none()
    return (ReplyQuality.objects.filter(flagged=True)
            .select_related("demand", "unit", "assignment").order_by("-created_at", "-id"))


def reply_quality_by_unit(*, date_from=None, date_to=None) -> list[dict]:
    """Per unit: scored replies, flagged ones, mean overall score (one aggregate query)."""
    from django.db.models import Avg

    qs = ReplyQuality.objects.all()
    if date_from is not None:
        qs = qs.filter(created_at__gte=date_from)
    if date_to is not None:
        qs = qs.filter(created_at__lt=date_to)
    return list(qs.values("unit_id", "unit__name")
                .annotate(n=Count("id"), flagged=Count("id", filter=Q(flagged=True)),
                          mean=Avg("overall")).order_by("unit__name"))


# ---------------------------------------------------------------- model registry
def model_list() -> QuerySet[TriageModel]:
    return TriageModel.objects.defer("blob").select_related("trained_by").order_by("kind",
                                                                                    "-version")



def reply_gate_reasons(demand) -> list[str]:
    """``reply_flag_reasons`` when the county asks for a reason to close a flagged reply
    (``TriageSettings.reply_gate_enabled``), else []: what the follow-up close checks."""
    from .models import TriageSettings

    return reply_flag_reasons(demand) if TriageSettings.load().reply_gate_enabled else []


def reply_flag_reasons(demand) -> list[str]:
    """Why the lead unit's current reply to ``demand`` was flagged by the reply-quality check
    ([] when it was not, or when there is no scored reply). One query."""
    row = (ReplyQuality.objects.filter(demand=demand, assignment__role=AssignmentRole.LEAD,
                                       assignment__status=AssignmentStatus.REPLIED)
           .order_by("-created_at").values_list("flagged", "reasons", "overall").first())
    if not row or not row[0]:
        return []
    flagged, reasons, overall = row
    return [f"综合得分{overall:.0%}", *(reasons or [])]
