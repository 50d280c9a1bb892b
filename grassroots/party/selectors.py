"""Reads of the party tree, scope-filtered, counted in the database."""

from datetime import timedelta

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import MemberStatus, PartyMember, PartyOrganisation
from .rules import rule_value


def _subtree_count(**filters):
    """Active members in an organisation's subtree (a correlated subquery on the path)."""
    sub = (PartyMember.objects.filter(organisation__path__startswith=OuterRef("path"),
                                      is_active=True, **filters)
           .order_by().values("is_active").annotate(n=Count("pk")).values("n"))
    return Coalesce(Subquery(sub, output_field=IntegerField()), Value(0))


def term_warning_date():
    return timezone.localdate() + timedelta(days=rule_value("term_due_warning_days"))


def tree_for(user, *, include_closed: bool = False):
    """The organisations the user may see, in tree order, with their own and subtree counts."""
    qs = PartyOrganisation.objects.restrict(user, "view")
    if not include_closed:
        qs = qs.filter(is_active=True)
    active = Q(members__is_active=True)
    return (qs.select_related("secretary", "parent")
            .annotate(
                own_full=Count("members", filter=active & Q(members__status=MemberStatus.FULL)),
                own_probationary=Count(
                    "members", filter=active & Q(members__status=MemberStatus.PROBATIONARY)),
                total=_subtree_count(),
                total_full=_subtree_count(status=MemberStatus.FULL),
            ).order_by("path"))


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
