"""At intake: near-duplicate open demands (offered for merging) and recurrences (假性整改)."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from grassroots.core import clock
from grassroots.core.errors import ApplicationError
from grassroots.core.events import event_record
from grassroots.core.policy import require
from grassroots.demands.models import OPEN_STATUSES, Demand, DemandStatus

from ..models import DuplicateCandidate, TriageSettings

# The most recent open demands of the town in the window: several citizens reporting one
# matter do so within hours, and a town has far fewer open demands than this.
MAX_CANDIDATES = 500
MAX_RECURRENCE_CANDIDATES = 300
MAX_DUPLICATES = 5
# A citizen saying the problem came back ("又堵了", "清了一次又这样") lowers the bar this much.
RECURRENCE_CUE_BONUS = 0.15


def _root_category():
    return Coalesce("category__parent__parent_id", "category__parent_id", "category_id")


def candidate_reports(qs, limit: int = MAX_CANDIDATES):
    """[(pk, Report)] of a queryset of demands (one query), most recent first."""
    from ..engine.duplicates import Report

    rows = (qs.annotate(root_category=_root_category()).order_by("-received_at")
            .values_list("pk", "title", "text", "address", "division_id", "grid_id",
                         "root_category")[:limit])
    return [(pk, Report(t or "", x or "", a or "", dv, g, c)) for pk, t, x, a, dv, g, c in rows]


def report_of(demand: Demand):
    from ..engine.duplicates import Report

    category = None
    if demand.category_id:
        category = _root_from_loaded(demand)
        if category is None:
            category = (Demand.objects.filter(pk=demand.pk).annotate(root=_root_category())
                        .values_list("root", flat=True).first()) or demand.category_id
    return Report(demand.title or "", demand.text or "", demand.address or "",
                  demand.division_id, demand.grid_id, category)


def _root_from_loaded(demand: Demand) -> int | None:
    """The root category's id, as ``_root_category`` computes it, from the category and its
    parent when the caller already loaded them (intake does); None when they are not loaded."""
    if not Demand.category.is_cached(demand):
        return None
    category = demand.category
    if category.parent_id is None:
        return category.pk
    if not type(category).parent.is_cached(category):
        return None
    return category.parent.parent_id or category.parent_id


def open_candidates(*, received_at, town_id=None, grid_id=None, window_days: int):
    """Open, unmerged demands of the same town (or grid) received in the window before
    ``received_at``: the pool a new demand is matched against."""
    since = received_at - timedelta(days=window_days)
    qs = Demand.objects.filter(status__in=OPEN_STATUSES, merged_into__isnull=True,
                               received_at__gte=since, received_at__lte=received_at)
    if town_id:
        return qs.filter(town_id=town_id)
    if grid_id:
        return qs.filter(grid_id=grid_id)
    return qs.filter(town__isnull=True, grid__isnull=True)


def duplicates_find(*, demand: Demand, cfg: TriageSettings) -> list[DuplicateCandidate]:
    """Store the open demands of the same town (or grid) within the window that report the
    same matter at the same place (``engine.duplicates``). Runs inside the intake transaction
    (a few milliseconds). A pair someone dismissed ("不是重复") keeps its dismissal."""
    from ..engine.duplicates import best_matches

    qs = open_candidates(received_at=demand.received_at, town_id=demand.town_id,
                         grid_id=demand.grid_id, window_days=cfg.duplicate_window_days)
    # The new demand is in its own pool (open, same town, just received): reading it there
    # gives its root category without a query of its own.
    pool = candidate_reports(qs, limit=MAX_CANDIDATES + 1)
    own = next((r for pk, r in pool if pk == demand.pk), None)
    candidates = [(pk, r) for pk, r in pool if pk != demand.pk][:MAX_CANDIDATES]
    if not candidates:
        return []
    hits = best_matches(own or report_of(demand), candidates,
                        threshold=cfg.duplicate_threshold, top=MAX_DUPLICATES)
    rows = [DuplicateCandidate(demand=demand, candidate_id=pk, score=m.score,
                               reasons=list(m.reasons), created_at=demand.received_at)
            for pk, m in hits]
    DuplicateCandidate.objects.bulk_create(rows, ignore_conflicts=True)
    return rows


@transaction.atomic
def duplicate_dismiss(*, actor, demand: Demand, other: Demand, note: str = "") -> int:
    """"不是重复": the pair (either direction) is no longer offered for merging, and stays so
    when the check runs again. Returns how many candidate rows were dismissed."""
    require(actor, "triage.dismiss_duplicate", demand)
    pair = (Q(demand=demand, candidate=other) | Q(demand=other, candidate=demand))
    rows = DuplicateCandidate.objects.select_for_update().filter(pair, dismissed_at__isnull=True)
    if not rows.exists():
        raise ApplicationError(_("这两件诉求没有待确认的疑似重复。"))
    now = clock.now()
    n = rows.update(dismissed_at=now, dismissed_by=actor)
    event_record(subject=demand, actor=actor, action="duplicate_dismissed",
                 note=note or f"与诉求 {other.number} 不是重复", extra={"other": other.pk}, at=now)
    return n


def recurrence_flag(*, demand: Demand, actor, cfg: TriageSettings) -> int | None:
    """Flag ``demand`` as a recurrence of a demand about the same place and matter that a unit
    closed within the window (a possible fake fix). Same grid (or village/community when there
    is no grid), then the place- and topic-aware score of ``engine.duplicates`` (another
    building or house number is another matter), raised when the citizen says it came back
    ("清了一次又这样", "又坏了", "反复"). Returns the earlier demand's id."""
    if demand.grid_id:
        place = {"grid_id": demand.grid_id}
    elif demand.division_id:
        place = {"division_id": demand.division_id}
    else:
        return None
    since = demand.received_at - timedelta(days=cfg.recurrence_window_days)
    # Only matters a handling unit closed: a fake fix is a unit's claim that did not hold.
    # (Matters solved on the spot by the grid recur by nature: a blocked drain, a quarrel.)
    qs = (Demand.objects.filter(status=DemandStatus.CLOSED, solved_on_spot=False,
                                closed_at__gte=since, closed_at__lte=demand.received_at, **place)
          .exclude(pk=demand.pk))
    candidates = candidate_reports(qs.order_by("-closed_at"), limit=MAX_RECURRENCE_CANDIDATES)
    if not candidates:
        return None
    from ..engine.duplicates import best_matches, recurrence_cue

    report = report_of(demand)
    bonus = RECURRENCE_CUE_BONUS if recurrence_cue(f"{demand.title}。{demand.text}") else 0.0
    hits = best_matches(report, candidates, threshold=max(0.0, cfg.recurrence_threshold - bonus),
                        top=1)
    if not hits:
        return None
    pk, m = hits[0]
    score = min(1.0, m.score + bonus)
    number = Demand.objects.filter(pk=pk).values_list("number", flat=True).first()
    # A plain update: the demand's own status machine is not involved.
    Demand.objects.filter(pk=demand.pk).update(recurrence_of_id=pk)
    demand.recurrence_of_id = pk
    why = "，".join(m.reasons) or "地点、事项相同"
    event_record(subject=demand, actor=actor, action="recurrence_flagged",
                 note=f"与已办结诉求 {number} 地点、事项相同（{why}；相似度{score:.0%}"
                      f"{'，群众称问题再次出现' if bonus else ''}），可能为重复发生",
                 extra={"of": pk, "score": score, "reasons": list(m.reasons), "cue": bool(bonus)},
                 at=demand.received_at)
    return pk
