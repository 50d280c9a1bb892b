"""Demo county: the disposal sub-area's step (imported by partymembers/demo.py). An 8th branch
per town (with its secretary) through party's services, then 64 disposal cases in the 22 months
before the demo's today, every one through the real services with the clock moved (walker.py):
13 removed (8 directly, 5 after a failed correction), 30 in education, 21 transformed
(S2 §4.11). The tiny seed makes an eighth of each, rounded up (2 + 4 + 3)."""

from __future__ import annotations

import math
from datetime import date, timedelta

from django.db.models import Count, Q
from django.utils import timezone

from grassroots.demo.names import NameBook
from grassroots.demo.registry import SeedContext, register_step
from grassroots.demo.summary import register_counts
from grassroots.party.models import BaseType, MemberStatus, OrgKind, PartyMember, PartyOrganisation
from grassroots.party.services.members import member_add
from grassroots.party.services.orgs import secretary_set
from grassroots.people.models import Person, PersonKind, User
from grassroots.rulesets.checks import add_natural_months

from . import services
from .models import DECIDED_STATES, DisposalCase, Measure, Source, State
from .services.common import eighth_branch_of
from .transitions import Action as A
from .walker import Walker, at

# (removed directly, removed after correction, in education, transformed) — S2 §4.11.
FULL_COUNTS = (8, 5, 30, 21)
# What the officers found, per source (code, evidence).
FINDINGS = [
    (Source.REVIEW, "C14", "年度民主评议结果为不合格"),
    (Source.COMPLAINT, "C12", "无正当理由拒不接受支部安排的网格服务任务"),
    (Source.INSPECTION, "C15", "连续6个月未参加党的组织生活，无正当理由"),
    (Source.INSPECTION, "C16", "连续6个月未交纳党费，无正当理由"),
    (Source.REVIEW, "C18", "全年缺席三会一课和主题党日超过一半"),
    (Source.COMPLAINT, "C10", "服务态度差，被群众多次投诉经查属实"),
    (Source.POINTS, "C14", "年度积分评定等次为不合格"),
]
REMOVAL_FINDINGS = [("C05", "因思想蜕化提出退党要求，经教育仍坚持"),
                    ("C06", "以退党为要挟谋求个人目的，经教育不改")]


def _actor():
    user = User.objects.filter(username="org_dept").first()
    return user or User.objects.filter(is_superuser=True).order_by("pk").first()


def _eighth_branches(actor, names, today) -> list[PartyOrganisation]:
    made = []
    towns = PartyOrganisation.objects.filter(kind=OrgKind.BASE_COMMITTEE, base_type=BaseType.TOWN,
                                             is_active=True).select_related("division")
    for town in towns.order_by("path"):
        eighth = eighth_branch_of(town)
        if eighth is None:
            eighth = services.eighth_branch_create(actor=actor, town=town,
                                                   founded_on=date(2018, 6, 1))
            name, gender = names.take()
            person = Person.objects.create(name=name, gender=gender, kind=PersonKind.CADRE)
            member_add(actor=actor, org=eighth, person=person, status=MemberStatus.FULL,
                       joined_on=date(2001, 7, 1), full_on=date(2002, 7, 1))
            secretary_set(actor=actor, org=eighth, person=person)
        made.append(eighth)
    return made


def _subjects(rng, need: int) -> list[PartyMember]:
    """Full members of ordinary branches of towns, never a secretary, in branches with at
    least 5 full members (two talkers and a quorum besides the member)."""
    branches = (PartyOrganisation.objects.filter(kind=OrgKind.BRANCH, special_kind="",
                                                 is_active=True, parent__base_type=BaseType.TOWN)
                .annotate(full=Count("members", filter=Q(members__status="full",
                                                         members__is_active=True)))
                .filter(full__gte=5).values_list("pk", flat=True))
    branches = list(branches)
    # At most 2 per branch, so the demo spreads across the county (more in a tiny county).
    cap = max(2, math.ceil(need / max(len(branches), 1)))
    pool = list(PartyMember.objects.filter(organisation_id__in=branches, is_active=True,
                                           status=MemberStatus.FULL,
                                           full_on__lt=date(2020, 1, 1))
                .exclude(person_id__in=PartyOrganisation.objects.filter(
                    secretary__isnull=False).values("secretary_id"))
                .order_by("pk").values_list("pk", flat=True)[:20000])
    rng.shuffle(pool)
    chosen, branches_used = [], {}
    for pk in pool:
        member = PartyMember.objects.select_related("person").get(pk=pk)
        if branches_used.get(member.organisation_id, 0) >= cap:
            continue
        branches_used[member.organisation_id] = branches_used.get(member.organisation_id, 0) + 1
        chosen.append(member)
        if len(chosen) == need:
            break
    return chosen


def _flag(actor, member, day, rng, removal=False):
    if removal:
        code, evidence = rng.choice(REMOVAL_FINDINGS)
        source = Source.COMPLAINT
    else:
        source, code, evidence = rng.choice(FINDINGS)
    with at(day):
        return services.candidate_flag(
            actor=actor, member=member, source=source, on=day,
            criteria=[(code, evidence, add_natural_months(day, -6), day)])


def seed_disposal(ctx: SeedContext) -> dict[str, int]:
    if DisposalCase.objects.exists():
        return disposal_counts()
    rng, actor = ctx.rng("disposal"), _actor()
    if actor is None:
        return {}
    today = timezone.localdate()
    names = NameBook(rng, reserved=set(Person.objects.values_list("name", flat=True)[:20000]))
    _eighth_branches(actor, names, today)
    counts = FULL_COUNTS if ctx.scale.name == "full" else tuple(
        math.ceil(n / 8) for n in FULL_COUNTS)
    direct, after, educating, transformed = counts
    subjects = _subjects(rng, sum(counts))
    if len(subjects) < sum(counts):
        return disposal_counts()
    walker, start = Walker(actor), add_natural_months(today, -22) + timedelta(days=5)
    bar = ctx.bar(sum(counts), "不合格党员处置")
    it = iter(subjects)

    def spread(first: date, last: date) -> date:
        return first + timedelta(days=rng.randint(0, max((last - first).days, 0)))

    for _i in range(transformed):  # 6 months' correction, 2 quarterly reviews, transformed
        day = spread(start, add_natural_months(today, -11))
        case, day = walker.decide(_flag(actor, next(it), day, rng), day + timedelta(days=3),
                                  months=6)
        case, day = walker.educate(case, day, 2)
        walker.step(case, A.TRANSFORM, day, note="按时参加组织生活、交纳党费，主动承担支部任务，群众认可")
        bar.update(1)
    for _i in range(after):  # correction failed: steps 3–6 again, removed
        day = spread(start, add_natural_months(today, -15))
        case, day = walker.decide(_flag(actor, next(it), day, rng), day + timedelta(days=3),
                                  months=6)
        case, _day = walker.educate(case, day, 1)
        case = walker.step(case, A.CORRECTION_FAILED, case.correction_until,
                           note="限期改正期满，仍不参加组织生活、不交纳党费", measure=Measure.REMOVE)
        walker.decide(case, case.correction_until + timedelta(days=5), measure=Measure.REMOVE)
        bar.update(1)
    for _i in range(direct):  # 除名 (劝而不退) directly
        day = spread(start, add_natural_months(today, -3))
        walker.decide(_flag(actor, next(it), day, rng, removal=True), day + timedelta(days=3),
                      measure=Measure.REMOVE)
        bar.update(1)
    for _i in range(educating):  # in the 8th branch now
        day = spread(add_natural_months(today, -11), add_natural_months(today, -2))
        case, day = walker.decide(_flag(actor, next(it), day, rng), day + timedelta(days=3),
                                  months=12)
        quarters = min(max((today - day).days // 95, 0), 3)
        if quarters:
            walker.educate(case, day, quarters)
        bar.update(1)
    bar.close()
    return disposal_counts()


def disposal_counts() -> dict[str, int]:
    row = DisposalCase.objects.aggregate(
        decided=Count("pk", filter=Q(state__in=DECIDED_STATES)),
        removed=Count("pk", filter=Q(state=State.REMOVED)),
        educating=Count("pk", filter=Q(state=State.IN_EDUCATION)),
        transformed=Count("pk", filter=Q(state=State.TRANSFORMED)))
    return {"party_disposals": row["decided"], "party_disposals_removed": row["removed"],
            "party_disposals_in_education": row["educating"],
            "party_disposals_transformed": row["transformed"],
            "party_eighth_branches": PartyOrganisation.objects.filter(
                special_kind="eighth_branch", is_active=True).count()}


register_counts(disposal_counts, labels={
    "party_disposals": "不合格党员处置（近22个月，已审批）", "party_disposals_removed": "其中除名",
    "party_disposals_in_education": "第八支部教育转化中", "party_disposals_transformed": "已转化",
    "party_eighth_branches": "第八党支部"})
register_step("party_disposal", seed_disposal, order=780, label="不合格党员处置与第八党支部")
