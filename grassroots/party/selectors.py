"""Reads of the party tree, scope-filtered, counted in the database."""

from datetime import timedelta

from django.db.models import Count
from django.utils import timezone

from .models import MemberStatus, PartyMember, PartyOrganisation
from .rules import rule_value


def with_counts(orgs) -> list:
    """``orgs`` as a list, each with its active members counted: ``own_full``,
    ``own_probationary`` (its own roll), ``total`` and ``total_full`` (its subtree). The
    database counts members per organisation and status in one GROUP BY; those few hundred
    counts are added to each ancestor along the materialised path (no member rows in Python,
    no correlated subquery per organisation)."""
    orgs = list(orgs)
    own: dict[tuple[int, str], int] = {}
    subtree: dict[tuple[int, str], int] = {}
    rows = (PartyMember.objects.filter(is_active=True).order_by()
            .values("organisation_id", "organisation__path", "status").annotate(n=Count("pk")))
    for r in rows:
        own[(r["organisation_id"], r["status"])] = r["n"]
        for ancestor in r["organisation__path"].strip("/").split("/"):
            key = (int(ancestor), r["status"])
            subtree[key] = subtree.get(key, 0) + r["n"]
    full, probationary = MemberStatus.FULL, MemberStatus.PROBATIONARY
    for org in orgs:
        org.own_full = own.get((org.pk, full), 0)
        org.own_probationary = own.get((org.pk, probationary), 0)
        org.total_full = subtree.get((org.pk, full), 0)
        org.total = org.total_full + subtree.get((org.pk, probationary), 0)
    return orgs


def term_warning_date():
    return timezone.localdate() + timedelta(days=rule_value("term_due_warning_days"))


def tree_for(user, *, include_closed: bool = False):
    """The organisations the user may see, in tree order (``with_counts`` counts their
    members)."""
    qs = PartyOrganisation.objects.restrict(user, "view")
    if not include_closed:
        qs = qs.filter(is_active=True)
    return qs.select_related("secretary", "parent").order_by("path")


def term_due_soon(qs):
    """The active organisations whose committee term is due within the warning window (or
    overdue)."""
    return qs.filter(is_active=True, term_due_on__isnull=False,
                     term_due_on__lte=term_warning_date())


def members_of(user, org):
    """The current members of ``org`` the user may see (a member sees only himself)."""
    return (PartyMember.objects.restrict(user, "view")
            .filter(organisation=org, is_active=True)
            .select_related("person").order_by("-status", "joined_on", "pk"))


def members_for(user):
    """Every current member the user may see (the export's rows)."""
    return (PartyMember.objects.restrict(user, "view").filter(is_active=True)
            .select_related("person", "organisation").order_by("organisation__path", "pk"))


def full_member_counts(org_ids) -> dict[int, int]:
    rows = (PartyMember.objects.filter(organisation_id__in=org_ids, is_active=True,
                                       status=MemberStatus.FULL)
            .values("organisation_id").annotate(n=Count("pk")))
    return {r["organisation_id"]: r["n"] for r in rows}
