"""红榜: the best-ranked units with a qualifying score and nothing overdue."""

from .definitions import RED_LIST_MIN_SCORE, RED_LIST_SIZE


def _in_red_list_ranks(row: dict) -> bool:
    """Ranked within the first ``RED_LIST_SIZE`` ranks with a qualifying score. Ranks are shared
    by equal scores (1, 1, 3), so every unit of a shared rank is in or out together: the cut-off
    never splits a tie."""
    return (row.get("rank") is not None and row["rank"] <= RED_LIST_SIZE
            and row["score"] >= RED_LIST_MIN_SCORE)


def red_list(rows: list[dict]) -> list[dict]:
    """The red list (红榜) among ranked unit rows, best first (the rows come sorted by rank):
    the units ranked within the first five ranks ("按名次取前5名", ties sharing a rank) with a
    score of at least 95 and nothing overdue. With ties it can name more than five units."""
    return [r for r in rows if _in_red_list_ranks(r) and r["overdue"] == 0]


def _mark_red_list(rows: list[dict]) -> None:
    """``row["red_list"]``: "in" on the red list; "overdue" when the score would qualify but an
    overdue item keeps the unit off it; None otherwise."""
    chosen = {id(r) for r in red_list(rows)}
    for r in rows:
        if id(r) in chosen:
            r["red_list"] = "in"
        elif _in_red_list_ranks(r) and r["overdue"]:
            r["red_list"] = "overdue"
        else:
            r["red_list"] = None
