"""Free text from outside (citizens, staff, integrations) made safe to store and to write out.

XML 1.0 — and so .xlsx, .docx and the Open311 XML list — cannot hold C0 control characters other
than tab, line feed and carriage return, lone surrogates, nor the non-characters U+FFFE/U+FFFF;
one such character in one title used to break a whole export or a month's bulletin for good.
``clean_text`` is applied once per free-text field by the services at intake; ``xml_safe`` is the
writers' guard for rows stored before that (or written by hand).
"""

from __future__ import annotations

import re

# Not allowed in XML 1.0: C0 controls except \t \n \r, surrogates, U+FFFE and U+FFFF. The other
# non-characters (U+FDD0..U+FDEF and U+nFFFE/U+nFFFF of every plane) are legal XML but have no
# meaning in interchange and upset some readers: they go too.
_NONCHARS = "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}"
                    for plane in range(1, 17))
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
                         + _NONCHARS + "]")
# What intake removes besides: DEL, and the C1 controls (U+0080..U+009F) that no keyboard types.
_INTAKE_EXTRA = re.compile("[\x7f-\x9f]")


def xml_safe(value: str) -> str:
    """``value`` without the characters XML cannot hold (for writers; keeps everything else)."""
    return XML_ILLEGAL.sub("", value) if value else value


def clean_text(value, *, strip: bool = True) -> str:
    """Text as stored: line breaks unified to ``\\n``, control characters (other than tab and line
    break), lone surrogates and non-characters removed; stripped unless ``strip=False``."""
    if value is None:
        return ""
    value = str(value).replace("\r\n", "\n").replace("\r", "\n")
    value = _INTAKE_EXTRA.sub("", XML_ILLEGAL.sub("", value))
    return value.strip() if strip else value
