"""The mass representatives' register with its contact log, and the demonstration sites."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from grassroots.core.errors import ApplicationError, FieldErrors
from grassroots.core.events import event_record
from grassroots.core.policy import require
from grassroots.core.text import clean_text
from grassroots.core.transitions import transition_apply
from grassroots.people.models import Person, PersonKind
from grassroots.people.validators import visible_length

from ..models import (
    ContactLog,
    DemonstrationSite,
    MassRepresentative,
    SiteKind,
    SiteStatus,
)
from ..transitions import SITE_TABLE, SiteAction


def rep_register(*, actor, branch, term_from: date, term_to: date, person=None, name: str = "",
                 village=None, grid=None, linked_households: int = 0) -> MassRepresentative:
    """``person``, or a ``name`` alone: one of the masses without an account is recorded."""
    require(actor, "partyday.record", branch)
    if person is None:
        name = clean_text(name)[:40]
        if visible_length(name) < 2:
            raise ApplicationError(_("请填写群众代表姓名。"), field="name")
    elif person.kind != PersonKind.CITIZEN:
        raise ApplicationError(_("群众代表应从群众中推选，干部不能登记为群众代表。"), field="person")
    if term_to <= term_from:
        raise ApplicationError(_("任期结束日期应晚于开始日期。"), field="term_to")
    if linked_households < 0:
        raise ApplicationError(_("联系户数不能为负数。"), field="linked_households")
    try:
        with transaction.atomic():
            if person is None:
                person = Person.objects.create(name=name, kind=PersonKind.CITIZEN)
            rep = MassRepresentative.objects.create(
                person=person, branch=branch, village=village or branch.division, grid=grid,
                term_from=term_from, term_to=term_to, linked_households=linked_households)
            event_record(subject=rep, actor=actor, action="rep_register")
    except IntegrityError:
        raise ApplicationError(_("%(name)s已是本支部的群众代表。") % {"name": person.name},
                               field="person") from None
    return rep


def rep_contact_log(*, actor, representative: MassRepresentative, date: date, households: int,
                    issues: str) -> ContactLog:
    """What a representative heard between meetings (where suggestions originate)."""
    require(actor, "partyday.rep_log", representative)
    issues = clean_text(issues)
    errors = {}
    if households < 1:
        errors["households"] = [_("请填写走访户数（至少1户）。")]
    if visible_length(issues) < 5:
        errors["issues"] = [_("请写明听到的意见诉求（至少5个字）。")]
    if errors:
        raise FieldErrors(field_errors=errors)
    with transaction.atomic():
        row = ContactLog.objects.create(representative=representative, date=date,
                                        households=households, issues=issues[:5000])
        event_record(subject=representative, actor=actor, action="rep_contact_log",
                     extra={"log": row.pk, "households": households})
    return row


def site_propose(*, actor, org, kind: str, level: str = "county",
                 criteria_met=(), note: str = "") -> DemonstrationSite:
    require(actor, "partyday.manage_sites")
    if kind not in SiteKind.values:
        raise ApplicationError(_("请选择示范区类别。"), field="kind")
    try:
        with transaction.atomic():
            site = DemonstrationSite.objects.create(org=org, kind=kind, level=level,
                                                    criteria_met=list(criteria_met),
                                                    note=clean_text(note)[:200])
            event_record(subject=site, actor=actor, action="site_propose",
                         to_state=SiteStatus.CANDIDATE)
    except IntegrityError:
        raise ApplicationError(_("%(org)s已在该类示范区名录中。") % {"org": org.name},
                               field="org") from None
    return site


def site_act(*, actor, site: DemonstrationSite, action: str, on: date, note: str = "") -> DemonstrationSite:
    """Name, review, keep or revoke a site (SITE_TABLE)."""
    require(actor, "partyday.manage_sites")
    fields = {}
    if action == SiteAction.NAME:
        fields["named_on"] = on
    elif action == SiteAction.REVIEW:
        fields["reviewed_on"] = on
    if action == SiteAction.REVOKE and visible_length(clean_text(note)) < 4:
        raise ApplicationError(_("撤销示范区请说明理由（至少4个字）。"), field="note")
    with transaction.atomic():
        locked = DemonstrationSite.objects.select_for_update().get(pk=site.pk)
        transition_apply(SITE_TABLE, locked, action=action, who="county", actor=actor,
                         fields=fields, note=clean_text(note)[:200])
    return locked
