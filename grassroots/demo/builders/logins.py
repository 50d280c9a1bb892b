"""Step "logins": the demo users, one per role, all with the published demo password."""

from __future__ import annotations

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from grassroots.core.events import event_record
from grassroots.core.scope import Role
from grassroots.orgs.models import Organization
from grassroots.orgs.services import membership_grant
from grassroots.people.models import Person, PersonKind, ServiceTeamMember, TeamSeat, User

from ..demo_logins import PASSWORD, DemoLogin, logins
from ..registry import SeedContext

SECRETARY_TOWN_CODE = "370828001000"  # 金乡街道


def _password_hash(ctx: SeedContext) -> str:
    # One PBKDF2 hash shared by every demo user: hashing per user would cost ~0.3 s each.
    if "password_hash" not in ctx.cache:
        ctx.cache["password_hash"] = make_password(PASSWORD)
    return ctx.cache["password_hash"]


def _staff_login(ctx: SeedContext, spec: DemoLogin) -> User:
    org = Organization.objects.get(code=spec.org_code)
    is_admin = spec.role == Role.ADMIN
    user = User.objects.create(username=spec.username, password=_password_hash(ctx),
                               is_demo=True, is_staff=is_admin, is_superuser=is_admin)
    person = Person(name=spec.name, kind=PersonKind.CADRE, user=user, position=spec.title)
    person.set_phone(spec.phone)
    person.save()
    membership_grant(actor=None, person=person, organization=org, role=spec.role,
                     title=spec.title)
    return user


def _secretary_login(ctx: SeedContext, spec: DemoLogin) -> User:
    """Give a login to a town cadre who already sits on a team in 金乡街道."""
    seat = (
        ServiceTeamMember.objects.filter(
            ended_at__isnull=True, seat=TeamSeat.TOWN_CADRE, person__user__isnull=True,
            team__grid__division__town__code=SECRETARY_TOWN_CODE,
        ).select_related("person").order_by("team__grid__code", "pk").first()
        or ServiceTeamMember.objects.filter(
            ended_at__isnull=True, seat=TeamSeat.TOWN_CADRE, person__user__isnull=True,
        ).select_related("person").order_by("team__grid__code", "pk").first()
    )
    if seat is None:
        raise RuntimeError("no service team to seat the demo secretary: run the teams step first")
    user = User.objects.create(username=spec.username, password=_password_hash(ctx), is_demo=True)
    person = seat.person
    person.user = user
    person.save(update_fields=["user"])
    return user


def _citizen_login(ctx: SeedContext, spec: DemoLogin) -> User:
    # Real citizens get a random username and prove their phone by SMS code; the demo one has a
    # memorable name and is seeded as having proven its phone (it also signs in with it).
    user = User.objects.create(username=spec.username, password=_password_hash(ctx),
                               is_demo=True)
    person = Person(name=spec.name, kind=PersonKind.CITIZEN, user=user)
    person.set_phone(spec.phone)
    person.phone_verified_at = timezone.now()
    person.save()
    event_record(subject=person, actor=user, action="citizen_registered",
                 to_state=PersonKind.CITIZEN)
    return user


BUILDERS = {"secretary": _secretary_login, "citizen": _citizen_login}


def build_logins(ctx: SeedContext) -> dict[str, int]:
    existing = set(User.objects.filter(
        username__in=[x.username for x in logins()]).values_list("username", flat=True))
    created = 0
    for spec in logins():
        if spec.username in existing:
            continue
        builder = BUILDERS.get(spec.username)
        if builder is None:
            if not (spec.org_code and spec.role):
                continue  # registered by a later system, which creates the user in its own step
            builder = _staff_login
        builder(ctx, spec)
        created += 1
    return {"users": created}

