"""The event code registry: one code means one thing, unknown codes are refused."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from grassroots.core import events
from grassroots.core.events import (
    UnknownEventCode,
    event_code_label,
    event_codes,
    event_record,
    register_event_codes,
    unregister_event_codes,
)
from grassroots.core.models import Event
from grassroots.core.timeline import action_display


def test_a_code_declared_by_another_app_is_refused():
    with pytest.raises(ImproperlyConfigured) as exc:
        register_event_codes("tests_other", {"dispatch": "派单"})
    assert str(exc.value) == "event code 'dispatch' of 'tests_other' is already declared by 'demands'"
    assert event_codes()["dispatch"][0] == "demands"


def test_an_app_may_declare_its_own_code_again_and_use_shared_verbs():
    register_event_codes("demands", {"dispatch": "派单"})
    try:
        register_event_codes("tests_other", {"close": "结束", "tests_own": "自有"})
        assert event_codes()["close"][0] == "core"
        assert event_codes()["tests_own"][0] == "tests_other"
    finally:
        unregister_event_codes("tests_other")
    assert "tests_own" not in event_codes()


def test_create_means_one_thing():
    assert event_codes()["create"][0] == "demands"
    assert event_code_label("meeting_created") == "登记会议"
    assert event_code_label("api_token_created") == "创建接口令牌"
    assert action_display("create") == "受理登记"
    assert action_display("meeting_item_created") == "登记会议事项"


@pytest.mark.django_db
def test_an_unknown_code_is_refused_and_nothing_is_written(county):
    with pytest.raises(UnknownEventCode) as exc:
        event_record(subject=county.grid_a, actor=county.admin, action="dispatchd")
    assert str(exc.value) == ("event code 'dispatchd' is not declared; add it to the app's "
                              "events.py (register_event_codes)")
    assert not Event.objects.exists()


@pytest.mark.django_db
def test_a_deployment_may_turn_the_refusal_off(county, settings):
    settings.EVENT_CODES_STRICT = False
    event_record(subject=county.grid_a, actor=county.admin, action="dispatchd")
    assert Event.objects.get().action == "dispatchd"


class _Editor:
    """What the migration uses of its schema editor (the real one cannot open inside a test's
    transaction on SQLite); on PostgreSQL the trigger is lifted and restored for real."""

    connection = connection

    def execute(self, sql):
        with connection.cursor() as cursor:
            cursor.execute(sql)


@pytest.mark.django_db
@pytest.mark.parametrize(("module", "model", "new"), [
    ("grassroots.supervision.migrations.0005_rename_create_events", "meeting", "meeting_created"),
    ("grassroots.supervision.migrations.0005_rename_create_events", "meetingitem",
     "meeting_item_created"),
    ("grassroots.integrations.migrations.0004_rename_create_events", "apitoken",
     "api_token_created"),
])
def test_the_data_migration_renames_only_that_models_create(module, model, new):
    app_label = module.split(".")[1]
    ct = ContentType.objects.get(app_label=app_label, model=model)
    demand_ct = ContentType.objects.get(app_label="demands", model="demand")
    # Rows as the old code wrote them (not through event_record, which refuses nothing here).
    mine = Event.objects.create(content_type=ct, object_id=1, action="create",
                                at="2026-01-05T08:00:00Z")
    demand = Event.objects.create(content_type=demand_ct, object_id=1, action="create",
                                  at="2026-01-05T08:00:00Z")
    migration = importlib.import_module(module)
    migration.forwards(django_apps, _Editor())
    mine.refresh_from_db()
    demand.refresh_from_db()
    assert (mine.action, demand.action) == (new, "create")
    migration.backwards(django_apps, _Editor())
    mine.refresh_from_db()
    assert mine.action == "create"


def test_registry_module_declares_shared_verbs_once():
    assert set(events.SHARED_EVENT_CODES) <= {c for c, (app, _l) in event_codes().items()
                                              if app == "core"}
