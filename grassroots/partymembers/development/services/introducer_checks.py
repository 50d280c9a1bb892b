"""Checks another sub-area adds on a would-be introducer (e.g. member records: "under
留党察看, rights not restored"): ``register(fn)`` with ``fn(person, on) -> message | None``."""

_CHECKS: list = []


def register(fn) -> None:
    if fn not in _CHECKS:
        _CHECKS.append(fn)


def all() -> list:  # noqa: A001 - read as introducer_checks.all()
    return list(_CHECKS)
