"""One filter definition per list, shared by the pages, the exports and the API."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.core.parsing import BadValue, day_end, day_start, parse_date, parse_id

from .models import OPEN_STATUSES, Assignment, Demand, DemandStatus
from .selectors import dispatched_demands_q, late_assignments_q, overdue_demands_q


@dataclass
class DemandFilter:
    status: str = ""
    category: int | None = None
    unit: int | None = None
    division: int | None = None  # a town or a village
    grid: int | None = None
    channel: str = ""
    date_from: date | None = None
    date_to: date | None = None
    overdue: bool = False  # an assignment open past its deadline now
    late: bool = False  # an assignment that was late (acknowledged/replied late, or overdue now)
    dispatched: bool = False  # given to a handling unit (selectors.dispatched_demands_q)
    on_spot: bool | None = None
    q: str = ""

    FIELDS = ("status", "category", "unit", "division", "grid", "channel", "date_from", "date_to",
              "overdue", "late", "dispatched", "on_spot", "q")

    @classmethod
    def from_params(cls, params) -> tuple["DemandFilter", dict[str, str]]:
        """Parse query parameters; returns the filter and field errors (in Chinese)."""
        errors: dict[str, str] = {}
        f = cls()
        status = (params.get("status") or "").strip()
        if status and status not in DemandStatus.values and status != "open":
            errors["status"] = _("未知的状态。")
        else:
            f.status = status
        for name in ("category", "unit", "division", "grid"):
            try:
                setattr(f, name, parse_id(params.get(name)))
            except BadValue as exc:
                errors[name] = exc.message
        f.channel = (params.get("channel") or "").replace("\x00", "").strip()[:20]
        for name in ("date_from", "date_to"):
            try:
                setattr(f, name, parse_date(params.get(name)))
            except BadValue as exc:
                errors[name] = exc.message
        if f.date_from and f.date_to and f.date_from > f.date_to:
            errors["date_to"] = _("结束日期不能早于开始日期。")
        for name in ("overdue", "late", "dispatched"):
            raw = (params.get(name) or "").strip().lower()
            if raw in ("1", "true", "on", "yes"):
                setattr(f, name, True)
            elif raw and raw not in ("0", "false", "off", "no"):
                # a value the filter cannot read is an error, not a silently unfiltered list
                errors[name] = _("应为 1（是）或 0（否）。")
        on_spot = (params.get("on_spot") or "").strip()
        if on_spot in ("1", "true", "yes"):
            f.on_spot = True
        elif on_spot in ("0", "false", "no"):
            f.on_spot = False
        elif on_spot:
            errors["on_spot"] = _("应为 1（现场解决）或 0（转办）。")
        f.q = (params.get("q") or "").replace("\x00", "").strip()[:50]
        return f, errors

    def apply(self, qs: QuerySet[Demand]) -> QuerySet[Demand]:
        if self.status == "open":
            qs = qs.filter(status__in=OPEN_STATUSES)
        elif self.status:
            qs = qs.filter(status=self.status)
        if self.category:
            qs = qs.filter(Q(category_id=self.category) | Q(category__parent_id=self.category)
                           | Q(category__parent__parent_id=self.category))
        if self.unit:
            qs = qs.filter(assignments__unit_id=self.unit).distinct()
        if self.division:
            qs = qs.filter(Q(division_id=self.division) | Q(town_id=self.division))
        if self.grid:
            qs = qs.filter(grid_id=self.grid)
        if self.channel:
            qs = qs.filter(channel=self.channel)
        if self.date_from:
            qs = qs.filter(received_at__gte=day_start(self.date_from))
        if self.date_to:
            qs = qs.filter(received_at__lte=day_end(self.date_to))
        if self.overdue:
            qs = qs.filter(overdue_demands_q(timezone.now(), self.unit))
        if self.late:
            late = Assignment.objects.filter(late_assignments_q(timezone.now()))
            if self.unit:
                late = late.filter(unit_id=self.unit)
            qs = qs.filter(pk__in=late.values("demand_id"))
        if self.dispatched:
            qs = qs.filter(dispatched_demands_q())
        if self.on_spot is not None:
            qs = qs.filter(solved_on_spot=self.on_spot)
        if self.q:
            qs = qs.filter(Q(number__icontains=self.q) | Q(title__icontains=self.q))
        return qs

    def as_query(self) -> str:
        from urllib.parse import urlencode

        data = {}
        for name in self.FIELDS:
            value = getattr(self, name)
            if name == "on_spot" and value is not None:
                data[name] = "1" if value else "0"
            elif value not in (None, "", False):
                data[name] = "1" if value is True else str(value)
        return urlencode(data)
