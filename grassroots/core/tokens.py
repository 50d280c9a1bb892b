"""Bearer tokens, looked up by whichever app issues them (integrations' API tokens) through one
registered function, so the API's authentication and the health check need not import it."""

from __future__ import annotations

from collections.abc import Callable

_lookups: list[Callable] = []


def register_token_lookup(lookup: Callable) -> None:
    """``lookup(raw_token) -> token | None``; the token has ``.user`` and ``.has_scope(name)``."""
    _lookups[:] = [lookup]


def token_lookup(raw: str):
    """The live token a raw bearer value stands for, or None (also when no app issues tokens)."""
    return _lookups[0](raw) if _lookups else None
