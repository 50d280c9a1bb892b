"""The pages and API of sci-tech posts, training bases and incubation: forms through the real
services, the tables' actions as buttons, policy refusals for the wrong role, scope filtering
(the same 404 for a post or base outside the user's town)."""

from datetime import timedelta

import pytest
from django.test import Client

from grassroots.core.events import Event
from grassroots.orgs.models import Organization, OrganizationKind
from grassroots.testing.factories import PersonFactory, make_member

from ..models import BaseStatus, IncubationCase, PostStatus, SciTechPost, TrainingBase
from ..roles import TalentRole
from ..services import setup, training
from ..services.common import today
from .test_scitech_training import _nominate


@pytest.fixture
def bureau(county):
    gov = Organization.objects.get(code="GOV")
    sci = Organization.objects.create(name="金乡县科学技术局", code="D-SCI",
                                      kind=OrganizationKind.DEPARTMENT, parent=gov)
    return make_member(username="t_sci", organization=sci, role=TalentRole.SCIENCE_BUREAU,
                       name="科技局")


@pytest.fixture
def office(county):
    return make_member(username="t_office", organization=Organization.objects.get(code="GOV"),
                       role=TalentRole.TALENT_OFFICE, name="人才办")


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _expert():
    person = PersonFactory(user__username="t_prof2", name="孙博士")
    person.set_phone("13900001111")
    person.save(update_fields=["phone", "phone_hash", "phone_masked"])
    return person


NOMINATION = {"expert_phone": "13900001111", "institution": "山东农业大学",
              "expert_title": "副教授", "title_rank": "2", "work_years": "8",
              "specialty": "设施蔬菜", "batch": "第四批", "post_title": "挂职副镇长",
              "duties": "科技、产业"}


@pytest.mark.django_db
def test_the_bureau_nominates_on_the_page_and_walks_the_post_through_its_buttons(
        bureau, county):
    expert = _expert()
    client = _client(bureau)
    data = {**NOMINATION, "town": county.town_a.pk,
            "birth_date": f"{today() - timedelta(days=365 * 38):%Y-%m-%d}"}
    page = client.post("/talent/scitech/posts/new/", {**data, "expert_phone": "13900009999"})
    assert page.status_code == 400 and "未找到使用该手机号的人员" in page.content.decode()
    old = client.post("/talent/scitech/posts/new/",
                      {**data, "birth_date": f"{today() - timedelta(days=365 * 50):%Y-%m-%d}"})
    assert old.status_code == 400 and "选派人员年龄一般不超过45周岁" in old.content.decode()
    assert not SciTechPost.objects.exists()
    response = client.post("/talent/scitech/posts/new/", data)
    post = SciTechPost.objects.get()
    assert response.url == f"/talent/scitech/posts/{post.pk}/" and post.expert == expert
    detail = client.get(response.url).content.decode()
    assert 'value="scitech_match"' in detail and 'value="scitech_appoint"' not in detail
    for action in ("scitech_match", "scitech_appoint", "scitech_start"):
        assert client.post(f"/talent/scitech/posts/{post.pk}/act/",
                           {"action": action}).status_code == 302
    post.refresh_from_db()
    assert post.status == PostStatus.SERVING and post.appointment_no.startswith("科镇任〔")
    # Edit, platform, followed project, the expert's own follow-up visit.
    edit = client.post(f"/talent/scitech/posts/{post.pk}/edit/",
                       {**{k: NOMINATION[k] for k in ("institution", "expert_title",
                                                      "specialty", "batch", "post_title")},
                        "duties": "科技、产业、人才"})
    assert edit.status_code == 302
    post.refresh_from_db()
    assert post.duties == "科技、产业、人才"
    owner = setup.talent_register(actor=county.admin, person=PersonFactory(name="菜农"),
                                  town=county.town_a, category="planting")
    client.post(f"/talent/scitech/posts/{post.pk}/act/", {
        "action": "platform", "name": "设施蔬菜专家工作站", "kind": "station",
        "partner": "山东农业大学", "established_on": f"{today():%Y-%m-%d}"})
    client.post(f"/talent/scitech/posts/{post.pk}/act/", {
        "action": "project", "owner": owner.pk, "name": "大棚番茄提质增效", "industry": "蔬菜"})
    project = post.projects.get()
    mine = _client(expert.user)
    assert "记录跟踪指导" in mine.get(f"/talent/scitech/posts/{post.pk}/").content.decode()
    mine.post(f"/talent/scitech/posts/{post.pk}/act/", {
        "action": "follow_up", "project": project.pk, "visited_on": f"{today():%Y-%m-%d}",
        "form": "on_site", "advice": "推广水肥一体化，降低棚内湿度。", "problems_solved": "2"})
    assert (post.platforms.count(), post.visits.count()) == (1, 1)
    # The expert may not act on the table: the policy's refusal, nothing written.
    events = Event.objects.count()
    assert mine.post(f"/talent/scitech/posts/{post.pk}/act/",
                     {"action": "scitech_assess", "assessment": "优秀"}).status_code == 403
    assert Event.objects.count() == events
    client.post(f"/talent/scitech/posts/{post.pk}/act/",
                {"action": "scitech_assess", "assessment": "优秀"})
    post.refresh_from_db()
    assert (post.status, post.assessment) == (PostStatus.ASSESSED, "优秀")


@pytest.mark.django_db
def test_posts_are_scope_filtered_and_a_town_may_read_but_not_act(bureau, county):
    inside = _nominate(bureau, county)
    outside = _nominate(bureau, county, town=county.town_b)
    town = _client(county.town_staff)
    listed = town.get("/talent/scitech/posts/").content.decode()
    assert f"/talent/scitech/posts/{inside.pk}/" in listed
    assert f"/talent/scitech/posts/{outside.pk}/" not in listed
    assert town.get(f"/talent/scitech/posts/{outside.pk}/").status_code == 404
    assert town.get(f"/talent/scitech/posts/{inside.pk}/").status_code == 200
    assert town.get("/talent/scitech/posts/new/").status_code == 403
    assert town.post(f"/talent/scitech/posts/{inside.pk}/act/",
                     {"action": "scitech_match"}).status_code == 403
    assert town.get(f"/talent/scitech/posts/{inside.pk}/edit/").status_code == 403
    inside.refresh_from_db()
    assert inside.status == PostStatus.NOMINATED
    api = town.get("/api/v1/talent/posts").json()
    assert [p["id"] for p in api["items"]] == [inside.pk]
    assert town.get(f"/api/v1/talent/posts/{outside.pk}").status_code == 404
    refused = town.post(f"/api/v1/talent/posts/{inside.pk}/actions",
                        {"action": "scitech_match"}, content_type="application/json")
    assert refused.status_code == 403
    assert refused.json()["error"]["message"] == "只有科技局可以办理科技副镇长事项。"
    citizen = _client(county.citizen)
    assert citizen.get("/talent/scitech/posts/").status_code == 404


@pytest.mark.django_db
def test_the_api_nominates_and_applies_the_post_table(bureau, county):
    _expert()
    api = _client(bureau)
    body = {**NOMINATION, "title_rank": 2, "work_years": 8, "town": county.town_a.pk,
            "birth_date": f"{today() - timedelta(days=365 * 38):%Y-%m-%d}"}
    body.pop("post_title")
    created = api.post("/api/v1/talent/posts", body, content_type="application/json")
    assert created.status_code == 201 and created.json()["status"] == "nominated"
    pk = created.json()["id"]
    wrong = api.post(f"/api/v1/talent/posts/{pk}/actions", {"action": "scitech_start"},
                     content_type="application/json")
    assert wrong.status_code == 409 and "已推荐" in wrong.json()["error"]["message"]
    done = api.post(f"/api/v1/talent/posts/{pk}/actions", {"action": "scitech_match"},
                    content_type="application/json")
    assert done.status_code == 200 and done.json()["status"] == "matched"
    assert api.get("/api/v1/talent/posts?status=matched").json()["count"] == 1


@pytest.mark.django_db
def test_the_office_recognises_and_suspends_a_base_on_its_page_and_an_operator_adds_courses(
        office, county):
    coop = Organization.objects.create(name="道立种植专业合作社", code="C-DAOLI",
                                       kind=OrganizationKind.DEPARTMENT)
    operator = make_member(username="t_operator2", organization=coop,
                           role=TalentRole.BASE_OPERATOR, name="基地管理员")
    client = _client(office)
    response = client.post("/talent/bases/new/", {
        "name": "道立种植实训基地", "town": county.town_a.pk, "specialty": "蔬菜种植",
        "operator": "道立种植专业合作社", "capacity": "80"})
    base = TrainingBase.objects.get()
    assert response.url == f"/talent/bases/{base.pk}/"
    training.base_update(actor=office, base=base, name=base.name, specialty="蔬菜种植",
                         operator="道立种植专业合作社", capacity=80)  # unchanged: no event
    TrainingBase.objects.filter(pk=base.pk).update(operator_org=coop)
    detail = client.get(response.url).content.decode()
    assert 'value="base_recognise"' in detail and 'value="base_suspend"' not in detail
    client.post(f"/talent/bases/{base.pk}/act/", {"action": "base_recognise"})
    base.refresh_from_db()
    assert base.status == BaseStatus.RECOGNISED and base.review_due_on is not None
    run = _client(operator)
    assert run.get(f"/talent/bases/{base.pk}/").status_code == 200
    run.post(f"/talent/bases/{base.pk}/act/", {
        "action": "course", "title": "番茄嫁接实操", "mode": "offline", "practice": "on",
        "lecturer": "王能手", "lecturer_kind": "achiever", "hours": "6",
        "held_on": f"{today():%Y-%m-%d}"})
    assert base.courses.get().title == "番茄嫁接实操"
    # The operator may not suspend: the policy's refusal; nothing changes.
    assert run.post(f"/talent/bases/{base.pk}/act/",
                    {"action": "base_suspend", "note": "场地整改"}).status_code == 403
    client.post(f"/talent/bases/{base.pk}/act/", {"action": "base_suspend", "note": ""})
    base.refresh_from_db()
    assert base.status == BaseStatus.RECOGNISED  # a suspension states its reason
    client.post(f"/talent/bases/{base.pk}/act/",
                {"action": "base_suspend", "note": "年度复核场地不达标"})
    base.refresh_from_db()
    assert base.status == BaseStatus.SUSPENDED
    edit = client.post(f"/talent/bases/{base.pk}/edit/", {
        "name": "道立种植实训基地", "specialty": "设施蔬菜", "operator": "道立种植专业合作社",
        "capacity": "100"})
    assert edit.status_code == 302
    base.refresh_from_db()
    assert (base.specialty, base.capacity) == ("设施蔬菜", 100)
    town_b = make_member(username="t_town_b_staff", organization=None, role="town_staff",
                         name="乙镇")
    assert _client(county.town_staff).get(f"/talent/bases/{base.pk}/").status_code == 200
    assert _client(county.town_staff).post(f"/talent/bases/{base.pk}/act/",
                                           {"action": "base_reinstate"}).status_code == 403
    assert _client(town_b).get(f"/talent/bases/{base.pk}/").status_code == 404
    api = _client(office).post(f"/api/v1/talent/bases/{base.pk}/actions",
                               {"action": "base_reinstate"}, content_type="application/json")
    assert api.status_code == 200 and api.json()["status"] == "recognised"


@pytest.mark.django_db
def test_incubation_cases_are_registered_edited_and_get_milestones(office, county):
    talent = setup.talent_register(actor=county.admin, person=PersonFactory(name="古郕村能人"),
                                   town=county.town_a, category="management")
    client = _client(office)
    response = client.post("/talent/incubations/new/", {
        "talent": talent.pk, "project": "郭楼镇古郕村田园综合体", "support_items": "场地、创业导师",
        "started_on": "2025-03-01"})
    case = IncubationCase.objects.get()
    assert response.url == f"/talent/incubations/{case.pk}/"
    client.post(f"/talent/incubations/{case.pk}/act/", {
        "action": "milestone", "on": "2025-09-01", "what": "一期采摘园开园",
        "stage": "operating", "outcome": "年接待游客3万人次"})
    client.post(f"/talent/incubations/{case.pk}/edit/", {
        "project": "郭楼镇古郕村田园综合体", "support_items": "场地、创业导师、贷款贴息"})
    case.refresh_from_db()
    assert (case.stage, case.support_items, len(case.milestones)) == (
        "operating", "场地、创业导师、贷款贴息", 1)
    page = _client(county.town_staff).get(f"/talent/incubations/{case.pk}/").content.decode()
    assert "一期采摘园开园" in page and "记录里程碑" not in page
    assert _client(county.town_staff).post(f"/talent/incubations/{case.pk}/act/", {
        "action": "milestone", "on": "2025-10-01", "what": "二期开工建设"}).status_code == 403
    assert _client(county.town_staff).get("/talent/incubations/new/").status_code == 403
    created = client.post("/api/v1/talent/incubations", {
        "talent": talent.pk, "project": "大蒜深加工车间", "support_items": "厂房租金减免",
        "started_on": "2025-05-01"}, content_type="application/json")
    assert created.status_code == 201 and created.json()["talent"] == "古郕村能人"
    assert _client(county.citizen).get(f"/api/v1/talent/incubations/{case.pk}").status_code \
        == 404
