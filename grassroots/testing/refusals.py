"""``refused()``: a refusal test in one line: the block must raise the refusal with exactly the
message a person would see, and write nothing.

    with refused(NotInScope, "只有督查室工作人员可以执行此操作。", unchanged=[notice]):
        notice_issue(actor=county.handler, notice=notice)

It snapshots, before the block, the number of event rows, the number of rows of each model or
queryset in ``unchanged`` and the stored field values of each model instance in ``unchanged``;
after the refusal every one must be as it was. A check of a pure function (a parser, a
validator: no database in the test) says ``db=False``. The context manager yields
pytest's ``ExceptionInfo``, so a test can look further at ``.value`` (its ``field``, ``extra``).

The message compared is the refusal's ``message`` attribute when it has one (``ApplicationError``
and its kin, ``BadValue``), all of a Django ``ValidationError``'s messages joined by a space,
else ``str(exc)``. A message with a variable part is written out with the part computed
(an f-string), never matched by a pattern.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import pytest
from django.core.exceptions import ValidationError
from django.db import models


def refusal_message(exc: BaseException) -> str:
    """The text a refusal shows: see the module's docstring."""
    if isinstance(exc, ValidationError):
        return " ".join(str(m) for m in exc.messages)
    message = getattr(exc, "message", None)
    if isinstance(message, str):
        return message
    return str(exc)


def _rows(item) -> tuple[str, object]:
    """A comparable snapshot of one ``unchanged`` item as stored now."""
    if isinstance(item, models.Model):
        fields = [f.attname for f in item._meta.concrete_fields]
        stored = type(item)._base_manager.filter(pk=item.pk).values(*fields).first()
        return f"{item._meta.label} #{item.pk}", stored
    if isinstance(item, models.QuerySet):
        return f"rows of {item.model._meta.label} (queryset)", item.count()
    if isinstance(item, type) and issubclass(item, models.Model):
        return f"rows of {item._meta.label}", item._base_manager.count()
    raise TypeError(f"unchanged takes model instances, model classes or querysets, not {item!r}")


def _snapshot(unchanged: list, db: bool) -> list[tuple[str, object]]:
    if not db:
        return []
    from grassroots.core.models import Event

    return [("event rows", Event.objects.count()), *(_rows(item) for item in unchanged)]


@contextmanager
def refused(exc_type: type[BaseException], message: str, *, unchanged: Iterable = (),
            db: bool = True) -> Iterator[pytest.ExceptionInfo]:
    """Assert the block raises ``exc_type`` (or a subclass) showing exactly ``message`` and
    leaves the event rows and everything in ``unchanged`` as they were."""
    unchanged = list(unchanged)
    if unchanged and not db:
        raise TypeError("unchanged needs the database (db=True)")
    before = _snapshot(unchanged, db)
    with pytest.raises(exc_type) as info:
        yield info
    assert refusal_message(info.value) == message
    after = _snapshot(unchanged, db)
    for (what, was), (_, now) in zip(before, after, strict=True):
        assert now == was, f"a refused call changed the {what}: {was!r} -> {now!r}"
