"""Citizens prove their phone with a one-time SMS code (registration, and later for an account
made before codes existed), and only a proven phone gathers the demands recorded under it.

- A code is six random digits, kept only as a keyed hash, valid ``GRASSROOTS_PHONE_CODE_TTL``
  seconds for at most ``GRASSROOTS_PHONE_CODE_MAX_ATTEMPTS`` tries; a newer code replaces the
  older ones. Sending is rate-limited per phone (``sms_phone``) and per address (``sms_ip``).
- Registration never says whether a phone is registered: the first step answers "验证码已发送"
  either way; the holder of an existing proven account gets a notice by SMS instead of a code.
- Proving a phone (``_phone_proven``) adopts the demands that staff and integrations recorded
  under it (on the phone's login-less profile) and takes the phone away from accounts that
  claimed it without proof.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from grassroots.core import clock
from grassroots.core.errors import ApplicationError
from grassroots.core.events import event_record
from grassroots.core.ratelimit import hit

from .models import Person, PersonKind, PhoneCode, PhoneCodePurpose, User
from .pii import hash_phone, mask_phone
from .sms import SmsError, sms_send
from .validators import clean_mobile

CODE_DIGITS = 6


class RateLimited(ApplicationError):
    status_code = 429


class SmsUnavailable(ApplicationError):
    status_code = 503


def _ttl() -> int:
    return int(getattr(settings, "GRASSROOTS_PHONE_CODE_TTL", 300))


def _max_attempts() -> int:
    return int(getattr(settings, "GRASSROOTS_PHONE_CODE_MAX_ATTEMPTS", 5))


def _code_hash(phone_hash: str, code: str) -> str:
    key = (getattr(settings, "SALT_KEY", "") or settings.SECRET_KEY).encode()
    return hmac.new(key, f"otp:{phone_hash}:{code}".encode(), hashlib.sha256).hexdigest()


def _mobile(phone: str) -> str:
    try:
        return clean_mobile(phone)
    except ValidationError as exc:
        raise ApplicationError(exc.messages[0], field="phone")


def bad_code_message() -> str:
    return _("验证码错误或已过期，请重新获取。")


def new_citizen_username() -> str:
    """A citizen's login name: never the phone (it would show in clear in audit rows, lockout
    records and the admin list); citizens sign in with the phone (see backends.PhoneBackend)."""
    return f"c_{secrets.token_hex(6)}"


def new_staff_username() -> str:
    """An imported cadre's login name, for the same reason; they sign in with their phone."""
    return f"s_{secrets.token_hex(6)}"


def _rate_check(phone_hash: str, client_ip: str) -> None:
    for name, ident in (("sms_phone", phone_hash[:32]), ("sms_ip", client_ip or "unknown")):
        allowed, retry_after = hit(name, ident)
        if not allowed:
            raise RateLimited(_("获取验证码过于频繁，请约%(minutes)s分钟后再试。")
                              % {"minutes": max(1, -(-retry_after // 60))}, field="phone")


def _send(phone: str, text: str) -> None:
    try:
        sms_send(phone, text)
    except SmsError:
        raise SmsUnavailable(_("短信发送失败，请稍后再试。"), field="phone")


def _code_issue(*, phone: str, phone_hash: str, purpose: str, user=None) -> None:
    code = f"{secrets.randbelow(10 ** CODE_DIGITS):0{CODE_DIGITS}d}"
    now = clock.now()
    with transaction.atomic():
        # One live code per phone and purpose: a new one ends the older ones.
        PhoneCode.objects.filter(phone_hash=phone_hash, purpose=purpose,
                                 used_at__isnull=True).update(used_at=now)
        row = PhoneCode.objects.create(phone_hash=phone_hash, purpose=purpose, user=user,
                                       code_hash=_code_hash(phone_hash, code), created_at=now,
                                       expires_at=now + timedelta(seconds=_ttl()))
    try:
        _send(phone, _("【基层治理】验证码%(code)s，%(minutes)s分钟内有效。请勿告诉他人。")
              % {"code": code, "minutes": max(1, _ttl() // 60)})
    except SmsUnavailable:
        PhoneCode.objects.filter(pk=row.pk).delete()  # never sent: it cannot be used
        raise


def _code_consume(*, phone_hash: str, purpose: str, code: str, user=None) -> None:
    """Spend the live code if ``code`` is it; a wrong try counts (and is kept) before the
    refusal. Raises ApplicationError with one message for wrong, expired, used or unknown."""
    code = (code or "").strip()
    now = clock.now()
    with transaction.atomic():
        row = (PhoneCode.objects.select_for_update()
               .filter(phone_hash=phone_hash, purpose=purpose, used_at__isnull=True,
                       expires_at__gt=now, attempts__lt=_max_attempts(), user=user)
               .order_by("-created_at", "-pk").first())
        matches = row is not None and hmac.compare_digest(
            row.code_hash, _code_hash(phone_hash, code))
        if row is not None and matches:
            PhoneCode.objects.filter(pk=row.pk).update(used_at=now, attempts=row.attempts + 1)
        elif row is not None:
            PhoneCode.objects.filter(pk=row.pk).update(attempts=row.attempts + 1)
    if not matches:
        raise ApplicationError(bad_code_message(), field="code")


def _verified_holder(phone_hash: str):
    return Person.objects.filter(phone_hash=phone_hash, kind=PersonKind.CITIZEN,
                                 user__isnull=False, phone_verified_at__isnull=False).first()


# Apps whose records are kept under a phone (demands) adopt them for the account that proves
# it: ``adopt(person=, profile_ids=, claimant_ids=) -> [ids adopted]``, registered from the
# app's AppConfig (people does not import them).
_record_adopters: list = []


def register_record_adopter(adopt) -> None:
    if adopt not in _record_adopters:
        _record_adopters.append(adopt)


def _phone_proven(*, person: Person, actor, now) -> dict:
    """``person`` has just proven its phone (inside the caller's transaction): release the phone
    from accounts that only claimed it, and adopt the records kept under it."""
    claimants = list(Person.objects.select_for_update().filter(
        phone_hash=person.phone_hash, kind=PersonKind.CITIZEN, user__isnull=False,
        phone_verified_at__isnull=True).exclude(pk=person.pk))
    profile_ids = list(Person.objects.filter(phone_hash=person.phone_hash,
                                             kind=PersonKind.CITIZEN, user__isnull=True)
                       .values_list("pk", flat=True))
    adopted = []
    for adopt in _record_adopters:
        adopted += adopt(person=person, profile_ids=profile_ids,
                         claimant_ids=[c.pk for c in claimants])
    for claimant in claimants:
        Person.objects.filter(pk=claimant.pk).update(phone=None, phone_hash="", phone_masked="")
        event_record(subject=claimant, actor=actor, action="phone_claim_released",
                     note=_("该手机号已由他人验证，本账号不再关联此号码。"),
                     extra={"by_person_id": person.pk}, at=now)
    return {"adopted_demands": adopted, "released_accounts": [c.pk for c in claimants]}


# --- registration -------------------------------------------------------------------------------

def citizen_register_start(*, phone: str, client_ip: str = "") -> str:
    """Step 1 of registration: text a code to ``phone``. Answers the same whether or not the
    phone is registered (the masked phone, for "验证码已发送至…"); the holder of a proven
    account is told by SMS instead of getting a code."""
    phone = _mobile(phone)
    phone_hash = hash_phone(phone)
    _rate_check(phone_hash, client_ip)
    if _verified_holder(phone_hash) is not None:
        _send(phone, _("【基层治理】有人正在用您的手机号注册群众账号。该号码已有账号，请直接用手机号"
                       "登录；如非本人操作，请忽略本短信。"))
    else:
        _code_issue(phone=phone, phone_hash=phone_hash, purpose=PhoneCodePurpose.REGISTER)
    return mask_phone(phone)


def _clean_name(name: str) -> str:
    from .services import _clean_name as clean

    return clean(name)


def citizen_register(*, phone: str, code: str, name: str, password: str) -> User:
    """Step 2: a citizen with the code texted to ``phone`` opens an account (the new user is the
    actor). The phone is proven: demands recorded under it join the account."""
    phone = _mobile(phone)
    name = _clean_name(name)
    try:
        validate_password(password, user=User(username=phone))
    except ValidationError as exc:
        raise ApplicationError("".join(exc.messages), field="password")
    phone_hash = hash_phone(phone)
    _code_consume(phone_hash=phone_hash, purpose=PhoneCodePurpose.REGISTER, code=code)
    now = clock.now()
    try:
        with transaction.atomic():
            # A proven account holds the phone already (it registered in between): the same
            # answer as a wrong code, which is what this caller would have got.
            if _verified_holder(phone_hash) is not None:
                raise ApplicationError(bad_code_message(), field="code")
            user = User(username=new_citizen_username())
            user.set_password(password)
            user.save()
            person = Person(name=name, kind=PersonKind.CITIZEN, user=user)
            person.set_phone(phone)
            person.phone_verified_at = now
            person.save()
            result = _phone_proven(person=person, actor=user, now=now)
            event_record(subject=person, actor=user, action="citizen_registered",
                         to_state=PersonKind.CITIZEN, extra=result, at=now)
    except IntegrityError:  # a concurrent registration with the same phone won the race
        raise ApplicationError(bad_code_message(), field="code")
    return user


# --- an existing account proves its phone -------------------------------------------------------

def _own_citizen(actor) -> Person:
    person = Person.objects.filter(user=actor, kind=PersonKind.CITIZEN).first() \
        if getattr(actor, "pk", None) else None
    if person is None:
        raise ApplicationError(_("请使用群众账号登录。"))
    if not person.phone_hash:
        raise ApplicationError(_("您的账号没有登记手机号，请重新注册。"), field="code")
    return person


def citizen_phone_verify_start(*, actor, client_ip: str = "") -> str:
    """Text a code to the phone of the actor's citizen account (one made before codes)."""
    person = _own_citizen(actor)
    if person.phone_verified_at:
        raise ApplicationError(_("您的手机号已验证。"), field="code")
    _rate_check(person.phone_hash, client_ip)
    _code_issue(phone=person.phone, phone_hash=person.phone_hash,
                purpose=PhoneCodePurpose.VERIFY, user=actor)
    return person.phone_masked


def citizen_phone_verify(*, actor, code: str) -> Person:
    person = _own_citizen(actor)
    if person.phone_verified_at:
        raise ApplicationError(_("您的手机号已验证。"), field="code")
    _code_consume(phone_hash=person.phone_hash, purpose=PhoneCodePurpose.VERIFY, code=code,
                  user=actor)
    now = clock.now()
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        if _verified_holder(person.phone_hash) is not None or not person.phone_hash:
            # Someone else proved the number first; this account lost it meanwhile.
            raise ApplicationError(bad_code_message(), field="code")
        Person.objects.filter(pk=person.pk).update(phone_verified_at=now)
        person.phone_verified_at = now
        result = _phone_proven(person=person, actor=actor, now=now)
        event_record(subject=person, actor=actor, action="phone_verified", extra=result, at=now)
    return person


PHONE_CODE_KEEP_DAYS = 1  # a used or expired code has no further use; the send limits live in the cache


def phone_code_purge(*, at=None) -> int:
    """Periodic job: delete codes that expired over a day ago (used or not). They hold only hashes,
    but a phone's hash with its send times is still a trace of who registered when."""
    from datetime import timedelta

    from django.utils import timezone

    at = at or timezone.now()
    deleted, _counts = PhoneCode.objects.filter(
        expires_at__lt=at - timedelta(days=PHONE_CODE_KEEP_DAYS)).delete()
    return deleted
