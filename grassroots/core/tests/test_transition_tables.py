"""Generated over every registered transition table: every row applies (state saved by one
UPDATE of the named fields, one event with from/to state), every other (state, action, who) is
refused with the table's message and writes nothing. A new case type's table is picked up
here with no edit."""

import itertools

import pytest
from django.core.checks import Error

from grassroots.core.checks import transition_codes_declared
from grassroots.core.errors import TransitionNotAllowed
from grassroots.core.events import event_codes
from grassroots.core.models import Event
from grassroots.core.transitions import (
    _TABLES,
    Transition,
    TransitionTable,
    available_actions,
    registered_tables,
    transition_apply,
)

TABLES = registered_tables()
CASES = [(name, state, action, who)
         for name, table in sorted(TABLES.items())
         for state, action, who in itertools.product(table.states, table.action_codes,
                                                     table.whos)]


def test_every_case_type_has_a_table():
    assert {"demands.assignment", "demands.demand", "supervision.notice",
            "supervision.bulletin", "gridwork.pioneer_round"} <= set(TABLES)


def _case(table, state):
    """An unsaved case in ``state`` whose ``save`` is recorded instead of run: the engine is
    what is tested here; each app's own tests run it on real rows."""
    case = table.model(pk=10**9, **{table.state_field: state})
    case.saved = []
    case.save = lambda update_fields: case.saved.append(list(update_fields))
    return case


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "state", "action", "who"), CASES,
                         ids=["-".join(c) for c in CASES])
def test_every_row_applies_and_every_non_row_is_refused(name, state, action, who):
    table = TABLES[name]
    case = _case(table, state)
    row = table.find(state, action, who)
    if row is None:
        with pytest.raises(TransitionNotAllowed) as exc:
            transition_apply(table, case, action=action, who=who, actor=None)
        assert exc.value.message == table.refusal_message(state, action)
        assert table.state_label(state) in exc.value.message
        assert table.action_label(action) in exc.value.message
        assert exc.value.extra == {"state": state, "action": action}
        assert case.saved == []
        assert getattr(case, table.state_field) == state
        assert not Event.objects.exists()
    else:
        previous = transition_apply(table, case, action=action, who=who, actor=None,
                                    fields={"pk": case.pk}, note="n")
        assert previous == state
        assert getattr(case, table.state_field) == row.to
        assert case.saved == [[table.state_field, "pk"]]
        event = Event.objects.get()
        assert (event.action, event.from_state, event.to_state, event.object_id, event.note) \
            == (action, state, row.to, case.pk, "n")


@pytest.mark.parametrize("name", sorted(TABLES))
def test_every_table_action_is_a_declared_event_code(name):
    assert set(TABLES[name].action_codes) <= set(event_codes())


def test_refusal_names_state_and_action_in_chinese():
    table = TABLES["demands.assignment"]
    assert table.refusal_message("replied", "acknowledge") == (
        "工单当前状态为“已答复”，不能执行“签收”。如页面未刷新，请刷新后重试。")
    assert TABLES["gridwork.pioneer_round"].refusal_message("published", "cancel") == (
        "本轮选树当前为“已公布”，不能执行“取消本轮选树”。")


def test_available_actions_reads_the_table_for_the_parts_played():
    table = TransitionTable([Transition("a", "go", "unit", "b"), Transition("a", "stop", "office", "c"),
                             Transition("a", "peek", "unit", "a"), Transition("b", "go", "unit", "c")],
                            hidden=["peek"])
    assert available_actions(table, "a", ["unit"]) == ["go"]
    assert available_actions(table, "a", ["unit", "office"]) == ["go", "stop"]
    assert available_actions(table, "a", []) == []
    assert available_actions(table, "c", ["unit", "office"]) == []


def test_start_up_check_refuses_an_undeclared_table_action():
    table = TransitionTable([Transition("a", "no_such_code", "unit", "b")], name="tests.undeclared")
    try:
        errors = transition_codes_declared()
    finally:
        del _TABLES["tests.undeclared"]
    assert errors == [Error(
        "transition table 'tests.undeclared' uses the event code 'no_such_code', which no app "
        "declares", hint="Add it to the app's events.py (register_event_codes).",
        id="grassroots.E001")]
    assert table.name == "tests.undeclared"
    assert transition_codes_declared() == []


def test_two_tables_may_not_share_a_name():
    TransitionTable([], name="tests.twice")
    try:
        with pytest.raises(ValueError) as exc:
            TransitionTable([], name="tests.twice")
        assert str(exc.value) == "two transition tables are named 'tests.twice'"
    finally:
        del _TABLES["tests.twice"]
