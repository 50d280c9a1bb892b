"""A fixed-window rate limit per API token (or per client address for sessions).

Limits come from ``GRASSROOTS_API_RATE_LIMIT`` (settings or environment), e.g. "600/min".
"""

import os
import time

from django.conf import settings
from ninja.throttling import BaseThrottle

from grassroots.core.ratelimit import count_hit, parse_rate

DEFAULT_RATE = "600/min"


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
        allowed, _retry = count_hit("api-rate", self.ident(request), current_rate())
        return allowed

    def wait(self):
        period = parse_rate(current_rate())[1]
        return period - (time.time() % period)
