"""The shape every case's transition table shares: rows of (state, action, who) → new state,
looked up by services, listed for pages, and enumerated by the generated tests."""

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Transition:
    state: str
    action: str
    who: str
    to: str


class TransitionTable:
    def __init__(self, rows: Iterable[Transition]):
        self.rows: tuple[Transition, ...] = tuple(rows)
        self._index = {(t.state, t.action, t.who): t for t in self.rows}
        if len(self._index) != len(self.rows):
            raise ValueError("a transition table has two rows for the same state, action and who")

    def __iter__(self):
        return iter(self.rows)

    def find(self, state: str, action: str, who: str) -> Transition | None:
        return self._index.get((state, action, who))

    def actions(self, state: str, who: str) -> list[str]:
        return [t.action for t in self.rows if t.state == state and t.who == who]
