"""Citizens sign in with their phone number; their username is not the phone.

The phone typed in the login form is looked up through the person's blind index
(``Person.phone_hash``, pii.hash_phone), never compared in clear. ``axes_username`` is what
django-axes records and logs for a login attempt: a typed phone is kept masked and hashed.
"""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend

from .models import Person, PersonKind, User
from .pii import hash_phone, mask_phone, normalize_phone
from .validators import is_valid_mobile


def phone_of(username) -> str:
    """The mobile number typed as a login name, normalised; "" when it is not one."""
    value = normalize_phone(username if isinstance(username, str) else "")
    return value if is_valid_mobile(value) else ""


def masked_login_name(username) -> str:
    """A login name fit for logs: a phone becomes "138****0001#1a2b3c" (masked, plus a short
    keyed hash so two phones with the same ends stay apart); any other name is kept."""
    phone = phone_of(username)
    if not phone:
        return str(username or "")[:150]
    return f"{mask_phone(phone)}#{hash_phone(phone)[:8]}"


def axes_username(request, credentials) -> str:
    return masked_login_name((credentials or {}).get("username", ""))


class PhoneBackend(ModelBackend):
    """Authenticates a person whose login name is a mobile number: a citizen (a phone proven by
    an SMS code is tried first; an older account that never proved it still signs in and is
    asked to prove it, unless a proven account holds the number) or a cadre, whose phone the
    county entered (staff import), which counts as proven."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        phone = phone_of(username)
        if not phone or password is None:
            return None
        people = (Person.objects.filter(phone_hash=hash_phone(phone),
                                        kind__in=(PersonKind.CITIZEN, PersonKind.CADRE),
                                        user__isnull=False)
                  .select_related("user").order_by("pk"))

        def proven(p):
            return p.kind == PersonKind.CADRE or p.phone_verified_at is not None

        people = sorted(people, key=lambda p: not proven(p))
        if any(proven(p) for p in people):
            people = [p for p in people if proven(p)]
        for person in people:
            user = person.user
            if user.check_password(password) and self.user_can_authenticate(user):
                return user
        if not people:
            User().set_password(password)  # the same work as a wrong password (timing)
        return None
