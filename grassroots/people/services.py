"""Writes on people and service teams: registration, cadres, the "1+2+3" seats.

Every function is keyword-only, runs in one transaction and appends an event row.
``team_is_complete`` / ``annotate_team_completeness`` are reads kept next to the rules they mirror.
"""

from __future__ import annotations

import re
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.core import clock
from grassroots.core.errors import ApplicationError
from grassroots.core.events import event_record
from grassroots.core.policy import require
from grassroots.core.text import clean_text
from grassroots.orgs.models import Organization, OrganizationKind

from .models import (
    SEATS_REQUIRED,
    Person,
    PersonKind,
    ServiceTeam,
    ServiceTeamMember,
    TeamSeat,
)
from .pii import hash_phone
from .validators import MOBILE_RE, clean_mobile, is_valid_mobile  # noqa: F401  (re-exported)
from .verification import citizen_register, citizen_register_start  # noqa: F401

ID_NUMBER_RE = re.compile(r"^[0-9]{17}[0-9X]$", re.ASCII)
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


# --- validation shared with the importers -------------------------------------------------------

def id_number_check_digit(first17: str) -> str:
    """The GB 11643-1999 check character (ISO 7064 MOD 11-2) of the first 17 digits."""
    return _ID_CHECK[sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def is_valid_id_number(value: str) -> bool:
    """An 18-character resident ID number: digits, a real birth date and the right check digit."""
    value = (value or "").upper()
    if not ID_NUMBER_RE.match(value):
        return False
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    if born.year < 1900 or born > timezone.localdate():
        return False
    return id_number_check_digit(value[:17]) == value[17]


def _clean_mobile(phone: str) -> str:
    try:
        return clean_mobile(phone)
    except ValidationError as exc:
        raise ApplicationError(exc.messages[0], field="phone")


def _clean_name(name: str) -> str:
    name = clean_text(name)
    if not name:
        raise ApplicationError(_("请填写姓名。"), field="name")
    if len(name) > 40:
        raise ApplicationError(_("姓名不能超过40个字。"), field="name")
    return name


# --- cadres and citizens without a login ------------------------------------------------------------------------

def person_create(
    *, actor, name: str, kind: str, phone: str = "", id_number: str = "", position: str = "",
) -> Person:
    """Register a cadre or citizen without a login (admin, or town staff adding their cadres)."""
    require(actor, "people.register_person")
    name = _clean_name(name)
    if kind not in PersonKind.values:
        raise ApplicationError(_("人员类别应为干部或群众。"), field="kind")
    phone = (phone or "").strip()
    if phone:
        phone = _clean_mobile(phone)
    id_number = (id_number or "").strip().upper()
    if id_number and not is_valid_id_number(id_number):
        raise ApplicationError(_("身份证号格式不正确或校验码错误。"), field="id_number")
    position = clean_text(position)
    if len(position) > 60:
        raise ApplicationError(_("职务不能超过60个字。"), field="position")
    with transaction.atomic():
        if phone and Person.objects.filter(phone_hash=hash_phone(phone)).exists():
            raise ApplicationError(_("该手机号已被其他人员使用。"), field="phone")
        person = Person(name=name, kind=kind, position=position)
        person.set_phone(phone)
        person.set_id_number(id_number)
        person.save()
        event_record(subject=person, actor=actor, action="person_created", to_state=kind)
    return person


# --- service teams ------------------------------------------------------------------------------

def _check_cadre(person: Person) -> None:
    if person.kind != PersonKind.CADRE:
        raise ApplicationError(_("只有干部可以担任民情书记。"), field="person")


def _check_load(person: Person, *, team: ServiceTeam) -> None:
    active = ServiceTeamMember.objects.filter(person=person, ended_at__isnull=True)
    if active.filter(team=team).exists():
        raise ApplicationError(_("%(name)s已在本服务队中。") % {"name": person.name},
                               field="person")
    limit = settings.GRASSROOTS_MAX_TEAMS_PER_CADRE
    if active.values("team").distinct().count() >= limit:
        raise ApplicationError(
            _("%(name)s已在%(n)s个服务队任民情书记，不能再增加。")
            % {"name": person.name, "n": limit}, field="person"
        )


def _check_organization(organization: Organization | None, *, seat: str,
                        team: ServiceTeam) -> None:
    if organization is None:
        return
    if seat == TeamSeat.TOWN_CADRE:
        town_id = team.grid.division.town_id
        if organization.kind != OrganizationKind.TOWN or organization.division_id != town_id:
            raise ApplicationError(_("镇街干部的派出单位应为本网格所在的镇（街道）。"),
                                   field="organization")
    elif organization.kind in (OrganizationKind.TOWN, OrganizationKind.VILLAGE_COMMITTEE):
        raise ApplicationError(_("县直席位的派出单位应为县直部门或单位。"), field="organization")


def _lock_team(team: ServiceTeam) -> ServiceTeam:
    # Serialises seat changes on one team, so two assignments cannot both take the last seat.
    return ServiceTeam.objects.select_for_update().select_related("grid__division").get(pk=team.pk)


def _lock_person(person: Person) -> Person:
    # Serialises the per-cadre team limit across teams.
    return Person.objects.select_for_update().get(pk=person.pk)


def team_member_assign(
    *, actor, team: ServiceTeam, person: Person, seat: str,
    organization: Organization | None = None,
) -> ServiceTeamMember:
    """Seat a cadre on a team, keeping the "1+2+3" shape and the per-cadre team limit."""
    require(actor, "people.manage_team", team)
    if seat not in SEATS_REQUIRED:
        raise ApplicationError(_("席位无效，应为县直部门负责同志、县直机关干部或镇街干部。"),
                               field="seat")
    with transaction.atomic():
        team = _lock_team(team)
        person = _lock_person(person)
        _check_cadre(person)
        _check_organization(organization, seat=seat, team=team)
        limit = SEATS_REQUIRED[seat]
        taken = team.members.filter(seat=seat, ended_at__isnull=True).count()
        if taken >= limit:
            raise ApplicationError(
                _("该服务队的“%(seat)s”席位已满（%(n)s人）。")
                % {"seat": TeamSeat(seat).label, "n": limit}, field="seat"
            )
        _check_load(person, team=team)
        member = ServiceTeamMember.objects.create(
            team=team, person=person, seat=seat, organization=organization,
        )
        event_record(subject=team, actor=actor, action="team_member_assigned", to_state=seat,
                     note=person.name,
                     extra={"member_id": member.pk, "person_id": person.pk, "seat": seat,
                            "organization_id": organization.pk if organization else None})
    return member


def team_member_replace(
    *, actor, member: ServiceTeamMember, new_person: Person, reason: str,
    organization: Organization | None = None,
) -> ServiceTeamMember:
    """End a seat (the row stays, with ``ended_at``) and give it to another cadre."""
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(_("请填写更换原因。"), field="reason")
    require(actor, "people.manage_team", member.team)
    with transaction.atomic():
        team = _lock_team(member.team)
        new_person = _lock_person(new_person)
        _check_cadre(new_person)
        organization = organization or member.organization
        _check_organization(organization, seat=member.seat, team=team)
        _check_load(new_person, team=team)
        now = clock.now()
        ended = ServiceTeamMember.objects.filter(pk=member.pk, ended_at__isnull=True).update(
            ended_at=now
        )
        if ended != 1:
            raise ApplicationError(_("该席位已被更换，请刷新后重试。"), field="member")
        new_member = ServiceTeamMember.objects.create(
            team=team, person=new_person, seat=member.seat, organization=organization,
            started_at=now,
        )
        event_record(subject=team, actor=actor, action="team_member_replaced",
                     from_state=member.seat, to_state=member.seat, note=reason,
                     extra={"old_member_id": member.pk, "old_person_id": member.person_id,
                            "new_member_id": new_member.pk, "new_person_id": new_person.pk})
    member.ended_at = now
    return new_member


# --- reads --------------------------------------------------------------------------------------

def _seat_count(seat: str) -> Count:
    return Count("members", filter=Q(members__seat=seat, members__ended_at__isnull=True))


def annotate_team_completeness(queryset: QuerySet[ServiceTeam] | None = None) -> QuerySet:
    """Annotate each team with its active members per seat and ``is_complete``, in the database."""
    from django.db.models import BooleanField, Case, Value, When

    queryset = ServiceTeam.objects.all() if queryset is None else queryset
    counts = {f"n_{seat}": _seat_count(seat) for seat in SEATS_REQUIRED}
    complete = Q(**{f"n_{seat}": n for seat, n in SEATS_REQUIRED.items()})
    return queryset.annotate(**counts).annotate(
        is_complete=Case(When(complete, then=Value(True)), default=Value(False),
                         output_field=BooleanField())
    )


def complete_teams(queryset: QuerySet[ServiceTeam] | None = None) -> QuerySet:
    """Teams whose active seats are exactly 1 department leader + 2 county + 3 town cadres."""
    return annotate_team_completeness(queryset).filter(is_complete=True)


def team_is_complete(team: ServiceTeam) -> bool:
    counts = dict(
        team.members.filter(ended_at__isnull=True).values_list("seat").annotate(n=Count("id"))
    )
    return all(counts.get(seat, 0) == n for seat, n in SEATS_REQUIRED.items())
