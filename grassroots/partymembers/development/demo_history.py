"""The demo's history: completed development cases in the 33 months before today, inserted in
bulk with every row the services would write (case, step records with their verdicts, events,
review letters and answers, joint reviews, examinations, contacts, introducers). The services'
rules hold for what is built: ≥ 18 at application, ≥ 12 months as activist, 2 full-member
introducers, training ≥ 3 days, probation of 12 months from the meeting, conversion on the
probation end date. The live cohort goes through the services themselves (demo.py)."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.contrib.contenttypes.models import ContentType

from grassroots.core.models import Event
from grassroots.party.models import MemberStatus, PartyMember
from grassroots.people.models import Person, PersonKind
from grassroots.rulesets.checks import add_natural_months
from grassroots.workcal.clock import SHANGHAI

from .models import (
    JOINT_REVIEW_SECTORS,
    CaseStatus,
    DevelopmentCase,
    JointReview,
    PeriodicRecord,
    ReviewCheck,
    Step,
    StepRecord,
)
from .transitions import Action as A

EDUCATION = (("大学本科", True, 34), ("大专", True, 22), ("高中", False, 18), ("中专", False, 10),
             ("初中", False, 8), ("硕士研究生", True, 8))
HARD = {  # the hard rules each step was held to (verdicts stored on the step record)
    "dev_apply": ["applicant.min_age"], A.CONTACTS: ["contacts.min_count", "contacts.max_count"],
    A.CANDIDATE: ["activist.min_months"], A.INTRODUCERS: ["introducers.count"],
    A.TRAINING: ["training.min_days"], A.ADMIT: ["admission.leaving_min_months"],
    A.CANDIDATE_PUBLICITY: ["publicity.min_working_days"],
    A.ADMISSION_PUBLICITY: ["publicity.min_working_days"],
    A.CONVERSION_PUBLICITY: ["publicity.min_working_days"],
}
SOFT = {A.TALK: "talk.within_months", A.APPROVE: "approval.within_months",
        A.ARCHIVE: "archive.within_months"}


def _chain(applied: date, g: list[int]) -> dict:
    """Every date of one case from its application and its random gaps ``g``."""
    d = {"applied": applied}
    d["talked"] = applied + timedelta(days=g[0])
    d["activist"] = d["talked"] + timedelta(days=g[1])
    d["activist_filed"] = d["activist"] + timedelta(days=g[2])
    d["contacts"] = d["activist_filed"] + timedelta(days=2)
    d["candidate"] = add_natural_months(d["activist"], 12) + timedelta(days=g[3])
    d["candidate_publicised"] = d["candidate"] + timedelta(days=9)
    d["candidate_filed"] = d["candidate_publicised"] + timedelta(days=g[4])
    d["introducers"] = d["candidate_filed"] + timedelta(days=2)
    d["reviewed"] = d["introducers"] + timedelta(days=g[5])
    d["trained"] = d["reviewed"] + timedelta(days=g[6])
    d["committee_reviewed"] = d["trained"] + timedelta(days=g[7])
    d["pre_reviewed"] = d["committee_reviewed"] + timedelta(days=5)
    d["volunteer_book"] = d["pre_reviewed"] + timedelta(days=2)
    d["admission_publicised"] = d["volunteer_book"] + timedelta(days=9)
    d["admitted"] = d["admission_publicised"] + timedelta(days=g[8])
    d["upper_talked"] = d["admitted"] + timedelta(days=g[9])
    d["approved"] = d["upper_talked"] + timedelta(days=g[10])
    d["county_filed"] = d["approved"] + timedelta(days=g[11])
    d["placed"] = d["county_filed"] + timedelta(days=2)
    d["sworn"] = d["placed"] + timedelta(days=g[12])
    d["probation_end"] = add_natural_months(d["admitted"], 12)
    d["conversion_applied"] = max(d["sworn"] + timedelta(days=1),
                                  d["probation_end"] - timedelta(days=7))
    d["conversion_publicised"] = d["conversion_applied"] + timedelta(days=9)
    d["conversion_voted"] = max(d["conversion_publicised"], d["probation_end"]) + \
        timedelta(days=g[13])
    d["converted"] = d["conversion_voted"] + timedelta(days=g[14])
    d["completed"] = d["converted"] + timedelta(days=g[15])
    return d


def _gaps(rng: random.Random) -> list[int]:
    talk = rng.randint(7, 27) if rng.random() > 0.04 else rng.randint(33, 50)  # a few late
    approve = rng.randint(20, 70) if rng.random() > 0.03 else rng.randint(95, 120)
    return [talk, rng.randint(20, 90), rng.randint(5, 25), rng.randint(3, 90),
            rng.randint(5, 20), rng.randint(8, 20), rng.randint(5, 30), rng.randint(3, 12),
            rng.randint(3, 10), rng.randint(5, 15), approve, rng.randint(3, 20),
            rng.randint(3, 20), rng.randint(1, 25), rng.randint(10, 45), rng.randint(5, 25)]


LINE = [  # (action, step reached, date key)
    ("dev_apply", Step.APPLIED, "applied"), (A.TALK, Step.TALKED, "talked"),
    (A.ACTIVIST, Step.ACTIVIST, "activist"),
    (A.ACTIVIST_FILE, Step.ACTIVIST_FILED, "activist_filed"),
    (A.CONTACTS, Step.CONTACTS, "contacts"), (A.CANDIDATE, Step.CANDIDATE, "candidate"),
    (A.CANDIDATE_PUBLICITY, Step.CANDIDATE_PUBLICISED, "candidate_publicised"),
    (A.CANDIDATE_FILE, Step.CANDIDATE_FILED, "candidate_filed"),
    (A.INTRODUCERS, Step.INTRODUCERS, "introducers"),
    (A.REVIEW_CONCLUDE, Step.REVIEWED, "reviewed"), (A.TRAINING, Step.TRAINED, "trained"),
    (A.COMMITTEE_REVIEW, Step.COMMITTEE_REVIEWED, "committee_reviewed"),
    (A.PRE_REVIEW, Step.PRE_REVIEWED, "pre_reviewed"),
    (A.VOLUNTEER_BOOK, Step.VOLUNTEER_BOOK, "volunteer_book"),
    (A.ADMISSION_PUBLICITY, Step.ADMISSION_PUBLICISED, "admission_publicised"),
    (A.ADMIT, Step.ADMITTED, "admitted"), (A.UPPER_TALK, Step.UPPER_TALKED, "upper_talked"),
    (A.APPROVE, Step.APPROVED, "approved"), (A.COUNTY_FILE, Step.COUNTY_FILED, "county_filed"),
    (A.PLACE, Step.PLACED, "placed"), (A.OATH, Step.SWORN, "sworn"),
    (A.CONVERSION_APPLY, Step.CONVERSION_APPLIED, "conversion_applied"),
    (A.CONVERSION_PUBLICITY, Step.CONVERSION_PUBLICISED, "conversion_publicised"),
    (A.CONVERSION_VOTE, Step.CONVERSION_VOTED, "conversion_voted"),
    (A.CONVERT, Step.CONVERTED, "converted"), (A.ARCHIVE, Step.COMPLETED, "completed"),
]


class History:
    def __init__(self, *, rng, rule_set, actor, names, departments, branches, members, today):
        self.rng, self.rule_set, self.actor = rng, rule_set, actor
        self.names, self.departments = names, departments
        self.branches, self.members, self.today = branches, members, today
        self.articles = {p.key: p.article for p in rule_set.params.all()}
        self.texts = {p.key: p for p in rule_set.params.all()}
        self._due_cache: dict[date, date] = {}

    def _review_due(self, sent: date) -> date:
        from grassroots.rulesets.checks import rule_due_on

        if sent not in self._due_cache:
            self._due_cache[sent] = rule_due_on(
                self.rule_set, "review.department_answer_working_days", sent).due_on
        return self._due_cache[sent]

    def _verdicts(self, action, d, case_dates) -> tuple[list, bool]:
        from grassroots.rulesets.checks import rule_message

        results = [{"key": k, "kind": "hard", "ok": True, "article": self.articles.get(k, "")}
                   for k in HARD.get(action, [])]
        key = SOFT.get(action)
        if key is None:
            return results, False
        due = {"talk.within_months": add_natural_months(case_dates["applied"], 1),
               "approval.within_months": add_natural_months(case_dates["admitted"], 3),
               "archive.within_months": add_natural_months(case_dates["converted"], 1)}[key]
        ok = d <= due
        entry = {"key": key, "kind": "soft", "ok": ok, "article": self.articles.get(key, "")}
        if not ok:
            entry["message"] = rule_message(self.texts[key])
        return [*results, entry], not ok

    def build(self, sectors: list[str], window_start: date, window_end: date, bar) -> int:
        rng = self.rng
        plans = []
        span = (window_end - window_start).days
        for sector in sectors:
            g = _gaps(rng)
            first = _chain(date(2000, 1, 1), g)
            target = window_start + timedelta(days=rng.randrange(span))
            applied = date(2000, 1, 1) + (target - first["completed"])
            dates = _chain(applied, g)
            if dates["completed"] > window_end:
                dates = _chain(applied - timedelta(days=7), g)
            branch = rng.choice(self.branches[sector])
            name, gender = self.names.take()
            age = rng.choices((rng.randint(18, 25), rng.randint(26, 35), rng.randint(36, 50)),
                              (45, 38, 17))[0]
            birth = date(applied.year - age - 1, rng.randint(1, 12), rng.randint(1, 28))
            education, college, _w = rng.choices(EDUCATION, [e[2] for e in EDUCATION])[0]
            plans.append((sector, branch, name, gender, birth, education, college, dates))
        persons = Person.objects.bulk_create(
            [Person(name=p[2], gender=p[3], kind=PersonKind.CITIZEN) for p in plans],
            batch_size=500)
        cases = []
        for person, (sector, branch, _n, gender, birth, education, college, d) in zip(
                persons, plans, strict=True):
            warnings = []
            cases.append(DevelopmentCase(
                person=person, organisation=branch, sector=sector, step=Step.COMPLETED,
                status=CaseStatus.COMPLETED, rule_set=self.rule_set, warnings=warnings,
                birth_date=birth, gender=gender, ethnicity="汉族", education=education,
                is_college=college, is_front_line=sector in ("rural", "non_public")
                or rng.random() < 0.3, job="", applied_on=d["applied"],
                talk_due_on=add_natural_months(d["applied"], 1), talked_on=d["talked"],
                activist_on=d["activist"], activist_filed_on=d["activist_filed"],
                candidate_on=d["candidate"], candidate_filed_on=d["candidate_filed"],
                review_concluded_on=d["reviewed"], training_completed_on=d["trained"],
                training_days=3, training_hours=24, committee_reviewed_on=d["committee_reviewed"],
                pre_review_passed_on=d["pre_reviewed"], admitted_on=d["admitted"],
                approval_due_on=add_natural_months(d["admitted"], 3),
                upper_talked_on=d["upper_talked"], approved_on=d["approved"],
                county_filed_on=d["county_filed"], oath_on=d["sworn"],
                probation_end_on=d["probation_end"], conversion_applied_on=d["conversion_applied"],
                conversion_decision="convert", conversion_voted_on=d["conversion_voted"],
                converted_on=d["probation_end"], conversion_approved_on=d["converted"],
                archived_on=d["completed"], needs_joint_review=sector in JOINT_REVIEW_SECTORS,
                created_at=datetime.combine(d["applied"], time(9), tzinfo=SHANGHAI)))
        DevelopmentCase.objects.bulk_create(cases, batch_size=500)
        # The developed are on the roll (steps.py adds them one by one; here in bulk).
        PartyMember.objects.bulk_create([
            PartyMember(person_id=c.person_id, organisation_id=c.organisation_id,
                        status=MemberStatus.FULL, joined_on=c.admitted_on, full_on=c.converted_on,
                        birth_date=c.birth_date, education=c.education, ethnicity=c.ethnicity)
            for c in cases], batch_size=500)
        bar.update(len(cases) // 4)
        self._children(cases, plans, bar)
        return len(cases)

    def _children(self, cases, plans, bar):
        rng, actor = self.rng, self.actor
        ct = ContentType.objects.get_for_model(DevelopmentCase)
        records, events, checks, joints, exams, contacts, introducers = [], [], [], [], [], [], []
        contact_model = DevelopmentCase.contacts.through
        introducer_model = DevelopmentCase.introducers.through
        for case, plan in zip(cases, plans, strict=True):
            d = plan[7]
            case.volunteer_book_no = f"37{case.pk:08d}"
            previous, flagged = "", []
            for action, step, key in LINE:
                results, warned = self._verdicts(action, d[key], d)
                if warned:
                    flagged.append(results[-1])
                records.append(StepRecord(case=case, action=action, step=step, done_on=d[key],
                                          actor=actor, rule_results=results, has_warning=warned))
                events.append(Event(content_type=ct, object_id=case.pk, actor=actor,
                                    action=action, from_state=previous, to_state=step,
                                    extra={"on": d[key].isoformat()},
                                    at=datetime.combine(d[key], time(10), tzinfo=SHANGHAI)))
                previous = step
            if flagged:
                case.warnings = [{"rule_set": self.rule_set.code, "key": f["key"],
                                  "article": f["article"], "message": f["message"],
                                  "param_id": self.texts[f["key"]].pk, "due_on": None,
                                  "overdue": True} for f in flagged]
                case.is_overdue = True
            members = self.members[case.organisation_id]
            picked = rng.sample(members, 3)
            contacts.append(contact_model(developmentcase_id=case.pk, person_id=picked[0]))
            introducers += [introducer_model(developmentcase_id=case.pk, person_id=p)
                            for p in picked[1:]]
            sent = d["introducers"]
            due = self._review_due(sent)
            for dept in self.departments:
                late = rng.random() < 0.06
                answered = due + timedelta(days=rng.randint(1, 6)) if late else \
                    sent + timedelta(days=rng.randint(1, max((due - sent).days, 1)))
                checks.append(ReviewCheck(
                    case=case, department=dept, sent_on=sent, due_on=due,
                    answer="no_record" if rng.random() < 0.1 else "no_problem",
                    answered_on=min(answered, d["reviewed"]), answered_by=None))
            if case.needs_joint_review:
                joints.append(JointReview(
                    case=case, status="agreed", requested_on=d["candidate"] + timedelta(days=1),
                    town_opinion="同意", town_on=d["candidate"] + timedelta(days=3),
                    county_opinion="同意", county_on=d["candidate_publicised"],
                    due_on=d["candidate"] + timedelta(days=15)))
            for months in (5, 10):
                exams.append(PeriodicRecord(
                    case=case, kind="examination", summary="学习认真，表现良好",
                    done_on=add_natural_months(d["activist"], months), recorded_by=actor))
        DevelopmentCase.objects.bulk_update(cases, ["volunteer_book_no", "warnings",
                                                    "is_overdue"], batch_size=500)
        bar.update(len(cases) // 4)
        StepRecord.objects.bulk_create(records, batch_size=2000)
        Event.objects.bulk_create(events, batch_size=2000)
        bar.update(len(cases) // 4)
        ReviewCheck.objects.bulk_create(checks, batch_size=2000)
        JointReview.objects.bulk_create(joints, batch_size=1000)
        PeriodicRecord.objects.bulk_create(exams, batch_size=2000)
        contact_model.objects.bulk_create(contacts, batch_size=2000)
        introducer_model.objects.bulk_create(introducers, batch_size=2000)
        bar.update(len(cases) - 3 * (len(cases) // 4))
