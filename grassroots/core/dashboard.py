"""What is waiting for each role on the landing page. Apps register card providers."""

from collections.abc import Callable

CARD_PROVIDERS: list[Callable] = []


def register_cards(func):
    CARD_PROVIDERS.append(func)
    return func


def landing_cards(user):
    cards = []
    for provider in CARD_PROVIDERS:
        cards.extend(provider(user) or [])
    return cards


NAV_PROVIDERS: list[Callable] = []


def register_nav(func):
    """``func(user, scope)`` returns a list of ``{"label", "url"}`` entries for the top bar."""
    NAV_PROVIDERS.append(func)
    return func


def nav_items(user):
    from .scope import get_scope

    scope = get_scope(user)
    items = []
    for provider in NAV_PROVIDERS:
        items.extend(provider(user, scope) or [])
    return items
