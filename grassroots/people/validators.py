import re

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class CharacterClassValidator:
    """At least three of: lower case, upper case, digits, symbols (等保 2.0 password complexity)."""

    def validate(self, password, user=None):
        classes = sum(
            bool(re.search(p, password)) for p in (r"[a-z]", r"[A-Z]", r"\d", r"[^a-zA-Z\d]")
        )
        if classes < 3:
            raise ValidationError(
                _("密码须包含大写字母、小写字母、数字和符号中的至少三类。"), code="password_classes"
            )

    def get_help_text(self):
        return _("密码须包含大写字母、小写字母、数字和符号中的至少三类。")


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's, with its message in the project catalogue: Django 5.2 formats the message with
    ``%d`` while its zh_Hans catalogue translates a ``%(min_length)d`` msgid, so a citizen
    registering in Chinese got the English sentence."""

    def get_error_message(self):
        return _("密码太短，至少需要%(min_length)d个字符。") % {"min_length": self.min_length}

    def get_help_text(self):
        return _("密码至少需要%(min_length)d个字符。") % {"min_length": self.min_length}


# --- mobile numbers and free text ---------------------------------------------------------------

# ASCII digits only: ``\d`` also matches Arabic-Indic "١٣٨…" and full-width "１３８…" digits, and
# ``str.isdigit()`` takes "²" and "①"; such a number then fails further down (int(), hashes that
# never match what was stored) or reaches the SMS gateway as garbage.
MOBILE_RE = re.compile(r"^1[3-9][0-9]{9}$", re.ASCII)


def is_valid_mobile(phone: str) -> bool:
    """An 11-digit mainland mobile number, in ASCII digits."""
    return isinstance(phone, str) and bool(MOBILE_RE.fullmatch(phone))


def mobile_error_message() -> str:
    return _("请输入正确的11位手机号。")


def clean_mobile(phone: str) -> str:
    """The one check of a mobile number, for every form, API schema and service: separators and
    a +86 prefix are dropped (see ``normalize_phone``), then it must be 11 ASCII digits.
    Raises ``ValidationError`` with a message a person can act on."""
    from .pii import normalize_phone

    value = normalize_phone(phone if isinstance(phone, str) else "")
    if not is_valid_mobile(value):
        raise ValidationError(mobile_error_message(), code="mobile")
    return value


def validate_mobile(value: str) -> None:
    """Django field validator form of ``clean_mobile``."""
    clean_mobile(value)


# Characters that take no room on screen: zero-width spaces and joiners, the BOM, soft hyphens,
# word joiners, bidi marks and invisible operators, and every "format" (Cf) character.
_INVISIBLE = {"\u00ad", "\u034f", "\u115f", "\u1160", "\u17b4", "\u17b5", "\u180e", "\u3164",
              "\uffa0", "\u2800"}


def visible_length(text: str) -> int:
    """How many characters of ``text`` a reader sees: whitespace, control, format (Cf:
    zero-width space, ZWJ, BOM, bidi marks …) and other invisible characters are not counted.
    Every minimum-length check of free text counts with this, so "\\u200b" * 10 is empty."""
    import unicodedata

    count = 0
    for ch in text or "":
        if ch.isspace() or ch in _INVISIBLE:
            continue
        if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp", "Mn",
                                        "Me"):
            continue
        count += 1
    return count
