import pytest

from grassroots.core.transitions import Transition, TransitionTable


def test_table_lookup_and_actions():
    table = TransitionTable([Transition("a", "go", "unit", "b"), Transition("a", "stop", "unit", "c"),
                             Transition("b", "go", "office", "c")])
    assert table.find("a", "go", "unit").to == "b"
    assert table.find("a", "go", "office") is None
    assert table.actions("a", "unit") == ["go", "stop"]


def test_table_refuses_two_rows_for_one_key():
    with pytest.raises(ValueError) as exc:
        TransitionTable([Transition("a", "go", "unit", "b"), Transition("a", "go", "unit", "c")])
    assert str(exc.value) == "a transition table has two rows for the same state, action and who"
