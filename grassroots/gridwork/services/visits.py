"""走访: a secretary records a visit and the demands collected on it, in one transaction."""

from __future__ import annotations

from datetime import date as date_type
from datetime import datetime, time, timedelta

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.core import clock
from grassroots.core.errors import ApplicationError, FieldErrors, NotInScope, errors_by_field
from grassroots.core.events import event_record
from grassroots.core.policy import require
from grassroots.demands.models import Channel, Demand
from grassroots.demands.services import demand_record_from_visit
from grassroots.people.models import Person, ServiceTeamMember
from grassroots.places.models import Grid

from .. import months
from ..models import ORIGIN_VISIT, MonthlyTheme, Visit, VisitForm, VisitPhoto
from .common import clean_text

MAX_DEMANDS = 20
MAX_BACKDATE_DAYS = 62
# The fields of a demand row the visit form may pass on to the intake.
DEMAND_FIELDS = {"type", "title", "text", "grade", "category", "address", "citizen_name",
                 "citizen_phone", "is_anonymous", "solved_on_spot", "on_spot_note"}


def _check_secretary(person: Person | None, grid: Grid) -> Person:
    if person is None:
        raise ApplicationError(_("登记走访的账号没有关联民情书记，请选择走访的民情书记。"),
                               field="secretary")
    seated = ServiceTeamMember.objects.filter(person=person, team__grid=grid,
                                              ended_at__isnull=True).exists()
    if not seated:
        raise ApplicationError(_("%(name)s不是“%(grid)s”服务队的在岗民情书记。")
                               % {"name": person.name, "grid": grid.name}, field="secretary")
    return person


def _received_at(day: date_type):
    now = clock.now()
    if day == timezone.localdate(now):
        return now
    # A visit entered afterwards: its demands are received on the visit day (during office hours).
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def visit_record(
    *, actor, grid: Grid, date: date_type, form: str, people_met: int, notes: str = "",
    households_met: int = 0, photos=(), demands=(), secretary: Person | None = None,
    theme: MonthlyTheme | None = None, recorded_at: datetime | None = None,
) -> Visit:
    """Record a visit and create each demand through the intake; all or nothing.

    ``recorded_at``: when the phone recorded it (an offline outbox submits later); its demands
    are received at that time and the visit's event keeps it beside the server time."""
    scope = require(actor, "gridwork.record_for_grid", grid, message=_("只能为自己负责的网格登记走访。"))
    if secretary is None and scope.person_id:
        secretary = Person.objects.filter(pk=scope.person_id).first()
    secretary = _check_secretary(secretary, grid)
    demands = list(demands or [])  # read once: the checks and the writes both walk the rows
    try:
        _check_visit_fields(form=form, date=date, people_met=people_met,
                            households_met=households_met, demands=demands)
    except ApplicationError as exc:
        # One answer with every mistake: the demand rows' too (a secretary on a weak signal
        # should not need a round trip per mistake).
        row_errors = _demand_rows_errors(demands, grid)
        if not row_errors:
            raise
        raise FieldErrors(field_errors={**errors_by_field(exc), **row_errors}) from exc
    notes = clean_text(notes, limit=2000)
    checked = VisitPhoto.accept(photos, field="photos")  # checked before anything is written
    month = months.month_of(date)
    if theme is None:
        theme = MonthlyTheme.objects.filter(month=month).first()
    received_at = recorded_at or _received_at(date)

    with transaction.atomic():
        return _visit_write(actor=actor, grid=grid, secretary=secretary, date=date, form=form,
                            people_met=people_met, households_met=households_met, theme=theme,
                            notes=notes, demands=demands, checked=checked,
                            received_at=received_at, recorded_at=recorded_at)


def _row_error_key(i: int, field: str) -> str:
    return f"demand-{i}-{field or ''}"


def _row_message(i: int, message: str) -> str:
    return _("第%(n)s条诉求：%(error)s") % {"n": i, "error": message}


def _demand_rows_errors(demands, grid: Grid) -> dict[str, list[str]]:
    """The intake's field rules for each demand row, nothing written (see ``demand_check``)."""
    from grassroots.demands.services import demand_check

    errors: dict[str, list[str]] = {}
    for i, row in enumerate(demands, start=1):
        row = dict(row)
        try:
            demand_check(channel=Channel.VISIT, grid=grid, type=row.get("type", ""),
                         title=row.get("title", ""), text=row.get("text", ""),
                         is_anonymous=bool(row.get("is_anonymous")),
                         solved_on_spot=bool(row.get("solved_on_spot")),
                         on_spot_note=row.get("on_spot_note", ""),
                         citizen_phone=row.get("citizen_phone", ""))
        except ApplicationError as exc:
            for field, messages in errors_by_field(exc).items():
                errors[_row_error_key(i, field)] = [_row_message(i, m) for m in messages]
    return errors


def _check_visit_fields(*, form, date, people_met, households_met, demands) -> None:
    if form not in VisitForm.values:
        raise ApplicationError(_("请选择走访形式（入户走访、田间地头、街头巷尾或座谈会）。"), field="form")
    today = months.today()
    if date is None:
        raise ApplicationError(_("请填写走访日期。"), field="date")
    if date > today:
        raise ApplicationError(_("走访日期不能晚于今天。"), field="date")
    if date < today - timedelta(days=MAX_BACKDATE_DAYS):
        raise ApplicationError(_("只能补录%(n)s天以内的走访。") % {"n": MAX_BACKDATE_DAYS},
                               field="date")
    for value, field, label in ((people_met, "people_met", _("接触群众人数")),
                                (households_met, "households_met", _("走访户数"))):
        if not isinstance(value, int) or value < 0 or value > 100000:
            raise ApplicationError(_("%(label)s应为0到100000之间的整数。") % {"label": label},
                                   field=field)
    if people_met == 0 and households_met == 0:
        raise ApplicationError(_("请填写走访户数或接触群众人数。"), field="people_met")
    if len(demands) > MAX_DEMANDS:
        raise ApplicationError(_("一次走访最多登记%(n)s条诉求。") % {"n": MAX_DEMANDS},
                               field="demands")


def _visit_write(*, actor, grid, secretary, date, form, people_met, households_met, theme,
                 notes, demands, checked, received_at, recorded_at=None) -> Visit:
    """Inside the caller's transaction: the visit, its demands through the intake, its photos."""
    visit = Visit.objects.create(
        grid=grid, secretary=secretary, date=date, form=form, people_met=people_met,
        households_met=households_met, theme=theme, notes=notes,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    created = []
    # Every refused field of every demand row is reported at once (the transaction keeps
    # nothing of a visit with a refused row).
    row_errors: dict[str, list[str]] = {}
    for i, row in enumerate(demands, start=1):
        fields = {k: v for k, v in dict(row).items() if k in DEMAND_FIELDS}
        try:
            created.append(demand_record_from_visit(
                actor=actor, grid=grid, received_at=received_at,
                origin=(ORIGIN_VISIT, visit.pk), **fields))
        except NotInScope:
            raise
        except ApplicationError as exc:
            for field, messages in errors_by_field(exc).items():
                row_errors[_row_error_key(i, field)] = [_row_message(i, m) for m in messages]
    if row_errors:
        raise FieldErrors(field_errors=row_errors)
    if created:
        visit.demands.add(*created)
    # Files last: a refused demand above leaves no stray photo behind.
    for upload in checked:
        VisitPhoto.store(upload, uploaded_by=actor, visit=visit)
    on_spot = sum(1 for d in created if d.solved_on_spot)
    note = f"{grid.name} {date.isoformat()}"
    extra = {"demands": len(created), "solved_on_spot": on_spot, "photos": len(checked)}
    if recorded_at is not None:
        # the phone's time beside the server's (the event's own time)
        local = timezone.localtime(recorded_at)
        note += _("（本机记录于%(at)s）") % {"at": f"{local:%Y-%m-%d %H:%M}"}
        extra["recorded_at"] = local.isoformat()
    event_record(subject=visit, actor=actor, action="visit_recorded", note=note, extra=extra)
    return visit


def visits_record_history(*, actor, rows) -> int:
    """Bulk path for the demo and data migration: visits without new demands.

    Each row is a dict with grid_id, secretary_id, date, form, households_met, people_met,
    theme_id, notes and optional demand_ids (existing visit-channel demands to link).
    Only a county manager may use it; rows are checked before anything is written.
    """

    require(actor, "gridwork.manage", message=_("只有平台管理员或组织部可以批量导入走访记录。"))
    rows = list(rows)
    for i, r in enumerate(rows, start=1):
        if r["form"] not in VisitForm.values:
            raise ApplicationError(_("第%(line)s行：走访形式无效。") % {"line": i})
        if r.get("people_met", 0) < 0 or r.get("households_met", 0) < 0:
            raise ApplicationError(_("第%(line)s行：人数不能为负数。") % {"line": i})
    with transaction.atomic():
        objs = [Visit(grid_id=r["grid_id"], secretary_id=r["secretary_id"], date=r["date"],
                      form=r["form"], households_met=r.get("households_met", 0),
                      people_met=r.get("people_met", 0), theme_id=r.get("theme_id"),
                      notes=r.get("notes", ""), created_by=actor) for r in rows]
        Visit.objects.bulk_create(objs, batch_size=500)
        through = Visit.demands.through
        links = [through(visit_id=v.pk, demand_id=d)
                 for v, r in zip(objs, rows, strict=True) for d in r.get("demand_ids", ())]
        through.objects.bulk_create(links, batch_size=1000, ignore_conflicts=True)
        # The linked visit-channel demands were raised at the visit: their typed origin (a
        # demand that already names one keeps it).
        linked = sorted({link.demand_id for link in links})
        visit_pks = [v.pk for v in objs]
        for i in range(0, len(linked), 1000):
            first_visit = (through.objects.filter(demand_id=OuterRef("pk"),
                                                  visit_id__in=visit_pks)
                           .order_by("visit_id").values("visit_id")[:1])
            Demand.objects.filter(pk__in=linked[i:i + 1000], channel=Channel.VISIT,
                                  origin_type="").update(origin_type=ORIGIN_VISIT,
                                                         origin_id=Subquery(first_visit))
        if objs:
            event_record(subject=objs[0], actor=actor, action="visits_imported",
                         extra={"visits": len(objs), "demand_links": len(links)})
    return len(objs)
