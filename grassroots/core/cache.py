"""The shared cache when Redis is down: a cache outage never turns a page into a 500.

``ResilientRedisCache`` (production's cache backend) answers a miss for reads and does nothing for
writes while Redis cannot be reached, logging one warning per ``BREAKER_SECONDS``; after a failure
it does not try again for ``BREAKER_SECONDS``, so a request does not wait for a connect timeout
on every cache call. Counters (``incr``/``decr``) still raise: their callers decide (the rate
limiter fails open, grassroots/core/ratelimit.py). Sessions are not in the cache
(``SESSION_ENGINE`` is the database), so logins survive an outage.
"""

from __future__ import annotations

import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache

log = logging.getLogger("grassroots.cache")
BREAKER_SECONDS = 10.0


class CacheUnavailable(Exception):
    """Raised instead of trying Redis while the breaker is open."""


class _Breaker:
    def __init__(self):
        self.down_until = 0.0
        self.lock = threading.Lock()

    def is_open(self) -> bool:
        return time.monotonic() < self.down_until

    def trip(self, exc: BaseException, what: str) -> None:
        with self.lock:
            first = not self.is_open()
            self.down_until = time.monotonic() + BREAKER_SECONDS
        if first:
            log.warning("cache unavailable (%s: %s): %s degraded for %.0f s", type(exc).__name__,
                        exc, what, BREAKER_SECONDS)

    def reset(self) -> None:
        self.down_until = 0.0


breaker = _Breaker()


def outage_errors() -> tuple[type[BaseException], ...]:
    """The exceptions that mean "the cache server cannot be reached"."""
    errors: list[type[BaseException]] = [CacheUnavailable, ConnectionError, TimeoutError]
    try:
        import redis.exceptions as redis_exc

        errors += [redis_exc.ConnectionError, redis_exc.TimeoutError, redis_exc.BusyLoadingError]
    except ImportError:  # pragma: no cover - redis is a production dependency
        pass
    return tuple(errors)


def _degrading(name: str, fallback):
    def method(self, *args, **kwargs):
        if breaker.is_open():
            return fallback() if callable(fallback) else fallback
        try:
            return getattr(super(ResilientRedisCache, self), name)(*args, **kwargs)
        except outage_errors() as exc:
            breaker.trip(exc, f"cache.{name}")
            return fallback() if callable(fallback) else fallback

    method.__name__ = name
    return method


def _counter(name: str):
    def method(self, *args, **kwargs):
        if breaker.is_open():
            raise CacheUnavailable("cache circuit open")
        try:
            return getattr(super(ResilientRedisCache, self), name)(*args, **kwargs)
        except outage_errors() as exc:
            breaker.trip(exc, f"cache.{name}")
            raise

    method.__name__ = name
    return method


class ResilientRedisCache(RedisCache):
    get_many = _degrading("get_many", dict)
    has_key = _degrading("has_key", False)
    add = _degrading("add", False)
    set = _degrading("set", None)
    set_many = _degrading("set_many", list)
    touch = _degrading("touch", False)
    delete = _degrading("delete", False)
    delete_many = _degrading("delete_many", None)
    clear = _degrading("clear", False)
    incr = _counter("incr")
    decr = _counter("decr")

    def get(self, key, default=None, version=None):  # the miss returns `default`
        if breaker.is_open():
            return default
        try:
            return super().get(key, default, version)
        except outage_errors() as exc:
            breaker.trip(exc, "cache.get")
            return default
