"""The portal: the top bar's sections and the landing page's cards, which apps register.

Navigation is grouped by system (民意诉求, 网格工作, 党员管理 …): a nav provider returns
``{"label", "url", "section"}`` entries and each role sees only the sections it has entries in.
A card provider returns ``{"key", "label", "count", "url", "tone", "section", "kind"}`` where
``kind`` says which group of the landing page it belongs to: work waiting for me, deadlines, or
warnings.
"""

from collections.abc import Callable

from django.utils.translation import gettext_lazy as _

# The systems in the order the top bar shows them. Apps may add one (register_section).
SECTIONS: dict[str, object] = {
    "demands": _("民意诉求"),
    "gridwork": _("网格工作"),
    "party": _("党员管理"),
    "partyday": _("主题党日"),
    "talent": _("乡土人才"),
    "assessment": _("平时考核"),
    "twonew": _("两新党建"),
    "supervision": _("督查统计"),
    "admin": _("系统管理"),
}

CARD_KINDS: dict[str, object] = {
    "waiting": _("待我处理"),
    "deadline": _("期限"),
    "warning": _("预警"),
}


def register_section(code: str, label) -> None:
    """A section for a system that is not in the list above (kept after the known ones)."""
    if code in SECTIONS:
        raise ValueError(f"nav section {code!r} is already registered")
    SECTIONS[code] = label


CARD_PROVIDERS: list[Callable] = []


def register_cards(func):
    """``func(user, scope)`` returns the landing-page cards this app has for the user:
    ``{"label", "count", "url", "section", "kind"}`` and optionally ``key`` (the page's test
    id), ``tone`` (ok/warn/bad) and ``due_on`` (the earliest deadline among them)."""
    CARD_PROVIDERS.append(func)
    return func


def landing_cards(user) -> list[dict]:
    from .scope import get_scope

    scope = get_scope(user)
    cards = []
    for provider in CARD_PROVIDERS:
        for card in provider(user, scope) or []:
            _check(card, ("section", "kind"), provider)
            if card["kind"] not in CARD_KINDS:
                raise ValueError(f"{provider.__qualname__}: unknown card kind {card['kind']!r}")
            card.setdefault("key", f"{card['section']}-{len(cards)}")
            card.setdefault("tone", ("bad" if card["kind"] == "warning" else "warn")
                            if card["count"] else "ok")
            cards.append(card)
    return cards


def landing_groups(user) -> list[dict]:
    """The landing page's cards by kind (waiting, deadlines, warnings), each card labelled with
    its system; kinds with no card are left out."""
    cards = landing_cards(user)
    order = {code: i for i, code in enumerate(SECTIONS)}
    groups = []
    for kind, label in CARD_KINDS.items():
        mine = sorted((c for c in cards if c["kind"] == kind),
                      key=lambda c: order.get(c["section"], len(order)))
        for c in mine:
            c["section_label"] = SECTIONS.get(c["section"], c["section"])
        if mine:
            groups.append({"kind": kind, "label": label, "cards": mine})
    return groups


NAV_PROVIDERS: list[Callable] = []


def register_nav(func):
    """``func(user, scope)`` returns ``{"label", "url", "section"}`` entries for the top bar."""
    NAV_PROVIDERS.append(func)
    return func


def nav_items(user):
    from .scope import get_scope

    scope = get_scope(user)
    items = []
    for provider in NAV_PROVIDERS:
        for item in provider(user, scope) or []:
            _check(item, ("section",), provider)
            items.append(item)
    return items


def nav_sections(user, path: str = "") -> list[dict]:
    """The top bar for this user: the sections that have at least one entry for him, in the
    fixed order, the one holding the current page marked active."""
    items = nav_items(user)
    best = max((i for i in items if path.startswith(i["url"].split("?")[0])),
               key=lambda i: len(i["url"]), default=None)
    sections = []
    for code, label in SECTIONS.items():
        mine = [i for i in items if i["section"] == code]
        if mine:
            sections.append({"code": code, "label": label, "items": mine,
                             "active": best is not None and best["section"] == code})
    return sections


def _check(entry: dict, keys, provider) -> None:
    for key in keys:
        if key not in entry:
            raise ValueError(f"{provider.__qualname__}: entry {entry.get('label')!s} has no {key!r}")
    if entry["section"] not in SECTIONS:
        raise ValueError(f"{provider.__qualname__}: unknown nav section {entry['section']!r}")
