"""Instructors and their visits, mentor pairs, training classes, dual organisational life,
lecturers and lectures."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from grassroots.core.errors import ApplicationError
from grassroots.core.events import event_record
from grassroots.core.policy import require

from ..models import (
    DualOrgLife,
    Instructor,
    InstructorVisit,
    Lecture,
    Lecturer,
    Mentorship,
    Trainee,
    TrainingClass,
)
from ..models.people import LectureKind, VisitorKind, VisitPurpose
from .common import optional_text, required_text, today


def _past(value, field, label):
    if not isinstance(value, date) or value > today():
        raise ApplicationError(_("请填写%(label)s（不晚于今天）。") % {"label": label}, field=field)
    return value


def instructor_create(*, actor, person, source: str, appointed_on: date,
                      term_years: int = 3) -> Instructor:
    require(actor, "twonew.county")
    _past(appointed_on, "appointed_on", _("选派日期"))
    with transaction.atomic():
        if Instructor.objects.filter(person=person).exists():
            raise ApplicationError(_("%(name)s已是党建指导员。") % {"name": person.name},
                                   field="person")
        instructor = Instructor.objects.create(
            person=person, source=optional_text(source, max_length=30),
            appointed_on=appointed_on, term_years=term_years)
        event_record(subject=instructor, actor=actor, action="twonew_instructor_created")
    return instructor


def visit_record(*, actor, org, visited_on: date, purpose: str, findings: str = "",
                 follow_ups: str = "", instructor: Instructor | None = None,
                 visitor_kind: str = VisitorKind.INSTRUCTOR) -> InstructorVisit:
    """An instructor records his own visits (to his assigned organisations); the park or the
    county may record any visit."""
    require(actor, "twonew.visit", org)
    _past(visited_on, "visited_on", _("走访日期"))
    if purpose not in VisitPurpose.values:
        raise ApplicationError(_("请选择走访事由。"), field="purpose")
    if visitor_kind not in VisitorKind.values:
        raise ApplicationError(_("请选择走访人身份。"), field="visitor_kind")
    if visitor_kind == VisitorKind.INSTRUCTOR:
        instructor = instructor or org.instructor
        if instructor is None:
            raise ApplicationError(_("该单位尚未选派党建指导员。"), field="instructor")
    with transaction.atomic():
        visit = InstructorVisit.objects.create(
            org=org, instructor=instructor if visitor_kind == VisitorKind.INSTRUCTOR else None,
            visitor_kind=visitor_kind, visited_on=visited_on, purpose=purpose,
            findings=optional_text(findings, max_length=2000),
            follow_ups=optional_text(follow_ups, max_length=2000))
        event_record(subject=visit, actor=actor, action="twonew_visit_recorded")
    return visit


def mentorship_create(*, actor, mentor, secretary, started_on: date, org=None) -> Mentorship:
    require(actor, "twonew.manage", org) if org is not None else require(actor, "twonew.county")
    if mentor.pk == secretary.pk:
        raise ApplicationError(_("导师和结对书记不能是同一人。"), field="secretary")
    _past(started_on, "started_on", _("结对日期"))
    with transaction.atomic():
        pair = Mentorship.objects.create(mentor=mentor, secretary=secretary, org=org,
                                         started_on=started_on)
        event_record(subject=pair, actor=actor, action="twonew_mentorship_created")
    return pair


def class_create(*, actor, number: int, title: str, starts_on: date, ends_on: date,
                 hours: int, venue: str = "", curriculum: str = "") -> TrainingClass:
    require(actor, "twonew.county")
    title = required_text(title, field="title", label=_("培训班名称"), max_length=100)
    if not isinstance(starts_on, date) or not isinstance(ends_on, date) or ends_on < starts_on:
        raise ApplicationError(_("结业日期不能早于开班日期。"), field="ends_on")
    if not isinstance(hours, int) or hours <= 0:
        raise ApplicationError(_("学时应为正整数。"), field="hours")
    with transaction.atomic():
        if TrainingClass.objects.filter(number=number).exists():
            raise ApplicationError(_("第%(n)s期培训班已登记。") % {"n": number}, field="number")
        tc = TrainingClass.objects.create(
            number=number, title=title, starts_on=starts_on, ends_on=ends_on, hours=hours,
            venue=optional_text(venue, max_length=100),
            curriculum=optional_text(curriculum, max_length=4000))
        event_record(subject=tc, actor=actor, action="twonew_class_created")
    return tc


def trainee_record(*, actor, training_class: TrainingClass, person, org=None,
                   attended_hours: int = 0) -> Trainee:
    """Enrol or record attendance; passing needs the class's full hours (inferred)."""
    require(actor, "twonew.county")
    if not isinstance(attended_hours, int) or not 0 <= attended_hours <= training_class.hours:
        raise ApplicationError(_("参训学时应在0到%(n)s之间。") % {"n": training_class.hours},
                               field="attended_hours")
    with transaction.atomic():
        trainee, created = Trainee.objects.select_for_update().get_or_create(
            training_class=training_class, person=person, defaults={"org": org})
        trainee.attended_hours = attended_hours
        trainee.passed = attended_hours >= training_class.hours
        trainee.save(update_fields=["attended_hours", "passed"])
        event_record(subject=trainee, actor=actor, action="twonew_trainee_enrolled" if created
                     else "twonew_trainee_recorded", extra={"hours": attended_hours})
    return trainee


def dual_life_record(*, actor, secretary, org, year: int, branch_meeting_on: date | None,
                     park_meeting_on: date | None, notes: str = "") -> DualOrgLife:
    require(actor, "twonew.manage", org)
    for value in (branch_meeting_on, park_meeting_on):
        if value is not None and value.year != year:
            raise ApplicationError(_("组织生活会日期应在%(y)s年内。") % {"y": year},
                                   field="park_meeting_on")
    with transaction.atomic():
        row, _created = DualOrgLife.objects.update_or_create(
            secretary=secretary, year=year, defaults={
                "org": org, "branch_meeting_on": branch_meeting_on,
                "park_meeting_on": park_meeting_on,
                "notes": optional_text(notes, max_length=2000)})
        event_record(subject=row, actor=actor, action="twonew_dual_life_recorded")
    return row


def lecturer_create(*, actor, person, institution: str, topics: str = "") -> Lecturer:
    require(actor, "twonew.county")
    institution = required_text(institution, field="institution", label=_("所在单位"),
                                max_length=60)
    with transaction.atomic():
        if Lecturer.objects.filter(person=person).exists():
            raise ApplicationError(_("%(name)s已在讲师库中。") % {"name": person.name},
                                   field="person")
        lecturer = Lecturer.objects.create(person=person, institution=institution,
                                           topics=optional_text(topics, max_length=200))
        event_record(subject=lecturer, actor=actor, action="twonew_lecturer_created")
    return lecturer


def lecture_record(*, actor, lecturer: Lecturer, given_on: date, kind: str, topic: str,
                   host=None, audience: int = 0) -> Lecture:
    if host is not None:
        require(actor, "twonew.manage", host)
    else:
        require(actor, "twonew.county")
    _past(given_on, "given_on", _("授课日期"))
    if kind not in LectureKind.values:
        raise ApplicationError(_("请选择授课类别。"), field="kind")
    topic = required_text(topic, field="topic", label=_("授课题目"), max_length=100)
    with transaction.atomic():
        lecture = Lecture.objects.create(lecturer=lecturer, host=host, given_on=given_on,
                                         kind=kind, topic=topic, audience=max(int(audience), 0))
        event_record(subject=lecture, actor=actor, action="twonew_lecture_recorded")
    return lecture
