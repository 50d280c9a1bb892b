"""Reads of the records, scope-filtered, computed in the database.

``with_counters(members, today)`` is the organisational-life counter #19 (disposal) reads:
it annotates each member row, in the same single query as the roster, with

* ``months_without_org_life`` — whole calendar months between the month of the member's last
  attended meeting (``meetings.MeetingAttendance.present``, a meeting held or minuted, at his
  branch or his mobile members' organisation alike) or, if none, his joining month, and the
  current month, the current month not counted (attended in June, today in December → 5);
* ``months_dues_unpaid`` — the member's bills still due for months before the current one;
* ``months_work_not_done`` — whole calendar months between the month of the earliest
  deadline of assigned work still not done and the current month, neither counted (due in
  June, today in December → 5; 0 when none is overdue);
* ``is_exempt`` — an approved exemption (the organisational-life counter is 0 for him).

Each reaching the ``party.records`` param ``counter.disposal_months`` (6) makes the member a
disposal candidate (criteria C15–C17, S2 §4.7) — the roster marks it; nothing is automatic.
Use it on any queryset of ``party.PartyMember``: ``with_counters(PartyMember.objects.filter(
organisation__path__startswith=town.path), today)`` is one query for a whole town.
"""

from datetime import date

from django.db.models import (
    Case,
    Count,
    DateTimeField,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, ExtractMonth, ExtractYear, Greatest

from grassroots.meetings.models import MeetingAttendance, MeetingStatus
from grassroots.party.models import ENTRY_STATUSES, PartyMember

from .models import AssignedWork, BillStatus, DuesBill, Transfer, TransferStatus
from .services.common import month_start


def _month_index(expr):
    return ExtractYear(expr) * 12 + ExtractMonth(expr)


def with_counters(members, today: date):
    current = today.year * 12 + today.month
    this_month = month_start(today)
    last_life = Subquery(
        MeetingAttendance.objects.filter(
            person_id=OuterRef("person_id"), present=True,
            meeting__status__in=(MeetingStatus.HELD, MeetingStatus.MINUTED),
            meeting__held_at__date__lte=today)
        .order_by().values("person_id").annotate(last=Max("meeting__held_at")).values("last"),
        output_field=DateTimeField())
    unpaid = Subquery(
        DuesBill.objects.filter(member_id=OuterRef("pk"), status=BillStatus.DUE,
                                month__lt=this_month)
        .order_by().values("member_id").annotate(n=Count("pk")).values("n"),
        output_field=IntegerField())
    overdue_work = Subquery(
        AssignedWork.objects.filter(member_id=OuterRef("pk"), done_on__isnull=True,
                                    due_on__lt=today)
        .order_by().values("member_id").annotate(first=Min("due_on")).values("first"))
    return (members.annotate(last_org_life=last_life, first_overdue_work=overdue_work)
            .annotate(
                is_exempt=Case(When(exempt_approved_on__isnull=False, then=Value(True)),
                               default=Value(False)),
                months_without_org_life=Case(
                    When(exempt_approved_on__isnull=False, then=Value(0)),
                    default=Greatest(Value(current - 1) - Coalesce(
                        _month_index(F("last_org_life")), _month_index(F("joined_on"))),
                        Value(0)),
                    output_field=IntegerField()),
                months_dues_unpaid=Coalesce(unpaid, Value(0)),
                months_work_not_done=Coalesce(Greatest(
                    Value(current - 1) - _month_index(F("first_overdue_work")), Value(0)),
                    Value(0)),
            ))


def roster(user, org, today: date):
    """The branch's members on the roll (in status order) with their counters; a member sees
    only himself."""
    return with_counters(
        PartyMember.objects.restrict(user, "view")
        .filter(organisation=org, is_active=True)
        .select_related("person").order_by("status", "joined_on", "pk"), today)


def members_in_scope(user, today: date, *, status: str = "", org_id: int | None = None):
    qs = PartyMember.objects.restrict(user, "view").filter(is_active=True)
    if status:
        qs = qs.filter(status=status)
    if org_id:
        qs = qs.filter(organisation_id=org_id)
    return with_counters(qs.select_related("person", "organisation")
                         .order_by("organisation__path", "pk"), today)


def transfers_for(user, *, status: str = "", incoming: bool = False):
    """The transfers the user sees; ``incoming``: only those his branches are to receive
    (everything for the county)."""
    from grassroots.core.scope import get_scope

    qs = Transfer.objects.restrict(user, "view").select_related(
        "member__person", "from_org", "to_org")
    if status:
        qs = qs.filter(status=status)
    scope = get_scope(user)
    if incoming and not scope.sees_all_party:
        qs = qs.filter(to_org_id__in=scope.ids("party_org"))
    return qs


def pocket_members(user, today: date, away_months: int):
    """"口袋党员": members on the roll who are mobile (away) for ≥ ``away_months`` and have no
    open transfer letter, or whose last letter expired without a new one."""
    from grassroots.rulesets.checks import add_natural_months

    cutoff = add_natural_months(today, -away_months)
    open_letter = Transfer.objects.filter(member_id=OuterRef("pk"), status=TransferStatus.ISSUED)
    from django.db.models import Exists

    return (PartyMember.objects.restrict(user, "view")
            .filter(is_active=True, status__in=ENTRY_STATUSES, is_mobile=True,
                    mobile_since__lte=cutoff)
            .filter(~Exists(open_letter))
            .select_related("person", "organisation").order_by("mobile_since", "pk"))


def lost_contact(user):
    return (PartyMember.objects.restrict(user, "view")
            .filter(Q(lost_contact_since__isnull=False) | Q(status="suspended"), is_active=True)
            .select_related("person", "organisation").order_by("lost_contact_since", "pk"))


def mobile_uncontacted(user, today: date, months: int):
    """Mobile members on the roll whose home branch has had no contact with them for
    ``months`` (the rule set's ``mobile.contact_interval_months``): the last contact, or the
    day they left if never contacted, is on or before the cut-off. ``last_contact`` annotated."""
    from grassroots.rulesets.checks import add_natural_months

    from .models import MobileContact

    cutoff = add_natural_months(today, -months)
    last = (MobileContact.objects.filter(member_id=OuterRef("pk")).order_by("-contacted_on")
            .values("contacted_on")[:1])
    return (PartyMember.objects.restrict(user, "view")
            .filter(is_active=True, status__in=ENTRY_STATUSES, is_mobile=True)
            .annotate(last_contact=Subquery(last))
            .filter(Q(last_contact__lte=cutoff)
                    | Q(last_contact__isnull=True, mobile_since__lte=cutoff))
            .select_related("person", "organisation").order_by("last_contact", "mobile_since",
                                                               "pk"))
