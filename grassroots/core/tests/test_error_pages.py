"""Error pages speak to the person in Chinese, with the reason and a way back."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_403_shows_the_reason_and_a_way_home(client, county):
    client.force_login(county.handler)
    response = client.get("/dispatch/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "无权访问" in html and "派单" in html  # the service's own reason
    assert "返回首页" in html and "Forbidden" not in html


def test_404_is_the_same_for_missing_and_not_yours(client, county):
    client.force_login(county.handler)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "未找到" in html and "不在您的查看范围内" in html and "Not Found" not in html


def test_500_page_needs_no_request_context(county, settings):
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    from django.urls import path

    def boom(request):
        raise RuntimeError("internal detail that must not leak")

    import config.urls

    settings.ROOT_URLCONF = type("U", (), {
        "urlpatterns": [path("boom/", boom), *config.urls.urlpatterns],
        "handler500": config.urls.handler500})
    c = Client(raise_request_exception=False)
    response = c.get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "系统出错" in html and "internal detail" not in html


def test_favicon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("favicon.svg")
