"""Citizens sign in with their phone, and the phone never shows in clear in the login name,
the audit log, django-axes' records or the admin user list."""

import pytest

from grassroots.audit.models import AuditLog
from grassroots.people import sms
from grassroots.people.backends import masked_login_name
from grassroots.people.models import Person, PersonKind
from grassroots.people.pii import hash_phone
from grassroots.people.verification import citizen_register, citizen_register_start
from grassroots.testing.factories import PersonFactory

pytestmark = pytest.mark.django_db

PASSWORD = "demo-Pass-2026"
PHONE = "13912345678"


def login(client, username, password=PASSWORD, ip="10.0.0.1"):
    return client.post("/login/", {"username": username, "password": password}, REMOTE_ADDR=ip)


@pytest.fixture
def citizen(db):
    sms.outbox.clear()
    citizen_register_start(phone=PHONE, client_ip="10.0.0.1")
    code = sms.outbox[-1]["text"].split("验证码")[1][:6]
    return citizen_register(phone=PHONE, code=code, name="王小明", password=PASSWORD)


def test_citizen_signs_in_with_the_phone_and_the_audit_row_has_no_phone(client, citizen):
    assert PHONE not in citizen.username
    assert login(client, "+86 139-1234-5678").status_code == 302
    assert client.session["_auth_user_id"] == str(citizen.pk)
    row = AuditLog.objects.get(action="login")
    assert row.actor == citizen and row.actor_name == citizen.username


def test_failed_and_locked_out_phone_logins_keep_the_phone_masked(client, citizen, settings):
    from axes.models import AccessAttempt, AccessFailureLog

    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, PHONE, password="wrong-Pass-1")
    assert login(client, PHONE).status_code in (403, 429)  # locked, by the masked name too
    expected = f"139****5678#{hash_phone(PHONE)[:8]}"
    names = set(AuditLog.objects.filter(action__in=["login_failed", "lockout"])
                .values_list("actor_name", flat=True))
    assert names == {expected}
    assert set(AccessAttempt.objects.values_list("username", flat=True)) == {expected}
    assert set(AccessFailureLog.objects.values_list("username", flat=True)) <= {expected}
    for row in AuditLog.objects.all():
        assert PHONE not in f"{row.actor_name} {row.extra} {row.target_repr}"


def test_masked_login_name_keeps_other_names_and_tells_phones_apart():
    assert masked_login_name("t_handler") == "t_handler"
    assert masked_login_name("13900000001") != masked_login_name("13911110001")
    assert masked_login_name("13900000001").startswith("139****0001#")


def test_a_proven_account_wins_the_phone_login_over_an_unproven_claim(client, citizen):
    other = PersonFactory(user__username="c_old", kind=PersonKind.CITIZEN, phone_number=PHONE)
    other.user.set_password(PASSWORD)
    other.user.save()
    assert login(client, PHONE).status_code == 302
    assert client.session["_auth_user_id"] == str(citizen.pk)


def test_an_unproven_old_account_still_signs_in_by_phone(client, db):
    person = PersonFactory(user__username="c_old", kind=PersonKind.CITIZEN, phone_number=PHONE)
    person.user.set_password(PASSWORD)
    person.user.save()
    assert login(client, PHONE).status_code == 302
    assert Person.objects.get(pk=person.pk).phone_verified_at is None


def test_admin_user_list_shows_no_phone(client, county, citizen):
    county.admin.is_superuser = True
    county.admin.save(update_fields=["is_superuser"])
    client.force_login(county.admin)
    body = client.get("/admin/people/user/").content.decode()
    assert citizen.username in body and PHONE not in body


def test_migration_renames_phone_usernames_and_verifies_nobody(county):
    """The data step of people 0004 on today's rows: a citizen named by their phone gets
    c_<random>, a staff login keeps its name, and no account becomes proven."""
    import importlib

    from django.apps import apps

    from grassroots.demands.services import demand_create

    step = importlib.import_module(
        "grassroots.people.migrations.0004_citizen_usernames_and_unproven_phones")
    old = PersonFactory(user__username=PHONE, kind=PersonKind.CITIZEN, phone_number=PHONE)
    recorded = demand_create(actor=county.dispatcher, channel="phone", type="help",
                             title="小区水压低", text="金城社区3号楼最近一周水压很低。",
                             citizen_phone="13700009999", citizen_name="赵先生")
    type(recorded).objects.filter(pk=recorded.pk).update(citizen=old)  # the old linking
    step.rename_phone_usernames(apps, None)
    step.unlink_recorded_demands(apps, None)
    old.user.refresh_from_db()
    old.refresh_from_db()
    assert old.user.username.startswith("c_") and PHONE not in old.user.username
    assert old.phone_verified_at is None
    county.dispatcher.refresh_from_db()
    assert county.dispatcher.username == "t_dispatcher"
    recorded.refresh_from_db()
    assert recorded.citizen.user_id is None and recorded.citizen.phone_hash == hash_phone(PHONE)


def test_an_imported_cadre_signs_in_with_the_phone_the_county_entered(client, county):
    from grassroots.people.verification import new_staff_username

    person = county.handler.person
    person.set_phone("13688886666")
    person.save()
    user = person.user
    user.username = new_staff_username()
    user.set_password(PASSWORD)
    user.save()
    assert login(client, "13688886666").status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert "13688886666" not in AuditLog.objects.get(action="login").actor_name
