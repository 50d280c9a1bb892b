"""HMAC-SHA256 signatures shared by the inbound endpoint, the outbox and the simulator.

signature = hex(HMAC-SHA256(secret, timestamp + "\n" + body)); the timestamp is Unix seconds
(decimals allowed) sent verbatim in ``X-Timestamp``.
"""

import hashlib
import hmac
import time

from django.conf import settings
from django.utils.translation import gettext as _

DEV_SECRET = "dev-city12345-secret-change-me"
WINDOW_SECONDS = 300


def city_secret() -> str:
    """The shared secret (settings read it from the environment, docs/operations.md), else the
    development default."""
    return getattr(settings, "GRASSROOTS_CITY12345_SECRET", None) or DEV_SECRET


def sign(body: bytes, timestamp: str, secret: str | None = None) -> str:
    key = (secret or city_secret()).encode("utf-8")
    return hmac.new(key, timestamp.encode("ascii") + b"\n" + body, hashlib.sha256).hexdigest()


def signed_headers(body: bytes, secret: str | None = None) -> dict[str, str]:
    timestamp = f"{time.time():.3f}"
    return {"X-Timestamp": timestamp, "X-Signature": sign(body, timestamp, secret)}


def check(body: bytes, timestamp: str, signature: str, *, now: float | None = None) -> str:
    """"" when valid, else the reason it is not (timestamp window or signature)."""
    now = time.time() if now is None else now
    try:
        ts = float(timestamp)
    except (TypeError, ValueError):
        return _("缺少或无法识别 X-Timestamp（Unix 秒）。")
    if abs(now - ts) > WINDOW_SECONDS:
        return _("X-Timestamp 超出5分钟有效期（重放或时钟不同步）。")
    if not signature or not hmac.compare_digest(sign(body, timestamp), signature.strip().lower()):
        return _("签名无效。")
    return ""
