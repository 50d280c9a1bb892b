"""Events as the rows of ``components/timeline.html`` (a case's 记录 / 办理记录 list).

Every page that shows a timeline goes through here: the action code becomes its label from the
subject's own table, the from/to states their labels from the subject's choices, and the actor
the person's name. An event without an actor (a periodic job) shows as 系统 in the template;
one marked ``extra["anonymous"]`` (an anonymous citizen's submission, whose account is kept out
of the event rows) as 匿名群众.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy

from .events import event_code_label, events_for

Labels = Mapping[str, str] | type


def label_map(*sources: Labels) -> dict[str, str]:
    """One code → label dict from TextChoices classes and dicts; later sources win."""
    out: dict[str, str] = {}
    for source in sources:
        out.update(dict(source.choices) if hasattr(source, "choices") else source)
    return out


# Every app's action labels, for lists of events of any subject (the admin's event log).
_REGISTERED: dict[str, str] = {}


def register_action_labels(*sources: Labels) -> None:
    """Called from an app's ``ready()`` with its action labels (TextChoices or dicts)."""
    for code, label in label_map(*sources).items():
        _REGISTERED.setdefault(code, label)


def action_display(code: str) -> str:
    """An action code's label from any app (its timeline labels, else its declared event
    code), else the code itself."""
    if code in _REGISTERED:
        return str(_REGISTERED[code])
    return event_code_label(code) or code


def actor_display(user) -> str:
    """The name a timeline shows for a user: the person's name, else the username."""
    if user is None:
        return ""
    person = getattr(user, "person", None)
    return person.name if person is not None else user.username


ANONYMOUS_ACTOR = gettext_lazy("匿名群众")


def event_actor_name(event) -> str:
    """The actor as every list of events names it: the person, 匿名群众, or "" (系统)."""
    if event.actor_id is None and (event.extra or {}).get("anonymous"):
        return str(ANONYMOUS_ACTOR)
    return actor_display(event.actor)


def event_row(event, *, label: str, from_label: str = "", to_label: str = "",
              actor_name: str | None = None, note: str | None = None) -> dict:
    return {
        "at": event.at, "action": event.action, "label": str(label),
        "from_state": event.from_state, "to_state": event.to_state,
        "from_label": str(from_label or event.from_state),
        "to_label": str(to_label or event.to_state),
        "actor_name": event_actor_name(event) if actor_name is None else actor_name,
        "note": event.note if note is None else note,
    }


def timeline_rows(events: Iterable, *, actions: Labels, states: Labels = (),
                  action_states: Mapping[str, Labels] | None = None) -> list[dict]:
    """``actions`` labels the action codes; ``states`` the from/to states, unless
    ``action_states`` gives an action its own (e.g. a seat or a kind instead of a status).
    A code without a label is shown as it is (free text such as a theme title)."""
    if isinstance(events, QuerySet):
        events = events.select_related("actor__person")
    action_labels = label_map(actions)
    state_labels = label_map(states) if states else {}
    per_action = {a: label_map(s) for a, s in (action_states or {}).items()}
    rows = []
    for e in events:
        labels = per_action.get(e.action, state_labels)
        rows.append(event_row(
            e, label=action_labels.get(e.action, e.action),
            from_label=labels.get(e.from_state, ""), to_label=labels.get(e.to_state, "")))
    return rows


def subject_timeline(subject, **labels) -> list[dict]:
    """The timeline rows of one subject's events (see ``timeline_rows`` for the labels)."""
    return timeline_rows(events_for(subject), **labels)
