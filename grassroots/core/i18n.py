"""Text stored untranslated and shown in the reader's language (notifications and their emails).

A ``Message`` is a Chinese msgid — marked with ``gettext_noop`` where it is written, so
``makemessages`` collects it — and its parameters. It is stored as JSON and translated only when
it is shown: a notification written while the dispatcher used English still reads in Chinese for
a handler who did not switch, and the other way round.

Parameters are kept as given: free text (titles and reasons people typed, unit names, demand
numbers, formatted times) stays as typed. A choice (a role, an outcome, a state …) is stored as
its value and shown through its label, so it follows the reader's language too.
"""

from functools import lru_cache

from django.db import models
from django.utils.module_loading import import_string
from django.utils.translation import gettext


class Message:
    """``Message(gettext_noop("新工单（%(role)s）：%(title)s"), role=AssignmentRole.LEAD,
    title=demand.title)``."""

    __slots__ = ("msgid", "params")

    def __init__(self, msgid: str, /, **params):
        if not isinstance(msgid, str):
            # A lazy or already-translated string would freeze one language into the row.
            raise TypeError("Message() takes the msgid itself: mark it with gettext_noop().")
        self.msgid = msgid
        self.params = {name: _param_json(value) for name, value in params.items()}

    def as_json(self) -> dict:
        return {"msgid": self.msgid, "params": self.params}

    def __str__(self) -> str:
        return render(self.as_json())

    def __repr__(self) -> str:
        return f"Message({self.msgid!r}, **{self.params!r})"


def render(data: dict) -> str:
    """A stored message in the active language."""
    msgid = data["msgid"]
    params = {name: _param_text(value) for name, value in (data.get("params") or {}).items()}
    if not params:
        return gettext(msgid)
    try:
        return gettext(msgid) % params
    except (KeyError, ValueError, TypeError):
        # A translation that lost or misspelt a placeholder: the source text beats an error page.
        return msgid % params


def _param_json(value):
    if isinstance(value, models.Choices):  # before str: a TextChoices member is a str too
        cls = type(value)
        return {"choice": f"{cls.__module__}.{cls.__qualname__}", "value": value.value}
    if value is None or isinstance(value, (str, int, float)):
        return value
    # Dates, model instances and lazy strings would be rendered in whatever language or format
    # was active when the row was written; the caller formats them or passes their choice.
    raise TypeError(f"unsupported message parameter: {value!r}")


def _param_text(value):
    if isinstance(value, dict) and "choice" in value:
        return choice_label(value["choice"], value.get("value"))
    return value


def choice_label(path: str, value):
    """The label of ``value`` in the choices class at ``path``; the value itself when the class
    or the value is gone (a row written before a choice was renamed still displays)."""
    choices = _choices_class(path)
    if choices is None or value not in choices.values:
        return value
    return choices(value).label


@lru_cache(maxsize=64)
def _choices_class(path: str):
    if not path.startswith("grassroots."):  # only the project's own choices are ever stored
        return None
    try:
        cls = import_string(path)
    except ImportError:
        return None
    return cls if isinstance(cls, type) and issubclass(cls, models.Choices) else None
