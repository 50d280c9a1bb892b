"""Reads, always scope-filtered; the calendar's counts are database aggregates."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth

from grassroots.core.policy import visible
from grassroots.core.scope import get_scope
from grassroots.party.models import BRANCH_KINDS, PartyOrganisation

from .models import ExpectedMeeting, Meeting, Vote, org_ids_in_scope
from .periods import add_months


def meetings_for(user, *, org=None, kind: str = "", status: str = ""):
    qs = visible(user, Meeting.objects.select_related("org"))
    if org is not None:
        qs = qs.filter(org__path__startswith=org.path)
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    return qs


def votes_for(user, meeting):
    return visible(user, Vote.objects.filter(meeting=meeting))


def orgs_for_calendar(user):
    """The organisations a user may pick for the calendar (committees and branches in scope)."""
    qs = PartyOrganisation.objects.filter(is_active=True)
    return qs.restrict(user, "view").order_by("path")


def calendar(user, org, year: int) -> dict:
    """held/expected per branch of ``org``'s tree and month of ``year`` (by the month an
    expectation falls due), for the branches the user sees; one grouped query."""
    start = date(year, 1, 1)
    end = add_months(start, 12)
    qs = visible(user, ExpectedMeeting.objects.filter(
        org__path__startswith=org.path, org__kind__in=BRANCH_KINDS,
        period_end__gte=start, period_end__lt=end))
    cells = (qs.annotate(month=TruncMonth("period_end"))
             .values("org_id", "month")
             .annotate(expected=Count("id"), held=Count("meeting")))
    by_org: dict[int, dict[int, dict]] = {}
    for c in cells:
        month = c["month"].month
        by_org.setdefault(c["org_id"], {})[month] = {"expected": c["expected"],
                                                     "held": c["held"]}
    orgs = PartyOrganisation.objects.filter(pk__in=by_org).order_by("path")
    totals = qs.aggregate(expected=Count("id"), held=Count("meeting"))
    return {"rows": [{"org": o, "cells": [by_org[o.pk].get(m) for m in range(1, 13)]}
                     for o in orgs],
            "expected": totals["expected"], "held": totals["held"]}


def missing_by_obligation(user, org, year: int):
    """Expected but not held, per obligation, for the periods of ``year`` (database counts)."""
    start = date(year, 1, 1)
    return (visible(user, ExpectedMeeting.objects.filter(
        org__path__startswith=org.path, period_end__gte=start,
        period_end__lt=add_months(start, 12)))
        .values("obligation")
        .annotate(expected=Count("id"), missing=Count("id", filter=Q(meeting__isnull=True)))
        .order_by("obligation"))


def open_expectations(user, today: date):
    """Expectations of the current periods not yet held (home page)."""
    return visible(user, ExpectedMeeting.objects.filter(
        period_start__lte=today, period_end__gte=today, meeting__isnull=True))


def recordable_orgs(user):
    """The active organisations whose meetings the user records."""
    ids = org_ids_in_scope(get_scope(user))
    qs = PartyOrganisation.objects.filter(is_active=True).order_by("path")
    return qs if ids is None else qs.filter(pk__in=ids)


def guest_candidates(user):
    """Who may be added as a guest: cadres, and the party members of the organisations the user
    records (a citizen's record is not listed to a branch)."""
    from grassroots.people.models import Person, PersonKind

    orgs = recordable_orgs(user)
    return Person.objects.filter(
        Q(kind=PersonKind.CADRE) | Q(party_member__organisation__in=orgs,
                                     party_member__is_active=True)).distinct().order_by("name")
