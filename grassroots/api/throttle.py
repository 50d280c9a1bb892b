"""A fixed-window rate limit per API token (or per client address for sessions).

Limits come from ``GRASSROOTS_API_RATE_LIMIT`` (settings or environment), e.g. "600/min".
"""

import os
import time

from django.conf import settings
from django.core.cache import cache
from ninja.throttling import BaseThrottle

PERIODS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hour": 3600, "d": 86400,
           "day": 86400}
DEFAULT_RATE = "600/min"


def parse_rate(rate: str) -> tuple[int, int]:
    count, _, period = (rate or DEFAULT_RATE).partition("/")
    return int(count), PERIODS[period.strip() or "min"]


def current_rate() -> str:
    return (getattr(settings, "GRASSROOTS_API_RATE_LIMIT", None)
            or os.environ.get("GRASSROOTS_API_RATE_LIMIT") or DEFAULT_RATE)


class TokenOrAddressThrottle(BaseThrottle):
    def ident(self, request) -> str:
        token = getattr(request, "api_token", None)
        if token is not None:
            return f"t{token.pk}"
        return f"a{self.get_ident(request)}"

    def allow_request(self, request) -> bool:
        limit, period = parse_rate(current_rate())
        window = int(time.time() // period)
        key = f"api-rate:{self.ident(request)}:{window}"
        # add() then incr(): atomic on Redis and memcached, good enough on the local cache.
        cache.add(key, 0, timeout=period + 1)
        try:
            used = cache.incr(key)
        except ValueError:  # evicted between add and incr
            cache.set(key, 1, timeout=period + 1)
            used = 1
        return used <= limit

    def wait(self):
        period = parse_rate(current_rate())[1]
        return period - (time.time() % period)
