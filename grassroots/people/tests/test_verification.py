"""Citizens prove their phone with an SMS code; only a proven phone gathers the demands that
staff and integrations record under it, and the caller's typed name stays on the demand."""

import http.server
import json
import re
import threading
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from grassroots.core import ratelimit
from grassroots.core.errors import ApplicationError
from grassroots.core.events import events_for
from grassroots.demands.models import Demand
from grassroots.demands.selectors import citizen_demands
from grassroots.demands.services import demand_create
from grassroots.people import sms
from grassroots.people.models import Person, PersonKind, PhoneCode, User
from grassroots.people.pii import hash_phone
from grassroots.people.verification import (
    RateLimited,
    SmsUnavailable,
    citizen_phone_verify,
    citizen_phone_verify_start,
    citizen_register,
    citizen_register_start,
)
from grassroots.testing.factories import PersonFactory
from grassroots.testing.refusals import refused

pytestmark = pytest.mark.django_db

PASSWORD = "demo-Pass-2026"
PHONE = "13912345678"
BAD_CODE = "验证码错误或已过期，请重新获取。"


@pytest.fixture(autouse=True)
def _outbox():
    sms.outbox.clear()
    yield
    sms.outbox.clear()


def last_code(phone=PHONE) -> str:
    texts = [m["text"] for m in sms.outbox if m["phone"] == phone]
    return re.search(r"验证码(\d{6})", texts[-1]).group(1)


def register(phone=PHONE, name="王小明", ip="10.0.0.1") -> User:
    citizen_register_start(phone=phone, client_ip=ip)
    return citizen_register(phone=phone, code=last_code(phone), name=name, password=PASSWORD)


def phone_demand(county, *, phone=PHONE, name="赵先生", channel="phone", actor=None):
    return demand_create(actor=actor or county.dispatcher, channel=channel, type="help",
                         title="小区水压低", text="金城社区3号楼最近一周水压很低。",
                         division=county.village_a, citizen_phone=phone, citizen_name=name,
                         external_id="C-1" if channel == "city12345" else "",
                         check_scope=channel != "city12345")


def claimed_account(phone=PHONE, name="冒领人") -> User:
    """An account made before SMS codes: it holds the phone without having proven it."""
    person = PersonFactory(user__username="c_claimant", name=name, kind=PersonKind.CITIZEN,
                           phone_number=phone)
    person.user.set_password(PASSWORD)
    person.user.save()
    assert person.phone_verified_at is None
    return person.user


# --- registration -------------------------------------------------------------------------------

def test_register_with_the_texted_code():
    masked = citizen_register_start(phone="139 1234 5678", client_ip="10.0.0.1")
    assert masked == "139****5678"
    assert sms.outbox[-1]["phone"] == PHONE and "5分钟内有效" in sms.outbox[-1]["text"]
    user = citizen_register(phone=PHONE, code=last_code(), name=" 王小明 ", password=PASSWORD)
    assert re.fullmatch(r"c_[0-9a-f]{12}", user.username) and PHONE not in user.username
    person = user.person
    assert person.name == "王小明" and person.phone == PHONE and person.phone_verified_at
    assert [e.action for e in events_for(person)] == ["citizen_registered"]


def test_codes_are_hashed_at_rest_and_single_use():
    citizen_register_start(phone=PHONE, client_ip="10.0.0.1")
    code = last_code()
    row = PhoneCode.objects.get()
    assert code not in row.code_hash and row.phone_hash == hash_phone(PHONE)
    citizen_register(phone=PHONE, code=code, name="王小明", password=PASSWORD)
    with pytest.raises(ApplicationError) as exc:
        citizen_register(phone=PHONE, code=code, name="王小明", password=PASSWORD)
    assert exc.value.message == BAD_CODE
    assert User.objects.count() == 1


def test_wrong_code_counts_and_the_code_dies_after_the_attempt_limit(settings):
    settings.GRASSROOTS_PHONE_CODE_MAX_ATTEMPTS = 3
    citizen_register_start(phone=PHONE, client_ip="10.0.0.1")
    code = last_code()
    wrong = f"{(int(code) + 1) % 1000000:06d}"
    for _ in range(3):
        with pytest.raises(ApplicationError) as exc:
            citizen_register(phone=PHONE, code=wrong, name="王小明", password=PASSWORD)
        assert exc.value.message == BAD_CODE and exc.value.field == "code"
    assert PhoneCode.objects.get().attempts == 3
    with pytest.raises(ApplicationError) as exc:  # the right code, too late
        citizen_register(phone=PHONE, code=code, name="王小明", password=PASSWORD)
    assert exc.value.message == BAD_CODE
    assert not User.objects.exists() and not Person.objects.exists()


def test_an_expired_code_is_refused():
    citizen_register_start(phone=PHONE, client_ip="10.0.0.1")
    PhoneCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(ApplicationError) as exc:
        citizen_register(phone=PHONE, code=last_code(), name="王小明", password=PASSWORD)
    assert exc.value.message == BAD_CODE and not User.objects.exists()


def test_a_new_code_replaces_the_old_one():
    citizen_register_start(phone=PHONE, client_ip="10.0.0.1")
    first = last_code()
    citizen_register_start(phone=PHONE, client_ip="10.0.0.1")
    if first != last_code():
        with refused(ApplicationError, BAD_CODE, unchanged=[User, Person]):
            citizen_register(phone=PHONE, code=first, name="王小明", password=PASSWORD)
    citizen_register(phone=PHONE, code=last_code(), name="王小明", password=PASSWORD)


def test_a_registered_phone_gets_the_same_answer_and_a_notice_by_sms():
    register()
    sms.outbox.clear()
    assert citizen_register_start(phone=PHONE, client_ip="10.0.0.2") == "139****5678"
    assert len(sms.outbox) == 1 and "已有账号" in sms.outbox[0]["text"]
    assert not re.search(r"\d{6}", sms.outbox[0]["text"])  # no code: nothing to register with
    with pytest.raises(ApplicationError) as exc:
        citizen_register(phone=PHONE, code="123456", name="李四", password=PASSWORD)
    assert exc.value.message == BAD_CODE
    assert User.objects.count() == 1


def test_sends_are_rate_limited_per_phone_and_per_address(settings, monkeypatch):
    settings.GRASSROOTS_RATE_LIMITS = {"sms_phone": "2/h", "sms_ip": "3/h"}
    # ten minutes into an hour's window: the next send is 50 minutes and 1 second away
    monkeypatch.setattr(ratelimit, "time", SimpleNamespace(time=lambda: 1_767_225_600 + 600.0))
    too_often = "获取验证码过于频繁，请约51分钟后再试。"
    citizen_register_start(phone=PHONE, client_ip="10.0.0.1")
    citizen_register_start(phone=PHONE, client_ip="10.0.0.2")
    with refused(RateLimited, too_often, unchanged=[PhoneCode]) as exc:
        citizen_register_start(phone=PHONE, client_ip="10.0.0.3")
    assert exc.value.status_code == 429
    citizen_register_start(phone="13700000001", client_ip="10.0.0.1")
    citizen_register_start(phone="13700000002", client_ip="10.0.0.1")
    with refused(RateLimited, too_often, unchanged=[PhoneCode]):
        citizen_register_start(phone="13700000003", client_ip="10.0.0.1")
    assert len(sms.outbox) == 4


# --- the HTTP gateway sender --------------------------------------------------------------------

class _Gateway(http.server.BaseHTTPRequestHandler):
    status = 200
    received: list = []

    def do_POST(self):  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append((self.headers.get("Authorization"), json.loads(body)))
        self.send_response(type(self).status)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def gateway(settings):
    server = http.server.HTTPServer(("127.0.0.1", 0), _Gateway)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Gateway.received, _Gateway.status = [], 200
    settings.GRASSROOTS_SMS_BACKEND = "grassroots.people.sms.HttpGatewaySender"
    settings.GRASSROOTS_SMS_GATEWAY_URL = f"http://127.0.0.1:{server.server_port}/send"
    settings.GRASSROOTS_SMS_GATEWAY_TOKEN = "tok"
    yield _Gateway
    server.shutdown()


def test_http_gateway_sends_the_code(gateway):
    citizen_register_start(phone=PHONE, client_ip="10.0.0.1")
    auth, body = gateway.received[0]
    assert auth == "Bearer tok" and body["phone"] == PHONE
    code = re.search(r"验证码(\d{6})", body["text"]).group(1)
    citizen_register(phone=PHONE, code=code, name="王小明", password=PASSWORD)


@pytest.mark.parametrize("failure", ["http_500", "unreachable", "unset"])
def test_http_gateway_failure_is_a_clear_error_and_leaves_no_code(gateway, settings, failure):
    if failure == "http_500":
        gateway.status = 500
    elif failure == "unreachable":
        settings.GRASSROOTS_SMS_GATEWAY_URL = "http://127.0.0.1:9/send"
        settings.GRASSROOTS_SMS_TIMEOUT = 1
    else:
        settings.GRASSROOTS_SMS_GATEWAY_URL = ""
    with pytest.raises(SmsUnavailable) as exc:
        citizen_register_start(phone=PHONE, client_ip="10.0.0.1")
    assert exc.value.message == "短信发送失败，请稍后再试。" and exc.value.status_code == 503
    assert not PhoneCode.objects.exists()


def test_gateway_timeout_is_bounded(settings):
    import socket
    import time

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)  # accepts, never answers
    settings.GRASSROOTS_SMS_BACKEND = "grassroots.people.sms.HttpGatewaySender"
    settings.GRASSROOTS_SMS_GATEWAY_URL = f"http://127.0.0.1:{listener.getsockname()[1]}/"
    settings.GRASSROOTS_SMS_TIMEOUT = 0.5
    started = time.monotonic()
    with pytest.raises(sms.SmsError):
        sms.sms_send(PHONE, "x")
    assert time.monotonic() - started < 3
    listener.close()


# --- demands recorded under a phone -------------------------------------------------------------

def test_a_claimed_phone_does_not_gather_demands_until_proven(county):
    claimant = claimed_account()
    demand = phone_demand(county)
    assert demand.citizen.user_id is None and demand.caller_name == "赵先生"
    assert not citizen_demands(claimant).exists()


@pytest.mark.parametrize("channel", ["phone", "city12345", "open311", "visit"])
def test_demands_join_the_account_that_proves_the_phone_keeping_the_typed_name(county, channel):
    actor = {"visit": county.secretary}.get(channel, county.dispatcher)
    before = phone_demand(county, channel="phone", name="赵先生")
    user = register(name="王小明")
    assert list(citizen_demands(user)) == [before]
    before.refresh_from_db()
    assert before.caller_name == "赵先生"  # not the account's name
    fields = {"grid": county.grid_a} if channel == "visit" else {}
    after = demand_create(actor=actor, channel=channel, type="help", title="路灯不亮",
                          text="村口路灯坏了一个月了。", division=county.village_a,
                          citizen_phone=PHONE, citizen_name="赵二", check_scope=False,
                          external_id="C-9" if channel == "city12345" else "", **fields)
    assert after.citizen == user.person and after.caller_name == "赵二"
    assert set(citizen_demands(user)) == {before, after}


def test_proving_takes_the_phone_from_an_unproven_claimant(county):
    claimant = claimed_account()
    own = demand_create(actor=claimant, channel="citizen", type="help", title="自己的诉求",
                        text="这是冒领人自己提交的诉求。", division=county.village_a)
    # Linked to the claimant before SMS codes existed (the old rule took any holder).
    recorded = phone_demand(county)
    Demand.objects.filter(pk=recorded.pk).update(citizen=claimant.person)
    owner = register(name="真机主")
    assert list(citizen_demands(owner)) == [recorded]
    assert list(citizen_demands(claimant)) == [own]
    claimant.person.refresh_from_db()
    assert claimant.person.phone_hash == "" and not claimant.person.phone
    assert "phone_claim_released" in [e.action for e in events_for(claimant.person)]


def test_an_old_account_proves_its_phone_and_adopts_the_recorded_demands(county):
    user = claimed_account(name="李老")
    recorded = phone_demand(county)
    assert citizen_phone_verify_start(actor=user, client_ip="10.0.0.1") == "139****5678"
    with pytest.raises(ApplicationError) as exc:
        citizen_phone_verify(actor=user, code="000000" if last_code() != "000000" else "000001")
    assert exc.value.message == BAD_CODE
    user.person.refresh_from_db()
    assert user.person.phone_verified_at is None
    citizen_phone_verify(actor=user, code=last_code())
    user.person.refresh_from_db()
    assert user.person.phone_verified_at is not None
    assert list(citizen_demands(user)) == [recorded]
    assert "phone_verified" in [e.action for e in events_for(user.person)]


def test_expired_codes_are_purged_after_a_day():
    from datetime import timedelta

    from django.utils import timezone

    from grassroots.core.periodic import JOBS
    from grassroots.people.models import PhoneCode
    from grassroots.people.verification import phone_code_purge

    now = timezone.now()
    old = PhoneCode.objects.create(phone_hash="a" * 64, purpose="register", code_hash="x",
                                   expires_at=now - timedelta(days=2))
    recent = PhoneCode.objects.create(phone_hash="b" * 64, purpose="register", code_hash="y",
                                      expires_at=now - timedelta(hours=2))
    live = PhoneCode.objects.create(phone_hash="c" * 64, purpose="verify", code_hash="z",
                                    expires_at=now + timedelta(minutes=5))
    assert phone_code_purge(at=now) == 1
    assert set(PhoneCode.objects.values_list("pk", flat=True)) == {recent.pk, live.pk}
    assert not PhoneCode.objects.filter(pk=old.pk).exists()
    assert JOBS["phone_code_purge"].every_seconds == 86400
