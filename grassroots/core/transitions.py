"""The one transition engine every case type uses.

A case type declares a ``TransitionTable``: rows of (state, action, who) → new state, the model
and its state field, the labels of its states and actions, the refusal message, and who the
user is towards one case (``who_of``). Services apply a row with ``transition_apply()``; pages
ask ``actions_for()`` (or ``available_actions()``) what to offer; the generated tests in
``core/tests/test_transition_tables.py`` walk every registered table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .errors import TransitionNotAllowed
from .events import event_record


@dataclass(frozen=True)
class Transition:
    state: str
    action: str
    who: str
    to: str


# Every table given a ``name``, for the start-up check and the generated tests.
_TABLES: dict[str, TransitionTable] = {}


def _labels(source) -> dict[str, str]:
    if source is None:
        return {}
    return dict(source.choices) if hasattr(source, "choices") else dict(source)


class TransitionTable:
    """``refusal``: a lazy message with ``%(state)s`` and ``%(action)s``, shown when the row is
    missing. ``who_of(user, case) -> list[str]``: the parts the user plays towards this case
    (the role check the services make, answered without raising), for the pages."""

    def __init__(self, rows: Iterable[Transition], *, name: str = "", model=None,
                 state_field: str = "status", states=None, actions=None, refusal=None,
                 who_of: Callable[[object, object], Iterable[str]] | None = None,
                 hidden: Iterable[str] = ()):
        self.rows: tuple[Transition, ...] = tuple(rows)
        self._index = {(t.state, t.action, t.who): t for t in self.rows}
        if len(self._index) != len(self.rows):
            raise ValueError("a transition table has two rows for the same state, action and who")
        self.name = name
        self.model = model
        self.state_field = state_field
        self.state_labels = _labels(states)
        self.action_labels = _labels(actions)
        self.refusal = refusal
        self.who_of = who_of
        # Actions applied by the system or another page (not offered as a button on the case).
        self.hidden = frozenset(hidden)
        if name:
            if name in _TABLES and _TABLES[name] is not self:
                raise ValueError(f"two transition tables are named {name!r}")
            _TABLES[name] = self

    def __iter__(self):
        return iter(self.rows)

    def __repr__(self):
        return f"<TransitionTable {self.name or '?'}: {len(self.rows)} rows>"

    def find(self, state: str, action: str, who: str) -> Transition | None:
        return self._index.get((state, action, who))

    def actions(self, state: str, who: str) -> list[str]:
        return [t.action for t in self.rows if t.state == state and t.who == who]

    @property
    def states(self) -> list[str]:
        seen = dict.fromkeys([t.state for t in self.rows] + [t.to for t in self.rows])
        return list(seen)

    @property
    def action_codes(self) -> list[str]:
        return list(dict.fromkeys(t.action for t in self.rows))

    @property
    def whos(self) -> list[str]:
        return list(dict.fromkeys(t.who for t in self.rows))

    def state_label(self, state: str) -> str:
        return str(self.state_labels.get(state, state))

    def action_label(self, action: str) -> str:
        return str(self.action_labels.get(action, action))

    def refusal_message(self, state: str, action: str) -> str:
        template = self.refusal or _("当前状态为“%(state)s”，不能执行“%(action)s”。")
        return str(template) % {"state": self.state_label(state),
                                "action": self.action_label(action)}


def registered_tables() -> dict[str, TransitionTable]:
    return dict(_TABLES)


def available_actions(table: TransitionTable, state: str, who: Iterable[str]) -> list[str]:
    """The actions the table allows from ``state`` to any of ``who``, in table order, once
    each, without the hidden ones."""
    who = set(who)
    return list(dict.fromkeys(t.action for t in table.rows
                              if t.state == state and t.who in who
                              and t.action not in table.hidden))


def actions_for(table: TransitionTable, user, case) -> list[str]:
    """What a page offers ``user`` on ``case``: the table's actions for the parts the user
    plays (``table.who_of``, the services' role check)."""
    who = table.who_of(user, case) if table.who_of else ()
    return available_actions(table, getattr(case, table.state_field), who)


def transition_check(table: TransitionTable, state: str, action: str, who: str) -> Transition:
    """The row for (state, action, who), or ``TransitionNotAllowed`` naming the state and the
    action — for a service that must refuse before it prepares the change (e.g. takes a
    number)."""
    row = table.find(state, action, who)
    if row is None:
        raise TransitionNotAllowed(table.refusal_message(state, action),
                                   extra={"state": state, "action": action})
    return row


def transition_apply(table: TransitionTable, case, *, action: str, who: str, actor,
                     fields: Mapping | None = None, note: str = "", extra: dict | None = None,
                     model=None) -> str:
    """Apply one row of ``table`` to ``case``; returns the previous state.

    ``case`` is a model instance the caller has locked already (services lock before they
    read what they decide on, often with related rows in the same statement), or a pk: then
    the row of ``model`` (default ``table.model``) is locked here with ``select_for_update``.
    A missing row is refused with ``TransitionNotAllowed`` naming the state and the action;
    nothing is written then. Otherwise the new state and ``fields`` are saved by one UPDATE
    and the event (from/to state) is appended. Call it inside the service's transaction."""
    if not hasattr(case, "_meta"):
        case = (model or table.model).objects.select_for_update().get(pk=case)
    state = getattr(case, table.state_field)
    row = transition_check(table, state, action, who)
    setattr(case, table.state_field, row.to)
    changed = [table.state_field]
    for name, value in (fields or {}).items():
        setattr(case, name, value)
        changed.append(name)
    case.save(update_fields=changed)
    event_record(subject=case, actor=actor, action=action, from_state=state, to_state=row.to,
                 note=note, extra=extra)
    return state
