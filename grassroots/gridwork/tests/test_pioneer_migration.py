"""Migration 0004 moves a round's own publicity and objections onto grassroots.publicity."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

TZ = ZoneInfo("Asia/Shanghai")
BEFORE = [("gridwork", "0003_files_stored_file")]
LATEST = [("gridwork", "0005_pioneer_publicity_drop_old")]


@pytest.mark.django_db(transaction=True)
def test_rounds_publicity_and_objections_are_moved(county):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Round = old.get_model("gridwork", "PioneerRound")
    Nomination = old.get_model("gridwork", "Nomination")
    OldObjection = old.get_model("gridwork", "Objection")
    Event = old.get_model("core", "Event")
    ContentType = old.get_model("contenttypes", "ContentType")
    posted = datetime(2026, 7, 18, 9, 30, tzinfo=TZ)
    rnd = Round.objects.create(title="2026年上半年先锋选树", pioneer_quota=1, excellent_quota=0,
                               period_start=date(2026, 1, 1), period_end=date(2026, 6, 30),
                               status="published", publicity_ends_on=date(2026, 7, 25),
                               published_at=datetime(2026, 7, 26, 9, 0, tzinfo=TZ))
    round_ct = ContentType.objects.get_or_create(app_label="gridwork", model="pioneerround")[0]
    Event.objects.create(content_type=round_ct, object_id=rnd.pk, action="publicize", at=posted,
                         actor_id=county.admin.pk, from_state="reviewing", to_state="publicity")
    person = county.secretary.person
    chosen = Nomination.objects.create(round=rnd, person_id=person.pk, town_id=county.town_a.pk,
                                       level="pioneer", reason="走访认真", status="selected",
                                       rank=1)
    Nomination.objects.create(round=rnd, person_id=county.citizen.person.pk,
                              town_id=county.town_a.pk, level="pioneer", reason="走访认真",
                              status="not_selected", rank=2)
    OldObjection.objects.create(nomination=chosen, filed_by_id=county.citizen.pk,
                                text="走访记录有补录。", status="dismissed", resolution="不属实。",
                                handled_by_id=county.admin.pk,
                                filed_at=datetime(2026, 7, 20, 10, 0, tzinfo=TZ),
                                handled_at=datetime(2026, 7, 22, 10, 0, tzinfo=TZ))
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(LATEST)

    from grassroots.core.models import Event as NewEvent
    from grassroots.core.numbering import series_next
    from grassroots.gridwork.models import PioneerRound
    from grassroots.publicity.gate import publicity_gate
    from grassroots.publicity.models import Objection, Publicity

    moved = Publicity.objects.get()
    assert (moved.subject_id, moved.kind, moved.status, moved.start_on, moved.end_on) == (
        rnd.pk, "pioneer", "resolved", date(2026, 7, 18), date(2026, 7, 25))
    assert moved.published_fields == [
        {"key": f"n{chosen.pk}", "label": "民情书记“先锋”", "value": f"{person.name}（金乡街道）"}]
    objection = Objection.objects.get()
    assert (objection.publicity, objection.entry_key, objection.status, objection.content,
            objection.finding, objection.submitted_by_id, objection.handled_by_id) == (
        moved, f"n{chosen.pk}", "not_upheld", "走访记录有补录。", "不属实。", county.citizen.pk,
        county.admin.pk)
    def migrated(obj):
        return list(NewEvent.objects.filter(content_type__model=obj._meta.model_name,
                                            object_id=obj.pk, extra__migrated=True)
                    .values_list("action", flat=True))

    assert migrated(objection) == ["objection_received", "objection_dismiss"]
    assert migrated(moved) == ["publicity_created", "publicity_publish"]
    # The round's own history is kept, and the gate answers for it from the moved rows.
    assert NewEvent.objects.filter(action="publicize", object_id=rnd.pk).exists()
    assert publicity_gate(PioneerRound.objects.get(pk=rnd.pk)).ok
    assert series_next("publicity.objection", "2026") == objection.seq + 1
