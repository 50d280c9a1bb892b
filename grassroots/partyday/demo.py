"""Demo county: 12 months of theme party days with two-way attendance (issue #20).

Built on the meetings step (order 700): every theme party day the meetings demo held becomes a
``ThemePartyDay`` (one per branch and month, bulk-linked to its meeting), mass representatives
and their invitations, the town's guides, county staff at the town secretaries' branches (15
person-times), 63 lectures and 109 + 59 demonstration sites are bulk-inserted. The three-level
menu, the 355 adopted suggestions and the 564 theme-day demands go through the real services:
each demand through S1's intake, dispatch, acknowledgement, reply and follow-up, so it counts in
S1's statistics as channel "meeting" (demo_flow.py).
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.db.models import Q
from django.utils import timezone

from grassroots.core.events import events_batched
from grassroots.core.scope import Role
from grassroots.demands.models import Demand, DemandStatus
from grassroots.demo.demo_logins import PASSWORD, DemoLogin, register_login
from grassroots.demo.names import NameBook
from grassroots.demo.registry import SeedContext, batched, register_step
from grassroots.demo.summary import register_counts
from grassroots.meetings.models import AttendanceRole, Meeting, MeetingAttendance, MeetingKind
from grassroots.party.models import (
    BRANCH_KINDS,
    BaseType,
    OrgField,
    OrgKind,
    PartyMember,
    PartyOrganisation,
    PartyPost,
    SpecialKind,
)
from grassroots.people.models import Person, PersonKind, User

from .models import (
    DayStatus,
    DemonstrationSite,
    Invitation,
    InvitationResponse,
    InviteeKind,
    Lecture,
    LecturerKind,
    MassRepresentative,
    SiteKind,
    SiteStatus,
    ThemePartyDay,
)
from .models_registers import ADOPTED_DECISIONS, Suggestion
from .rules import rights_of

ADOPTED, DEMANDS_CLOSED, COUNTY_ATTENDANCES, LECTURES = 355, 564, 15, 63
SITES_VILLAGE, SITES_TWO_NEW = 109, 59
REP_LOGIN = "mass_rep"
VILLAGE_FIELDS = (OrgField.RURAL, OrgField.URBAN_COMMUNITY)

register_login(DemoLogin(REP_LOGIN, "群众代表", "Mass representative (金城社区)",
                         "本人提出的意见建议及办理状态；联系群众记录", 93, "刘秀兰", "13800000093"))


def seed_partyday(ctx: SeedContext) -> dict[str, int]:
    if ThemePartyDay.objects.exists():
        return partyday_counts()
    from . import demo_flow

    rng = ctx.rng("partyday")
    actor = (User.objects.filter(username="org_dept").first()
             or User.objects.filter(person__memberships__role=Role.ORGANIZATION_DEPT).first()
             or User.objects.filter(is_superuser=True).first())
    with events_batched():
        demo_flow.seed_menus(rng, actor)
        days = _link_days()
        if not days:
            return partyday_counts()
        reps = _representatives(ctx, rng)
        _invitations(rng, days, reps)
        _lectures(rng, days)
        _sites(rng, actor)
        demo_flow.seed_suggestions(ctx, rng, actor)
        demo_flow.plan_current_month(actor)
    return partyday_counts()


def _link_days() -> list[ThemePartyDay]:
    """Every held theme-day meeting of a branch becomes its month's theme party day."""
    meetings = (Meeting.objects.filter(kind=MeetingKind.THEME_DAY, status__in=("held", "minuted"),
                                       org__kind__in=BRANCH_KINDS)
                .select_related("org__division").order_by("held_at"))
    town_secretary_branches = _town_secretary_branches()
    days, seen = [], set()
    for m in meetings:
        local = timezone.localtime(m.held_at)
        month = local.date().replace(day=1)
        if (m.org_id, month) in seen:
            continue
        seen.add((m.org_id, month))
        days.append(ThemePartyDay(
            branch_id=m.org_id, month=month, meeting=m, theme=m.title, planned_on=local.date(),
            town_id=m.org.division.town_id if m.org.division_id else None, place=m.place,
            status=DayStatus.HELD, held_at=m.held_at, minutes=m.minutes,
            is_town_secretary_branch=m.org_id in town_secretary_branches))
    for chunk in batched(days, 2000):
        ThemePartyDay.objects.bulk_create(chunk)
    return days


def _town_secretary_branches() -> set[int]:
    """The branch each town (street) party secretary belongs to; a town whose secretary has no
    branch in the demo tree gets its first branch."""
    towns = list(PartyOrganisation.objects.filter(kind=OrgKind.BASE_COMMITTEE,
                                                  base_type=BaseType.TOWN, is_active=True))
    secretaries = {t.secretary_id for t in towns if t.secretary_id}
    found = dict(PartyMember.objects.filter(person_id__in=secretaries, is_active=True,
                                            organisation__kind__in=BRANCH_KINDS)
                 .values_list("person_id", "organisation_id"))
    out = set()
    for town in towns:
        branch = found.get(town.secretary_id) or (
            PartyOrganisation.objects.filter(path__startswith=town.path, kind__in=BRANCH_KINDS,
                                             is_active=True).order_by("path")
            .values_list("pk", flat=True).first())
        if branch:
            out.add(branch)
    return out


def _village_branches():
    return PartyOrganisation.objects.filter(kind__in=BRANCH_KINDS, is_active=True,
                                            field__in=VILLAGE_FIELDS)


def _representatives(ctx, rng) -> dict[int, int]:
    """One mass representative per village (community) branch; branch → person id."""
    branches = list(_village_branches().select_related("division").order_by("path"))
    names = NameBook(rng)
    people = []
    for _b in branches:
        name, gender = names.take()
        people.append(Person(name=name, gender=gender, kind=PersonKind.CITIZEN))
    for chunk in batched(people, 2000):
        Person.objects.bulk_create(chunk)
    today = timezone.localdate()
    reps = [MassRepresentative(person=p, branch=b, village=b.division,
                               linked_households=rng.randint(10, 30),
                               term_from=today.replace(month=1, day=1) - timedelta(days=365),
                               term_to=today.replace(month=12, day=31) + timedelta(days=365 * 2))
            for p, b in zip(people, branches, strict=True)]
    MassRepresentative.objects.bulk_create(reps, batch_size=2000)
    _rep_login(ctx, branches, people)
    return {b.pk: p.pk for p, b in zip(people, branches, strict=True)}


def _rep_login(ctx, branches, people):
    from grassroots.party.demo import SECRETARY_VILLAGE

    for branch, person in zip(branches, people, strict=True):
        if SECRETARY_VILLAGE in branch.name and not User.objects.filter(
                username=REP_LOGIN).exists():
            password = ctx.cache.setdefault("password_hash", make_password(PASSWORD))
            person.user = User.objects.create(username=REP_LOGIN, password=password,
                                              is_demo=True)
            person.name = "刘秀兰"
            person.set_phone("13800000093")
            person.save()
            return


def _invitations(rng, days, reps: dict[int, int]) -> None:
    """Downward: the branch's representative at most village days, the town's guide at many;
    upward: 15 county-staff person-times and some village secretaries at the town secretaries'
    branches."""
    guides = dict(PartyPost.objects.filter(is_active=True, organisation__base_type=BaseType.TOWN)
                  .values_list("organisation__division_id", "person_id"))
    invitations = []
    upward_days = [d for d in days if d.is_town_secretary_branch]
    for d in days:
        person = reps.get(d.branch_id)
        if person and rng.random() < 0.93:
            invitations.append(_inv(d, person, InviteeKind.MASS_REP))
        guide = guides.get(d.town_id)
        if guide and person and rng.random() < 0.6:
            invitations.append(_inv(d, guide, InviteeKind.TOWN_STAFF))
    county_staff = _county_staff()
    rng.shuffle(upward_days)
    if county_staff:
        for i, d in enumerate(upward_days[:COUNTY_ATTENDANCES]):
            invitations.append(_inv(d, county_staff[i % len(county_staff)],
                                    InviteeKind.COUNTY_STAFF))
    secretaries = list(_village_branches().exclude(secretary=None)
                       .values_list("secretary_id", flat=True)[:40])
    for d in upward_days[:30]:
        if secretaries:
            invitations.append(_inv(d, rng.choice(secretaries), InviteeKind.VILLAGE_SECRETARY))
    unique = {(i.theme_day_id, i.person_id): i for i in invitations}
    invitations = list(unique.values())
    for chunk in batched(invitations, 2000):
        Invitation.objects.bulk_create(chunk)
    meeting_of = {d.pk: d.meeting_id for d in days}
    taken = set(MeetingAttendance.objects.filter(
        meeting_id__in=[meeting_of[i.theme_day_id] for i in invitations])
        .values_list("meeting_id", "person_id"))
    rows = [MeetingAttendance(meeting_id=meeting_of[i.theme_day_id], person_id=i.person_id,
                              role=AttendanceRole.GUEST, present=True)
            for i in invitations if (meeting_of[i.theme_day_id], i.person_id) not in taken]
    MeetingAttendance.objects.bulk_create(rows, batch_size=2000)


def _inv(day, person_id, kind) -> Invitation:
    return Invitation(theme_day_id=day.pk, person_id=person_id, kind=kind, rights=rights_of(kind),
                      sent_on=day.planned_on - timedelta(days=4),
                      response=InvitationResponse.ACCEPTED, attended=True,
                      signed_in_at=day.held_at)


def _county_staff() -> list[int]:
    staff = list(Person.objects.filter(memberships__role=Role.ORGANIZATION_DEPT,
                                       memberships__is_active=True)
                 .values_list("pk", flat=True).distinct()[:3])
    while len(staff) < 3:
        staff.append(Person.objects.create(name=("组织科干事", "党员教育科干事", "两新工委干事")[len(staff)],
                                           kind=PersonKind.CADRE).pk)
    return staff


LECTURE_TOPICS = {
    LecturerKind.RICH_FARMER: ("大蒜种植与冷藏增收经验", "合作社带富经验分享", "电商直播销售农产品"),
    LecturerKind.SCHOOL_TEACHER: ("学习贯彻党的二十大精神", "党章党规专题辅导", "乡村振兴战略解读"),
    LecturerKind.EXPERT: ("设施蔬菜病虫害绿色防控", "大蒜测土配方施肥", "农村用电安全知识"),
}
LECTURE_SPLIT = ((LecturerKind.RICH_FARMER, 25), (LecturerKind.SCHOOL_TEACHER, 21),
                 (LecturerKind.EXPERT, 17))


def _lectures(rng, days) -> None:
    names = NameBook(rng)
    picked = rng.sample(days, min(LECTURES, len(days)))
    kinds = [k for k, n in LECTURE_SPLIT for _ in range(n)]
    Lecture.objects.bulk_create([
        Lecture(theme_day_id=d.pk, lecturer=names.take()[0], lecturer_kind=k,
                topic=rng.choice(LECTURE_TOPICS[k]), given_on=d.planned_on)
        for d, k in zip(picked, kinds, strict=False)])


def _sites(rng, actor) -> dict[str, int]:
    """109 village and 59 two-new demonstration sites through the register's services
    (proposed, named; those named over a year ago reviewed and kept). A village site is a
    village or community branch (not a town's 8th branch nor the mobile members'); a two-new
    site a two-new party organisation. The pools cap the counts: 430 village branches at full
    scale hold 109 (the tiny seed has 4), the party step's ~85 two-new organisations (the
    parks' and the social organisations' committees with their branches, the same at every
    scale) hold 59."""
    from .services import site_act, site_propose
    from .transitions import SiteAction

    today = timezone.localdate()
    village = list(_village_branches().filter(special_kind=SpecialKind.NONE).order_by("path")
                   .values_list("pk", flat=True))
    two_new = list(PartyOrganisation.objects.filter(field=OrgField.TWO_NEW, is_active=True)
                   .order_by("path").values_list("pk", flat=True))
    orgs = PartyOrganisation.objects.in_bulk(village + two_new)
    made = {}
    for kind, pool, n in ((SiteKind.VILLAGE, village, SITES_VILLAGE),
                          (SiteKind.TWO_NEW, two_new, SITES_TWO_NEW)):
        picked = rng.sample(pool, min(n, len(pool)))
        for pk in picked:
            named = today - timedelta(days=rng.randint(200, 700))
            site = site_propose(actor=actor, org=orgs[pk], kind=kind,
                                level="city" if rng.random() < 0.15 else "county",
                                criteria_met=["组织设置规范", "阵地建设达标", "主题党日常态化"])
            site = site_act(actor=actor, site=site, action=SiteAction.NAME, on=named)
            if named < today - timedelta(days=365):
                site = site_act(actor=actor, site=site, action=SiteAction.REVIEW,
                                on=named + timedelta(days=365))
                site_act(actor=actor, site=site, action=SiteAction.KEEP,
                         on=named + timedelta(days=365))
        made[kind] = len(picked)
    return made


@register_counts(labels={
    "partyday_meetings": "主题党日", "partyday_suggestions_adopted": "主题党日采纳建议",
    "partyday_demands_closed": "主题党日诉求办结", "partyday_county_attendances": "县委组织部列席人次",
    "partyday_lectures": "主题党日讲课", "partyday_sites_village": "村级示范区",
    "partyday_sites_two_new": "两新示范区"})
def partyday_counts() -> dict[str, int]:
    named = Q(status__in=(SiteStatus.NAMED, SiteStatus.REVIEWED, SiteStatus.KEPT))
    return {
        "partyday_meetings": ThemePartyDay.objects.count(),
        "partyday_suggestions_adopted": Suggestion.objects.filter(
            decision__in=ADOPTED_DECISIONS).count(),
        "partyday_demands_closed": Demand.objects.filter(
            origin_type="partyday", status=DemandStatus.CLOSED).count(),
        "partyday_county_attendances": Invitation.objects.filter(
            kind=InviteeKind.COUNTY_STAFF, attended=True).count(),
        "partyday_lectures": Lecture.objects.count(),
        "partyday_sites_village": DemonstrationSite.objects.filter(named, kind=SiteKind.VILLAGE)
        .count(),
        "partyday_sites_two_new": DemonstrationSite.objects.filter(named, kind=SiteKind.TWO_NEW)
        .count(),
    }


register_step("partyday", seed_partyday, order=800, label="主题党日（近12个月）")
