"""At intake: near-duplicate open demands (offered for merging) and recurrences (假性整改)."""

from __future__ import annotations

from datetime import timedelta

from grassroots.core.events import event_record
from grassroots.demands.models import OPEN_STATUSES, Demand, DemandStatus

from ..models import DuplicateCandidate, TriageSettings

# The most recent open demands of the town in the window: several citizens reporting one
# matter do so within hours, and a town has far fewer open demands than this.
MAX_CANDIDATES = 500
MAX_RECURRENCE_CANDIDATES = 300
MAX_DUPLICATES = 5
ADDRESS_THRESHOLD = 0.5


def _doc(title: str, text: str) -> str:
    return f"{title}。{text}"


def duplicates_find(*, demand: Demand, cfg: TriageSettings) -> list[DuplicateCandidate]:
    """Store the open demands of the same town (or grid) within the window that read like the
    same matter. Runs inside the intake transaction (a few milliseconds)."""
    since = demand.received_at - timedelta(days=cfg.duplicate_window_days)
    qs = Demand.objects.filter(status__in=OPEN_STATUSES, merged_into__isnull=True,
                               received_at__gte=since, received_at__lte=demand.received_at)
    if demand.town_id:
        qs = qs.filter(town_id=demand.town_id)
    elif demand.grid_id:
        qs = qs.filter(grid_id=demand.grid_id)
    else:
        qs = qs.filter(town__isnull=True, grid__isnull=True)
    candidates = list(qs.exclude(pk=demand.pk).order_by("-received_at")
                      .values_list("pk", "title", "text")[:MAX_CANDIDATES])
    if not candidates:
        return []
    from ..engine.similarity import NearDuplicateIndex

    index = NearDuplicateIndex()
    index.add_many((pk, _doc(t, x)) for pk, t, x in candidates)
    hits = index.query(_doc(demand.title, demand.text), threshold=cfg.duplicate_threshold,
                       top=MAX_DUPLICATES)
    rows = [DuplicateCandidate(demand=demand, candidate_id=pk, score=score,
                               created_at=demand.received_at) for pk, score in hits]
    DuplicateCandidate.objects.bulk_create(rows, ignore_conflicts=True)
    return rows


def recurrence_flag(*, demand: Demand, actor, cfg: TriageSettings) -> int | None:
    """Flag ``demand`` as a recurrence of a demand about the same place and matter that a unit
    closed within the window (a possible fake fix). Same grid (or village/community when there
    is no grid), similar text, and — when both have one — a similar address. Returns the
    earlier demand's id."""
    if demand.grid_id:
        place = {"grid_id": demand.grid_id}
    elif demand.division_id:
        place = {"division_id": demand.division_id}
    else:
        return None
    since = demand.received_at - timedelta(days=cfg.recurrence_window_days)
    # Only matters a handling unit closed: a fake fix is a unit's claim that did not hold.
    # (Matters solved on the spot by the grid recur by nature: a blocked drain, a quarrel.)
    candidates = list(
        Demand.objects.filter(status=DemandStatus.CLOSED, solved_on_spot=False,
                              closed_at__gte=since, closed_at__lte=demand.received_at, **place)
        .exclude(pk=demand.pk).order_by("-closed_at")
        .values_list("pk", "title", "text", "address", "number")[:MAX_RECURRENCE_CANDIDATES])
    if not candidates:
        return None
    from ..engine.similarity import NearDuplicateIndex, similarity

    place_and_number = {pk: (a, n) for pk, _t, _x, a, n in candidates}
    index = NearDuplicateIndex()
    index.add_many((pk, _doc(t, x)) for pk, t, x, _a, _n in candidates)
    hits = index.query(_doc(demand.title, demand.text), threshold=cfg.recurrence_threshold,
                       top=10)
    for pk, score in hits:
        other_address, number = place_and_number[pk]
        if demand.address and other_address and \
                similarity(demand.address, other_address) < ADDRESS_THRESHOLD:
            continue
        # A plain update: the demand's own status machine is not involved.
        Demand.objects.filter(pk=demand.pk).update(recurrence_of_id=pk)
        demand.recurrence_of_id = pk
        event_record(subject=demand, actor=actor, action="recurrence_flagged",
                     note=f"与已办结诉求 {number} 地点、事项相同（相似度{score:.0%}），"
                          f"可能为重复发生",
                     extra={"of": pk, "score": score}, at=demand.received_at)
        return pk
    return None
