"""Plain-text tables that line up with Chinese characters (two columns wide in a terminal)."""

import unicodedata


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in str(text))


def pad(text: str, size: int) -> str:
    text = str(text)
    return text + " " * max(0, size - width(text))


def table(headers: list[str], rows: list[list]) -> str:
    sizes = [max([width(h), *(width(r[i]) for r in rows)]) for i, h in enumerate(headers)]
    line = "  ".join("-" * s for s in sizes)
    out = ["  ".join(pad(h, s) for h, s in zip(headers, sizes, strict=True)).rstrip(), line]
    out += ["  ".join(pad(c, s) for c, s in zip(r, sizes, strict=True)).rstrip() for r in rows]
    return "\n".join(out)
