"""Sci-tech town heads, training bases and incubation, through the real services."""

from datetime import date, timedelta

import pytest

from grassroots.core.errors import ApplicationError, NotInScope, TransitionNotAllowed
from grassroots.orgs.models import Membership, Organization, OrganizationKind
from grassroots.rulesets.checks import RuleRefused, add_natural_months
from grassroots.testing.access import png
from grassroots.testing.factories import PersonFactory, make_member
from grassroots.testing.refusals import refused

from ..models import BaseStatus, PostStatus, Rotation
from ..roles import TalentRole
from ..selectors import scitech_indicators, training_rates
from ..services import scitech, setup, training
from ..services.common import today


@pytest.fixture
def bureau(county):
    gov = Organization.objects.get(code="GOV")
    sci = Organization.objects.create(name="金乡县科学技术局", code="D-SCI",
                                      kind=OrganizationKind.DEPARTMENT, parent=gov)
    return make_member(username="t_sci", organization=sci, role=TalentRole.SCIENCE_BUREAU,
                       name="科技局")


def _nominate(bureau, county, **over):
    from grassroots.people.models import Person

    expert = Person.objects.filter(name="刘教授").first() or PersonFactory(
        user__username="t_prof", name="刘教授")
    fields = {"expert": expert,
              "institution": "山东农业大学", "expert_title": "副教授", "title_rank": 2,
              "has_doctorate": False, "birth_date": today() - timedelta(days=365 * 40),
              "work_years": 10, "specialty": "设施蔬菜", "town": county.town_a,
              "batch": "第三批", **over}
    return scitech.post_nominate(actor=bureau, **fields)


@pytest.mark.django_db
def test_a_nominee_meets_the_rule_set_or_is_refused(bureau, county):
    with refused(RuleRefused, "选派人员年龄一般不超过45周岁。（依据：《山东省科技副职选派工作（参照）》）"):
        _nominate(bureau, county, birth_date=today() - timedelta(days=365 * 47))
    with refused(RuleRefused, "选派人员须具有博士学位或副高级以上职称。（依据：《山东省科技副职选派工作（参照）》）"):
        _nominate(bureau, county, title_rank=1)
    assert _nominate(bureau, county, title_rank=1, has_doctorate=True).rule_set == \
        "talent.scitech.2019"
    with refused(NotInScope, "只有科技局可以办理科技副镇长事项。"):
        _nominate(county.town_staff, county)


@pytest.mark.django_db
def test_a_post_serves_follows_projects_rotates_and_is_assessed(bureau, county):
    post = _nominate(bureau, county)
    for action in ("scitech_match", "scitech_appoint", "scitech_start"):
        post = scitech.post_transition(actor=bureau, post=post, action=action)
    assert post.status == PostStatus.SERVING
    assert post.appointment_no == f"科镇任〔{today().year}〕1号"
    assert post.term_end == add_natural_months(today(), 12)
    platform = scitech.platform_create(actor=bureau, post=post, name="设施蔬菜专家工作站",
                                       kind="station", partner="山东农业大学",
                                       established_on=today())
    owner = setup.talent_register(actor=county.admin, person=PersonFactory(name="蒜农"),
                                  town=county.town_a, category="planting")
    project = scitech.project_follow(actor=bureau, post=post, owner=owner, name="大蒜脱毒种苗繁育",
                                     industry="大蒜")
    visit = scitech.follow_up_record(
        actor=post.expert.user, post=post, project=project, visited_on=today(), form="on_site",
        advice="调整棚温，推广水肥一体化。", problems="棚内湿度偏高", problems_solved=1,
        photos=[png()])
    assert visit.photos.count() == 1
    other = PersonFactory(user__username="t_other_expert")
    with refused(NotInScope, "只有科技局可以办理科技副镇长事项。"):
        scitech.follow_up_record(actor=other.user, post=post, project=project,
                                 visited_on=today(), form="remote", advice="远程指导病虫害防治。")
    rotation = scitech.post_rotate(actor=bureau, post=post, to_town=county.town_b,
                                   start_on=today(), end_on=today() + timedelta(days=60),
                                   purpose="交流设施农业经验")
    post.refresh_from_db()
    assert (post.status, post.town_id, rotation.from_town_id) == (
        PostStatus.ROTATED, county.town_b.pk, county.town_a.pk)
    with refused(ApplicationError, "请选择考核等次。", unchanged=[post]):
        scitech.post_transition(actor=bureau, post=post, action="scitech_assess")
    scitech.post_transition(actor=bureau, post=post, action="scitech_assess", assessment="优秀")
    post = scitech.post_transition(actor=bureau, post=post, action="scitech_extend")
    assert post.status == PostStatus.SERVING
    assert post.term_end == add_natural_months(add_natural_months(today(), 12), 12)
    (row,) = scitech_indicators()
    assert (row["projects_followed"], row["visit_count"], row["platforms_built"],
            row["problems_solved"]) == (1, 1, 1, 1)
    assert platform.town_id == county.town_a.pk and Rotation.objects.count() == 1


@pytest.mark.django_db
def test_a_training_base_is_recognised_reviewed_and_suspended_with_a_reason(county):
    office = make_member(username="t_office", organization=Organization.objects.get(code="GOV"),
                         role=TalentRole.TALENT_OFFICE, name="人才办")
    coop = Organization.objects.create(name="次邱芦花鸡合作社", code="C-LUHUA",
                                       kind=OrganizationKind.DEPARTMENT)
    operator = make_member(username="t_operator", organization=coop,
                           role=TalentRole.BASE_OPERATOR, name="基地管理员")
    base = training.base_create(actor=office, name="次邱芦花鸡养殖实训基地", town=county.town_a,
                                specialty="芦花鸡养殖", operator="次邱芦花鸡合作社",
                                operator_org=coop, capacity=60)
    with refused(TransitionNotAllowed, "当前状态为“申报中”，不能执行“暂停”。", unchanged=[base]):
        training.base_transition(actor=office, base=base, action="base_suspend", note="场地整改中")
    base = training.base_transition(actor=office, base=base, action="base_recognise")
    assert base.review_due_on == add_natural_months(today(), 12)
    course = training.course_create(actor=operator, base=base, title="芦花鸡疫病防控实操",
                                    mode="offline", practice=True, lecturer="王致富",
                                    lecturer_kind="achiever", hours=8, held_on=today())
    online = training.course_create(actor=office, base=None, title="云课堂：农产品电商直播",
                                    mode="online", practice=False, lecturer="赵专家",
                                    lecturer_kind="expert", hours=4, held_on=today())
    talent = setup.talent_register(actor=county.admin, person=PersonFactory(name="养殖户"),
                                   town=county.town_a, category="breeding")
    training.enrollment_record(actor=operator, course=course, talent=talent, attended_hours=8,
                               passed=True)
    training.enrollment_record(actor=office, course=online, talent=talent, attended_hours=2,
                               passed=False)
    stranger = make_member(username="t_stranger_op", organization=Organization.objects.get(
        code="GOV"), role=TalentRole.BASE_OPERATOR, name="别的基地")
    with refused(NotInScope, "只能为本基地登记课程和学员。"):
        training.enrollment_record(actor=stranger, course=course, talent=talent,
                                   attended_hours=8, passed=True)
    with refused(ApplicationError, "请填写原因（至少4个字）。", unchanged=[base]):
        training.base_transition(actor=office, base=base, action="base_suspend")
    base = training.base_transition(actor=office, base=base, action="base_suspend",
                                    note="年度复核发现场地不达标")
    assert base.status == BaseStatus.SUSPENDED
    with refused(ApplicationError, "实训基地当前为“暂停”，不能开设课程。"):
        training.course_create(actor=operator, base=base, title="芦花鸡饲养管理",
                               mode="offline", practice=True, lecturer="王致富",
                               lecturer_kind="achiever", hours=4, held_on=today())
    case = training.incubation_create(actor=office, talent=talent, project="郭楼镇古郕村田园综合体",
                                      support_items="场地、创业导师、贷款贴息",
                                      started_on=date(2025, 3, 1))
    training.incubation_milestone(actor=office, case=case, on=date(2025, 9, 1),
                                  what="一期采摘园开园", stage="operating",
                                  outcome="年接待游客3万人次")
    rates = training_rates()
    assert (rates["enrolled"], rates["passed"], rates["hours"], rates["online_hours"]) == (
        2, 1, 10, 2)
    assert rates["bases"] == 0  # the only base is suspended
    assert rates["incubations_by_stage"] == {"operating": 1}
    assert Membership.objects.filter(role=TalentRole.BASE_OPERATOR).count() == 2


@pytest.mark.django_db
def test_the_overview_page_shows_posts_bases_and_incubations(bureau, county):
    from django.test import Client

    post = _nominate(bureau, county)
    scitech.post_transition(actor=bureau, post=post, action="scitech_match")
    client = Client()
    client.force_login(bureau)
    page = client.get("/talent/scitech/").content.decode()
    assert "刘教授" in page and "已匹配" in page
    client.force_login(county.town_staff)
    assert client.get("/talent/scitech/").status_code == 404
