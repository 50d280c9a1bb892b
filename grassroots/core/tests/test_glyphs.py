"""Pages draw icons as inline SVG or words, not as symbol glyphs the fonts may lack.

The pages ask for Noto Sans CJK / PingFang / Microsoft YaHei; none of them has emoji or the
"miscellaneous technical" symbols (📍, ⌖ …), and a county office PC has no colour-emoji font
either, so such a character shows as an empty box.
"""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR, "grassroots")
# Miscellaneous technical (⌖ U+2316), miscellaneous symbols, dingbats, emoji and pictographs.
MISSING = [(0x2300, 0x23FF), (0x2600, 0x27BF), (0x1F000, 0x1FAFF)]
# The character itself, or written as an HTML entity, a JS/Python escape or a CSS escape.
ESCAPED = re.compile(r"&#x([0-9a-fA-F]+);|&#(\d+);|\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})"
                     r"|\\([0-9a-fA-F]{4,6})\b")


def _lacking(line: str) -> list[int]:
    codes = [ord(c) for c in line]
    for m in ESCAPED.finditer(line):
        hex_value = m.group(1) or m.group(3) or m.group(4) or m.group(5)
        codes.append(int(hex_value, 16) if hex_value else int(m.group(2)))
    return [c for c in codes if any(low <= c <= high for low, high in MISSING)]


def _served_files():
    for path in ROOT.rglob("*"):
        if path.suffix in (".html", ".txt", ".js", ".css") and not (
                {"vendor", "tests"} & set(path.parts)):
            yield path


def test_templates_and_static_files_use_no_glyphs_the_fonts_lack():
    found = []
    for path in _served_files():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            found += [f"{path.relative_to(ROOT)}:{number}: U+{c:04X}" for c in _lacking(line)]
    assert found == []


def test_the_check_sees_every_spelling():
    for text in ("⌖", "📍", "&#8982;", "&#x2316;", "\\u2316", 'content:"\\2316"'):
        assert _lacking(text) == [0x2316 if "📍" not in text else 0x1F4CD], text
    assert _lacking("“定位” — ‹ 1 › ✔") == [0x2714]
