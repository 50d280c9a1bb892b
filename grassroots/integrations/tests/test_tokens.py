"""API tokens: hashed, shown once, scopes, expiry, revocation, organisation service users."""

from datetime import timedelta

import pytest
from django.utils import timezone

from grassroots.core.errors import ApplicationError, NotInScope
from grassroots.core.scope import get_scope
from grassroots.integrations.models import ApiToken
from grassroots.integrations.services.tokens import api_token_revoke, token_digest
from grassroots.testing.refusals import refused

pytestmark = pytest.mark.django_db


def get(client, url, token):
    return client.get(url, HTTP_AUTHORIZATION=f"Bearer {token}")


def test_only_the_hash_is_stored(make_token, county):
    token, plaintext = make_token(user=county.handler)
    prefix, _, secret = plaintext.partition(".")
    assert token.prefix == prefix and len(secret) >= 40
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.digest == token_digest(plaintext)
    assert secret not in str(stored.__dict__)


def test_only_admin_creates_tokens(county, make_token):
    from grassroots.integrations.services.tokens import api_token_create

    with refused(NotInScope, "只有平台管理员可以管理接口令牌。", unchanged=[ApiToken]):
        api_token_create(actor=county.dispatcher, name="x", user=county.dispatcher)
    with refused(ApplicationError, "令牌须属于一个用户或一个单位（二选一）。", unchanged=[ApiToken]):
        make_token(user=county.handler, organization=county.water)
    with refused(ApplicationError, "权限只能是 read（只读）或 write（读写）。",
                 unchanged=[ApiToken]) as exc:
        make_token(user=county.handler, scopes=("admin",))
    assert exc.value.field == "scopes"


def test_token_acts_as_its_user(client, make_token, county):
    _, plaintext = make_token(user=county.handler)
    response = get(client, "/api/v1/assignments", plaintext)
    assert response.status_code == 200


def test_read_token_cannot_write(client, make_token, county):
    _, plaintext = make_token(user=county.dispatcher, scopes=("read",))
    response = client.post("/api/v1/demands", data={"type": "help"},
                           content_type="application/json",
                           HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    assert response.status_code == 403
    assert response.json()["error"]["message"] == "该令牌只有只读权限，不能执行写操作。"


def test_expired_token_is_401(client, make_token, county):
    token, plaintext = make_token(user=county.handler,
                                  expires_at=timezone.now() + timedelta(hours=1))
    assert get(client, "/api/v1/categories", plaintext).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = get(client, "/api/v1/categories", plaintext)
    assert response.status_code == 401
    assert response.json()["error"]["message"] == "令牌无效、已过期或已被吊销。"


def test_revoked_token_is_401(client, make_token, county):
    token, plaintext = make_token(user=county.handler)
    assert get(client, "/api/v1/categories", plaintext).status_code == 200
    api_token_revoke(actor=county.admin, token=token)
    assert get(client, "/api/v1/categories", plaintext).status_code == 401


def test_tampered_token_is_401(client, make_token, county):
    _, plaintext = make_token(user=county.handler)
    assert get(client, "/api/v1/categories", plaintext[:-2] + "xx").status_code == 401
    assert get(client, "/api/v1/categories", "nonsense").status_code == 401


def test_bad_token_does_not_fall_back_to_the_session(client, county):
    client.force_login(county.handler)
    assert client.get("/api/v1/categories").status_code == 200
    response = get(client, "/api/v1/categories", "bad.token")
    assert response.status_code == 401


def test_organisation_token_uses_a_service_user_scoped_like_staff(org_token, county):
    token, _ = org_token
    assert token.organization == county.housing
    scope = get_scope(token.user)
    assert scope.unit_ids == frozenset({county.housing.pk})
    assert not token.user.has_usable_password()


def test_admin_page_creates_and_shows_token_once(client, county):
    client.force_login(county.admin)
    county.admin.is_superuser = True
    county.admin.save(update_fields=["is_superuser"])
    response = client.post("/admin/integrations/apitoken/add/", {
        "name": "水务App", "user": county.handler.pk, "organization": "",
        "scope_choices": ["read", "write"], "expires_at_0": "", "expires_at_1": "",
    })
    assert response.status_code == 302
    token = ApiToken.objects.get(name="水务App")
    assert token.scopes == ["read", "write"] and token.user == county.handler
    from django.contrib.messages import get_messages

    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert any(token.prefix in m and "只显示这一次" in m for m in shown)


def test_admin_page_creates_an_organisation_token(client, county):
    """The documented way: choose only the organisation; the token acts as its service user."""
    county.admin.is_superuser = True
    county.admin.save(update_fields=["is_superuser"])
    client.force_login(county.admin)
    response = client.post("/admin/integrations/apitoken/add/", {
        "name": "住建App", "user": "", "organization": county.housing.pk,
        "scope_choices": ["read", "write"], "expires_at_0": "2099-01-01",
        "expires_at_1": "12:00:00",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    token = ApiToken.objects.get(name="住建App")
    assert token.organization == county.housing
    assert token.user.username == f"api-{county.housing.code}".lower()
    assert token.scopes == ["read", "write"] and token.expires_at is not None


def test_admin_page_refuses_neither_user_nor_organisation(client, county):
    county.admin.is_superuser = True
    county.admin.save(update_fields=["is_superuser"])
    client.force_login(county.admin)
    response = client.post("/admin/integrations/apitoken/add/", {
        "name": "无主令牌", "user": "", "organization": "", "scope_choices": ["read"],
        "expires_at_0": "", "expires_at_1": "",
    }, follow=True)
    assert not ApiToken.objects.filter(name="无主令牌").exists()
    assert "二选一" in response.content.decode()


def test_admin_lists_scopes_as_words_not_codes(client, county, make_token):
    county.admin.is_superuser = True
    county.admin.save(update_fields=["is_superuser"])
    read, _ = make_token(user=county.handler, scopes=("read",))
    write, _ = make_token(organization=county.housing, scopes=("read", "write"))
    client.force_login(county.admin)
    html = client.get("/admin/integrations/apitoken/").content.decode()
    assert "只读" in html and "读写" in html
    assert "[&quot;read&quot;" not in html and '["read"' not in html
    detail = client.get(f"/admin/integrations/apitoken/{write.pk}/change/").content.decode()
    assert "读写" in detail and "[&quot;read&quot;" not in detail


def test_admin_token_form_searches_users_as_you_type(client, county):
    """Thousands of users: the token's user is an autocomplete, not one huge select."""
    county.admin.is_superuser = True
    county.admin.save(update_fields=["is_superuser"])
    client.force_login(county.admin)
    body = client.get("/admin/integrations/apitoken/add/").content.decode()
    assert 'data-ajax--url="/admin/autocomplete/"' in body
    assert f'<option value="{county.handler.pk}">' not in body
