"""The shape of a result: counts, the three rates, the composite score (in Python and in SQL,
the same formula) and the change against the previous period."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Case, F, FloatField, Value, When
from django.db.models.functions import Cast, NullIf
from django.utils import timezone

from grassroots.demands.models import Outcome, Satisfaction

from .definitions import DEFINITIONS, SCORE_WEIGHTS
from .periods import Period


@dataclass
class Stats:
    period: Period
    group_by: str
    as_of: datetime
    rows: list[dict]
    totals: dict
    previous_period: Period | None = None
    previous_totals: dict | None = None
    definitions: dict = field(default_factory=lambda: DEFINITIONS)

    def as_dict(self) -> dict:
        return {
            "period": self.period.key, "period_label": self.period.label,
            "date_from": self.period.start.isoformat(), "date_to": self.period.end.isoformat(),
            "group_by": self.group_by, "as_of": timezone.localtime(self.as_of).isoformat(),
            "rows": self.rows, "totals": self.totals,
            "previous_period": self.previous_period.key if self.previous_period else None,
            "previous_totals": self.previous_totals,
        }


COUNT_FIELDS = ("received", "dispatched", "response_den", "ack_on_time", "replied", "replied_on_time", "overdue",
                "overdue_open", "returned", "extended", "reopened", "resolved", "resolution_den",
                "rated", "satisfied_num", "first_rated", "first_satisfied_num", "on_spot")
OUTCOMES = tuple(Outcome.values)
SATISFACTIONS = tuple(Satisfaction.values)


def _rate(num: int, den: int) -> dict:
    return {"num": num, "den": den, "value": round(num * 100.0 / den, 1) if den else None}


def _score(rates: dict) -> float | None:
    if rates["response"]["den"] == 0:
        return None
    total = weight = 0.0
    for name, w in SCORE_WEIGHTS.items():
        r = rates[name]
        if r["den"]:
            total += w * r["num"] / r["den"]
            weight += w
    return round(total / weight * 100.0, 2)


def _finish(row: dict) -> dict:
    row["rates"] = {
        "response": _rate(row["ack_on_time"], row["response_den"]),
        "resolution": _rate(row["resolved"], row["resolution_den"]),
        # 满意率 of the three rates (ranked, in the score): the first round's verdicts.
        "satisfaction": _rate(row["first_satisfied_num"], row["first_rated"]),
        "satisfaction_final": _rate(row["satisfied_num"], row["rated"]),
    }
    row["score"] = _score(row["rates"])
    return row


def _shape(raw: dict) -> dict:
    row = {name: raw.get(name, 0) or 0 for name in COUNT_FIELDS}
    row["outcomes"] = {o: raw.get(f"outcome_{o}", 0) or 0 for o in OUTCOMES}
    row["satisfaction"] = {s: raw.get(f"sat_{s}", 0) or 0 for s in SATISFACTIONS}
    return _finish(row)


def _change(cur: dict, prev: dict | None) -> dict | None:
    if prev is None:
        return None
    change = {name: cur[name] - prev[name]
              for name in ("received", "on_spot", "dispatched", "overdue")}
    for name in ("response", "resolution", "satisfaction", "satisfaction_final"):
        a, b = cur["rates"][name]["value"], prev["rates"][name]["value"]
        change[name] = round(a - b, 1) if a is not None and b is not None else None
    if "rank" in cur and "rank" in prev and cur.get("rank") and prev.get("rank"):
        change["rank"] = prev["rank"] - cur["rank"]  # positive: moved up
    return change


def _ratio(num: str, den: str):
    return Cast(F(num), FloatField()) / Cast(NullIf(F(den), 0), FloatField())


def _score_expression():
    """The composite score in SQL, so the database can rank it (same formula as ``_score``)."""
    resp, res, sat = (_ratio("ack_on_time", "response_den"), _ratio("resolved", "resolution_den"),
                      _ratio("first_satisfied_num", "first_rated"))

    def weighted(expr, den, w):
        return Case(When(**{f"{den}__gt": 0}, then=expr * Value(w)), default=Value(0.0),
                    output_field=FloatField())

    def weight(den, w):
        return Case(When(**{f"{den}__gt": 0}, then=Value(w)), default=Value(0.0),
                    output_field=FloatField())

    w = SCORE_WEIGHTS
    total = (weighted(resp, "response_den", w["response"])
             + weighted(res, "resolution_den", w["resolution"])
             + weighted(sat, "first_rated", w["satisfaction"]))
    weights = (weight("response_den", w["response"]) + weight("resolution_den", w["resolution"])
               + weight("first_rated", w["satisfaction"]))
    # Ranked once the unit has a response sample (no assignment due yet: nothing to rank on).
    return Case(When(response_den__gt=0, then=total / weights), default=Value(None),
                output_field=FloatField())
