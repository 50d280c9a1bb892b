"""/api/v1/talent: sci-tech posts, training bases, a course's enrolments and incubation cases
— lists and details scope-filtered as the pages (same 404 for missing and not yours), creation
and the actions of the posts' and bases' tables, each through its service and policy rule."""

from datetime import date

from django.utils.translation import gettext as _
from ninja import Field, Query, Schema
from ninja.pagination import paginate

from grassroots.api.schemas import with_errors
from grassroots.api.types import Count, Id
from grassroots.core.errors import ApplicationError, NotVisible
from grassroots.core.policy import require
from grassroots.core.selectors import get_for_user
from grassroots.places.models import Division

from . import selectors
from .models import (
    BaseStatus,
    Enrollment,
    IncubationCase,
    PostStatus,
    RuralTalent,
    SciTechPost,
    TrainingBase,
    TrainingCourse,
)
from .services import scitech, training


class PostOut(Schema):
    id: int
    expert: str = Field(..., alias="expert.name")
    institution: str
    expert_title: str
    specialty: str
    town_id: int
    town: str = Field(..., alias="town.name")
    post_title: str
    batch: str
    term_start: date | None
    term_end: date | None
    duties: str
    appointment_no: str
    assessment: str
    status: PostStatus


class PostIn(Schema):
    expert_phone: str = Field(..., max_length=20)
    institution: str = Field(..., max_length=80)
    expert_title: str = Field(..., max_length=40)
    title_rank: int = Field(0, ge=0, le=3)
    has_doctorate: bool = False
    birth_date: date
    work_years: Count
    specialty: str = Field(..., max_length=40)
    town: Id
    batch: str = Field(..., max_length=20)
    duties: str = Field("", max_length=200)


class ActionIn(Schema):
    action: str = Field(..., max_length=40)
    assessment: str = Field("", max_length=20, description="考核等次（期满考核时）")
    note: str = Field("", max_length=300, description="原因（暂停、撤销实训基地时）")


class BaseOut(Schema):
    id: int
    name: str
    town_id: int
    town: str = Field(..., alias="town.name")
    specialty: str
    operator: str
    address: str
    capacity: int
    recognised_on: date | None
    review_due_on: date | None
    status: BaseStatus


class BaseIn(Schema):
    name: str = Field(..., max_length=80)
    town: Id
    specialty: str = Field(..., max_length=40)
    operator: str = Field(..., max_length=80)
    address: str = Field("", max_length=120)
    capacity: Count = 0


class EnrollmentOut(Schema):
    id: int
    course_id: int
    talent_id: int
    talent: str = Field(..., alias="talent.person.name")
    town: str = Field(..., alias="talent.town.name")
    attended_hours: int
    passed: bool
    decided_on: date | None = Field(None, description="结业认定日期；空：待认定")


class EnrolIn(Schema):
    phone: str = Field(..., max_length=20, description="学员手机号（须已登记为乡土人才）")


class DecisionIn(Schema):
    attended_hours: Count
    passed: bool = False


class IncubationOut(Schema):
    id: int
    project: str
    talent: str = Field(..., alias="talent.person.name")
    town: str = Field(..., alias="talent.town.name")
    support_items: str
    policy_benefits: str
    milestones: list[dict]
    outcome: str
    stage: str
    started_on: date


class IncubationIn(Schema):
    talent: Id
    project: str = Field(..., max_length=80)
    support_items: str = Field(..., max_length=300)
    policy_benefits: str = Field("", max_length=300)
    started_on: date


class MilestoneIn(Schema):
    on: date
    what: str = Field(..., max_length=200)
    stage: str = Field("", max_length=20)
    outcome: str = Field("", max_length=300)


class StatusIn(Schema):
    status: str | None = Field(None, max_length=20)


def _town(pk: int) -> Division:
    town = Division.objects.towns().filter(pk=pk).first()
    if town is None:
        raise ApplicationError(_("请选择所在镇街。"), field="town")
    return town


POSTS = SciTechPost.objects.select_related("expert", "town")
BASES = TrainingBase.objects.select_related("town")
CASES = IncubationCase.objects.select_related("talent__person", "talent__town")
ENROLMENTS = Enrollment.objects.select_related("talent__person", "talent__town")


def register(router, pages, errors):
    """Add the endpoints to the talent router (``pages``: its pagination class)."""

    @router.get("/posts", response={200: list[PostOut], **errors}, summary="科技副镇长列表")
    @paginate(pages)
    def post_list(request, filters: Query[StatusIn]):
        require(request.user, "talent.programme_pages")
        qs = POSTS.restrict(request.user).order_by("town__code", "-pk")
        return qs.filter(status=filters.status) if filters.status else qs

    @router.get("/posts/{post_id}", response={200: PostOut, **errors}, summary="科技副镇长详情")
    def post_detail(request, post_id: Id):
        return get_for_user(POSTS, request.user, post_id)

    @router.post("/posts", response=with_errors(201, PostOut), summary="推荐科技副镇长",
                 description="人选条件（年龄、工作年限、学历职称）按规则集 talent.scitech 检查；"
                             "专家按手机号查找，须已登记为人员。只有科技局可以推荐。")
    def post_create(request, payload: PostIn):
        require(request.user, "talent.programme_pages")
        require(request.user, "talent.scitech")
        data = payload.dict()
        expert = selectors.person_by_phone(data.pop("expert_phone"))
        if expert is None:
            raise ApplicationError(_("未找到使用该手机号的人员，请先登记人员。"),
                                   field="expert_phone")
        data["town"] = _town(data["town"])
        post = scitech.post_nominate(actor=request.user, expert=expert, **data)
        return 201, POSTS.get(pk=post.pk)

    @router.post("/posts/{post_id}/actions", response=with_errors(200, PostOut),
                 summary="办理科技副镇长事项",
                 description="action 为状态表 talent.scitech_post 的动作（scitech_match、"
                             "scitech_appoint、scitech_start、scitech_assess、scitech_end、"
                             "scitech_extend）；轮岗交流请用页面填写轮岗信息。")
    def post_act(request, post_id: Id, payload: ActionIn):
        post = get_for_user(POSTS, request.user, post_id)
        if payload.action == "scitech_rotate":
            raise ApplicationError(_("轮岗交流须填写轮岗镇街和期间，请在页面办理。"),
                                   field="action")
        scitech.post_transition(actor=request.user, post=post, action=payload.action,
                                assessment=payload.assessment)
        return POSTS.get(pk=post.pk)

    @router.get("/bases", response={200: list[BaseOut], **errors}, summary="实训基地列表")
    @paginate(pages)
    def base_list(request, filters: Query[StatusIn]):
        require(request.user, "talent.programme_pages")
        qs = BASES.restrict(request.user).order_by("town__code", "name")
        return qs.filter(status=filters.status) if filters.status else qs

    @router.get("/bases/{base_id}", response={200: BaseOut, **errors}, summary="实训基地详情")
    def base_detail(request, base_id: Id):
        return get_for_user(BASES, request.user, base_id)

    @router.post("/bases", response=with_errors(201, BaseOut), summary="申报实训基地",
                 description="只有县委人才办可以申报和认定实训基地。")
    def base_create(request, payload: BaseIn):
        require(request.user, "talent.programme_pages")
        require(request.user, "talent.bases")
        data = payload.dict()
        data["town"] = _town(data["town"])
        base = training.base_create(actor=request.user, **data)
        return 201, BASES.get(pk=base.pk)

    @router.post("/bases/{base_id}/actions", response=with_errors(200, BaseOut),
                 summary="办理实训基地事项",
                 description="action 为状态表 talent.training_base 的动作（base_recognise、"
                             "base_review、base_suspend、base_reinstate、base_revoke）；"
                             "暂停和撤销须说明原因（note）。")
    def base_act(request, base_id: Id, payload: ActionIn):
        base = get_for_user(BASES, request.user, base_id)
        training.base_transition(actor=request.user, base=base, action=payload.action,
                                 note=payload.note)
        return BASES.get(pk=base.pk)

    @router.get("/courses/{course_id}/enrollments", response={200: list[EnrollmentOut], **errors},
                summary="课程参训学员")
    @paginate(pages)
    def enrollment_list(request, course_id: Id):
        course = get_for_user(TrainingCourse.objects.all(), request.user, course_id)
        return ENROLMENTS.filter(course=course).order_by("talent__person__name", "pk")

    @router.post("/courses/{course_id}/enrollments", response=with_errors(201, EnrollmentOut),
                 summary="登记参训学员",
                 description="学员按手机号查找，须已登记为乡土人才；县委人才办或本基地运营方办理。")
    def enrollment_create(request, course_id: Id, payload: EnrolIn):
        course = get_for_user(TrainingCourse.objects.select_related("base"), request.user,
                              course_id)
        require(request.user, "talent.run_base", course.base)
        person = selectors.person_by_phone(payload.phone)
        talent = RuralTalent.objects.filter(person=person).select_related("person").first() \
            if person else None
        if talent is None:
            raise ApplicationError(_("未找到使用该手机号的乡土人才，请先登记入库。"), field="phone")
        enrollment = training.enrollment_add(actor=request.user, course=course, talent=talent)
        return 201, ENROLMENTS.get(pk=enrollment.pk)

    @router.post("/courses/{course_id}/enrollments/{enrollment_id}/decision",
                 response=with_errors(200, EnrollmentOut), summary="结业认定",
                 description="记录参训学时（不超过课程学时）并认定是否结业；未参训不能结业。")
    def enrollment_decision(request, course_id: Id, enrollment_id: Id, payload: DecisionIn):
        course = get_for_user(TrainingCourse.objects.select_related("base"), request.user,
                              course_id)
        enrollment = ENROLMENTS.filter(course=course, pk=enrollment_id).first()
        if enrollment is None:
            raise NotVisible(_("未找到"))
        training.enrollment_decide(actor=request.user, enrollment=enrollment,
                                   attended_hours=payload.attended_hours, passed=payload.passed)
        return ENROLMENTS.get(pk=enrollment.pk)

    @router.get("/incubations", response={200: list[IncubationOut], **errors},
                summary="创业孵化项目列表")
    @paginate(pages)
    def incubation_list(request):
        require(request.user, "talent.programme_pages")
        return CASES.restrict(request.user).order_by("-started_on", "-pk")

    @router.get("/incubations/{case_id}", response={200: IncubationOut, **errors},
                summary="创业孵化项目详情")
    def incubation_detail(request, case_id: Id):
        return get_for_user(CASES, request.user, case_id)

    @router.post("/incubations", response=with_errors(201, IncubationOut),
                 summary="登记创业孵化项目", description="只有县委人才办可以登记。")
    def incubation_create(request, payload: IncubationIn):
        require(request.user, "talent.programme_pages")
        require(request.user, "talent.bases")
        data = payload.dict()
        talent = RuralTalent.objects.restrict(request.user).filter(pk=data.pop("talent")).first()
        if talent is None:
            raise ApplicationError(_("乡土人才不存在或不在您的范围内。"), field="talent")
        case = training.incubation_create(actor=request.user, talent=talent, **data)
        return 201, CASES.get(pk=case.pk)

    @router.post("/incubations/{case_id}/milestones", response=with_errors(200, IncubationOut),
                 summary="记录孵化里程碑")
    def incubation_milestone(request, case_id: Id, payload: MilestoneIn):
        case = get_for_user(CASES, request.user, case_id)
        training.incubation_milestone(actor=request.user, case=case, **payload.dict())
        return CASES.get(pk=case.pk)
