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
