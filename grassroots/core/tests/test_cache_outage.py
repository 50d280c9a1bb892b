"""A cache (Redis) outage degrades — rate limits fail open with a warning, reads miss, a queued
task's broker error is a 503 — and never answers 500."""

import json
import logging

import pytest
import redis.exceptions
from django.http import HttpResponse
from django.test import RequestFactory

from grassroots.core import cache as cache_module
from grassroots.core import ratelimit
from grassroots.core.cache import ResilientRedisCache
from grassroots.integrations.services.tokens import api_token_create

DOWN = redis.exceptions.ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")


class DownCache:
    """The cache as Django's RedisCache behaves with Redis stopped."""

    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise DOWN
        return fail


@pytest.fixture
def redis_down(monkeypatch):
    monkeypatch.setattr(ratelimit, "cache", DownCache())
    monkeypatch.setattr(ratelimit, "_last_warning", [-1e9])


@pytest.fixture
def breaker():
    cache_module.breaker.reset()
    yield cache_module.breaker
    cache_module.breaker.reset()


def test_rate_limit_fails_open_with_a_warning(redis_down, caplog):
    with caplog.at_level(logging.WARNING, logger="grassroots.ratelimit"):
        allowed, _retry = ratelimit.count_hit("rl:login", "1.2.3.4", "1/min")
        allowed_again, _retry = ratelimit.count_hit("rl:login", "1.2.3.4", "1/min")
    assert allowed and allowed_again
    assert [r.getMessage() for r in caplog.records] == [
        "rate limit rl:login not enforced: cache unavailable (ConnectionError: " + str(DOWN) + ")"]


def test_login_page_answers_with_redis_down(client, county, redis_down):
    response = client.post("/login/", {"username": "supervisor", "password": "wrong"})
    assert response.status_code == 200
    assert "请输入正确的" in response.content.decode() or "用户名" in response.content.decode()


def test_api_answers_with_redis_down(client, county, redis_down):
    token = api_token_create(actor=county.admin, name="测试", user=county.dispatcher)[1]
    response = client.get("/api/v1/demands", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    assert "items" in response.json()


def test_resilient_cache_misses_and_does_nothing_while_redis_is_down(breaker, caplog):
    down = ResilientRedisCache("redis://127.0.0.1:1/0", {"OPTIONS": {"socket_connect_timeout": 1}})
    with caplog.at_level(logging.WARNING, logger="grassroots.cache"):
        assert down.get("k", "fallback") == "fallback"
        assert breaker.is_open()
        assert down.set("k", 1) is None and down.add("k", 1) is False
        assert down.get_many(["a", "b"]) == {} and down.delete("k") is False
        assert down.get_or_set("k", 5) == 5
        with pytest.raises(cache_module.CacheUnavailable):
            down.incr("k")
    warnings = [r.getMessage() for r in caplog.records]
    assert len(warnings) == 1 and warnings[0].startswith("cache unavailable (ConnectionError")


def test_rate_limit_on_the_resilient_cache_fails_open(breaker, monkeypatch):
    monkeypatch.setattr(ratelimit, "cache", ResilientRedisCache("redis://127.0.0.1:1/0", {}))
    assert ratelimit.count_hit("rl:login", "1.2.3.4", "1/min")[0]
    assert ratelimit.count_hit("rl:login", "1.2.3.4", "1/min")[0]


@pytest.mark.parametrize("path", ["/api/v1/x", "/triage/models/train"])
def test_a_broker_or_cache_error_in_a_view_is_a_503(path):
    from kombu.exceptions import OperationalError as BrokerError

    from grassroots.audit.middleware import DatabaseUnavailableMiddleware

    middleware = DatabaseUnavailableMiddleware(lambda request: HttpResponse())
    request = RequestFactory().post(path)
    for exc in (DOWN, BrokerError("Error 111 connecting to 127.0.0.1:6379")):
        response = middleware.process_exception(request, exc)
        assert response.status_code == 503 and response["Retry-After"] == "30"
        if path.startswith("/api/"):
            assert json.loads(response.content)["error"] == {
                "code": "unavailable", "message": "系统的缓存或消息服务暂时不可用，请稍后重试。",
                "fields": {}}
        else:
            assert "系统的缓存或消息服务暂时不可用" in response.content.decode()


def test_admin_login_is_rate_limited(client, db, settings):
    settings.GRASSROOTS_RATE_LIMITS = {"login": "2/min"}
    from django.core.cache import cache

    cache.clear()
    for _ in range(2):
        assert client.post("/admin/login/", {"username": "x", "password": "y"}).status_code == 200
    response = client.post("/admin/login/", {"username": "x", "password": "y"})
    assert response.status_code == 429
    assert "操作过于频繁" in response.content.decode()


def test_a_stored_file_missing_on_disk_is_a_404_not_a_500(client, county):
    import datetime

    from django.core.files.base import ContentFile

    from grassroots.gridwork.models.training import TrainingKind, TrainingMaterial, TrainingSession

    session = TrainingSession.objects.create(title="培训", kind=TrainingKind.values[0],
                                             date=datetime.date(2026, 11, 2), place="会议室")
    material = TrainingMaterial(session=session, original_name="a.pdf",
                                content_type="application/pdf", size=3, sha256="0" * 64,
                                extension=".pdf")
    material.file.save("a.pdf", ContentFile(b"pdf"), save=True)
    material.file.storage.delete(material.file.name)
    client.force_login(county.supervisor)
    response = client.get(f"/grid/trainings/materials/{material.pk}/")
    assert response.status_code == 404
