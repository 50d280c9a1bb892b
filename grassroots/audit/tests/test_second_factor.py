"""TOTP is required, when GRASSROOTS_REQUIRE_2FA is on, for every role that may reveal PII or
read the audit log."""

import pytest
from django.core.cache import cache
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from grassroots.audit.models import AuditLog


@pytest.fixture
def required(secure_settings):
    secure_settings.GRASSROOTS_REQUIRE_2FA = True
    cache.clear()
    return secure_settings


def code(device, offset=0):
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift + offset):06d}"


@pytest.mark.parametrize("who", ["admin", "supervisor"])
def test_admin_and_supervisor_must_enrol_before_any_page(client, county, required, who):
    user = getattr(county, who)
    client.force_login(user)
    response = client.get("/demands/")
    assert response.status_code == 302
    assert response["Location"] == "/account/2fa/?next=/demands/"
    page = client.get("/account/2fa/")
    body = page.content.decode()
    assert page.status_code == 200 and "绑定" in body and 'data-testid="otp-qr"' in body
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post("/account/2fa/", {"token": code(device), "next": "/demands/"})
    assert response.status_code == 302 and response["Location"] == "/demands/"
    assert client.get("/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    assert AuditLog.objects.filter(action="totp_enrol", actor=user, outcome="success").exists()


def test_enrolled_user_verifies_on_each_login(client, county, required):
    device = TOTPDevice.objects.create(user=county.admin, name="phone", confirmed=True)
    client.force_login(county.admin)
    assert client.get("/").status_code == 302
    page = client.get("/account/2fa/").content.decode()
    assert "otp-qr" not in page and "6位数字" in page
    response = client.post("/account/2fa/", {"token": "000000"
                                             if code(device) != "000000" else "111111"})
    assert response.status_code == 400 and "验证码不正确" in response.content.decode()
    assert client.get("/").status_code == 302
    # django-otp throttles a device for a growing delay after each failure; let it pass.
    device.refresh_from_db()
    device.throttle_reset()
    assert client.post("/account/2fa/", {"token": code(device)}).status_code == 302
    assert client.get("/").status_code == 200
    assert AuditLog.objects.filter(action="totp_verify", outcome="failure").count() == 1
    assert AuditLog.objects.filter(action="totp_verify", outcome="success").count() == 1


@pytest.mark.parametrize("who", ["dispatcher", "handler", "leader", "secretary", "auditor"])
def test_every_role_that_may_reveal_pii_or_read_the_audit_log_is_asked(client, county, required,
                                                                       request, who):
    user = request.getfixturevalue("auditor") if who == "auditor" else getattr(county, who)
    client.force_login(user)
    response = client.get("/demands/")
    assert response.status_code == 302
    assert response["Location"] == "/account/2fa/?next=/demands/"


def test_a_staff_user_without_a_role_is_asked_for_the_admin_site(client, county, required):
    county.viewer.is_staff = True
    county.viewer.save(update_fields=["is_staff"])
    client.force_login(county.viewer)
    assert client.get("/admin/").status_code == 302


@pytest.mark.parametrize("who", ["viewer", "town_staff", "citizen"])
def test_roles_that_never_reveal_are_not_asked(client, county, required, who):
    client.force_login(getattr(county, who))
    assert client.get("/").status_code == 200


def test_off_by_default_for_the_demo(client, county, secure_settings):
    assert not getattr(secure_settings, "GRASSROOTS_REQUIRE_2FA", False)
    client.force_login(county.admin)
    assert client.get("/").status_code == 200


def test_api_session_gets_a_json_403_until_verified(client, county, required):
    client.force_login(county.supervisor)
    response = client.get("/api/v1/demands")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "second_factor_required"


def test_next_must_stay_on_this_site(client, county, required):
    device = TOTPDevice.objects.create(user=county.admin, name="phone", confirmed=True)
    client.force_login(county.admin)
    response = client.post("/account/2fa/", {"token": code(device),
                                             "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_code_guessing_is_rate_limited(client, county, required):
    required.GRASSROOTS_RATE_LIMITS = {"otp_verify": "3/h"}
    device = TOTPDevice.objects.create(user=county.admin, name="phone", confirmed=True)
    client.force_login(county.admin)
    wrong = "000000" if code(device) != "000000" else "111111"
    for _ in range(3):
        client.post("/account/2fa/", {"token": wrong})
    response = client.post("/account/2fa/", {"token": code(device)})
    assert response.status_code == 400 and "尝试次数过多" in response.content.decode()
