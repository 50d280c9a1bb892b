"""Masking and lookup hashes for personal data (PIPL)."""

import hashlib
import hmac
import re

from django.conf import settings


def mask_phone(phone: str) -> str:
    phone = (phone or "").strip()
    if len(phone) >= 7:
        return f"{phone[:3]}****{phone[-4:]}"
    return "*" * len(phone)


def mask_id_number(id_number: str) -> str:
    value = (id_number or "").strip()
    if len(value) >= 8:
        return f"{value[:4]}{'*' * (len(value) - 8)}{value[-4:]}"
    return "*" * len(value)


_PHONE_SEPARATORS = re.compile(r"[\s\-()（）]")


def normalize_phone(phone: str) -> str:
    """A phone as people type it ("138 0000 0001", "138-0000-0001", "+86 13800000001") →
    the 11 digits stored and hashed; anything else comes back stripped, for the caller to
    refuse with its own message."""
    value = _PHONE_SEPARATORS.sub("", phone or "")
    for prefix in ("+86", "0086", "86"):
        if value.startswith(prefix) and len(value) == len(prefix) + 11:
            value = value[len(prefix):]
            break
    return value


def hash_phone(phone: str) -> str:
    """A keyed hash so a phone can be looked up without storing it in clear."""
    key = (getattr(settings, "SALT_KEY", "") or settings.SECRET_KEY).encode()
    return hmac.new(key, (phone or "").strip().encode(), hashlib.sha256).hexdigest()


# A mainland mobile inside free text: "13800000001", "138 0000 0001", "+86-138-0000-0001".
_MOBILE_IN_TEXT = re.compile(r"(?<![0-9])(?:(?:\+|00)?86[\s\-]?)?1[3-9][0-9](?:[\s\-]?[0-9]){8}"
                             r"(?![0-9])", re.ASCII)


def mask_phones_in_text(text: str) -> str:
    """Every mobile number in ``text`` masked ("138****0001"): for raw messages kept for
    reconciliation, which must not hold a phone in clear outside the encrypted field."""
    return _MOBILE_IN_TEXT.sub(lambda m: mask_phone(normalize_phone(m.group(0))), text or "")


def mask_phones_in_data(value):
    """``mask_phones_in_text`` over every string of a JSON-like value (dicts, lists)."""
    if isinstance(value, str):
        return mask_phones_in_text(value)
    if isinstance(value, dict):
        return {k: mask_phones_in_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [mask_phones_in_data(v) for v in value]
    return value
