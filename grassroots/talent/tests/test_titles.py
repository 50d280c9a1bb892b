"""The title evaluation from application to subsidy, through the real services."""

from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from grassroots.core import clock
from grassroots.core.errors import ApplicationError, NotInScope, TransitionNotAllowed
from grassroots.core.events import events_for
from grassroots.publicity.gate import publicity_of
from grassroots.publicity.models import Publicity
from grassroots.publicity.services import objection_receive, objection_transition
from grassroots.testing.factories import PersonFactory
from grassroots.testing.refusals import refused

from ..models import (
    Application,
    ApplicationStatus,
    CommitteeVote,
    PriorityFlag,
    SubsidyPayment,
    TitleAward,
)
from ..selectors import pass_rates, priority_flags_for, quota_use, subsidy_totals
from ..services import applications, award, review, setup
from .world import build_title_world, new_application, to_interviewed

S = ApplicationStatus


@pytest.fixture
def world(county):
    return build_title_world(county)


def _after(day):
    """The clock at noon of ``day``."""
    return clock.travel(timezone.make_aware(datetime.combine(day, time(12))))


def _reviewed(world, application):
    to_interviewed(world, application)
    review.committee_vote(actor=world.secretariat, application=application, present=5, yes=5,
                          no=0, abstain=0)
    application.refresh_from_db()
    return application


@pytest.mark.django_db
def test_an_application_goes_from_the_phone_to_the_subsidy(world):
    application = new_application(world)
    assert application.status == S.DRAFT and application.town_id == world.county.town_a.pk
    application = to_interviewed(world, application, scores=(80, 85, 90))
    assert application.status == S.INTERVIEWED
    assert application.showcase_score == Decimal("85.00")
    assert application.composite_score == Decimal("85.00")  # 85 × 0.6 + 85 × 0.4
    vote = review.committee_vote(actor=world.secretariat, application=application, present=4,
                                 yes=3, no=1, abstain=0)
    assert (vote.members, vote.passed, vote.rule_set) == (5, True, "talent.title.vote.2019")
    listed = award.round_publicise(actor=world.secretariat, round=world.round,
                                   contact_phone="0537-8888888")
    assert [a.pk for a in listed] == [application.pk]
    publicity = publicity_of(world.round)
    assert publicity.min_working_days == 5
    # The public sees name, town, speciality and level only.
    assert [f["value"] for f in publicity.published_fields] == ["张种植（金乡街道，种植，农民初级职称）"]
    with refused(ApplicationError, f"公示期至{publicity.end_on:%Y-%m-%d}（不少于5个工作日），期满后才能办理。",
                 unchanged=[application]):
        award.title_award(actor=world.hr, application=application)
    with _after(publicity.end_on + timedelta(days=1)):
        title = award.title_award(actor=world.hr, application=application)
        assert title.certificate_no == f"汶农职证〔{title.awarded_on.year}〕0001号"
        assert {f.kind for f in priority_flags_for(world.applicant.person)} == {
            "selection", "awards", "party_development", "village_cadre", "recruitment"}
        with refused(NotInScope, "只有人社局可以发放职称补助。", unchanged=[application]):
            award.subsidy_pay(actor=world.secretariat, application=application)
        payment = award.subsidy_pay(actor=world.hr, application=application, bank_ref="N001")
    assert payment.amount_yuan == 1000
    application.refresh_from_db()
    assert application.status == S.SUBSIDISED
    assert subsidy_totals() == {"paid_yuan": 1000, "paid_count": 1, "due_yuan": 0,
                                "due_count": 0}
    assert quota_use(world.round)[0] == {"level_name": "农民初级职称", "quota": 2, "used": 1}
    assert [e.action for e in events_for(application)][-3:] == [
        "application_publicise", "title_award", "subsidy_pay"]


@pytest.mark.django_db
def test_the_subsidy_is_paid_once_per_person_and_level(world):
    application = _reviewed(world, new_application(world))
    award.round_publicise(actor=world.secretariat, round=world.round, contact_phone="0537-8888888")
    end = publicity_of(world.round).end_on
    with _after(end + timedelta(days=1)):
        award.title_award(actor=world.hr, application=application)
        award.subsidy_pay(actor=world.hr, application=application)
        with refused(TransitionNotAllowed, "当前状态为“补助已发放”，不能执行“发放补助”。",
                     unchanged=[application]):
            award.subsidy_pay(actor=world.hr, application=application)
    assert SubsidyPayment.objects.count() == 1


@pytest.mark.django_db
def test_ineligible_and_not_recommended_applications_state_their_reason(world, county):
    application = new_application(world, years=2, households=5)
    applications.application_transition(actor=world.applicant, application=application,
                                        action="application_submit")
    with refused(NotInScope, "您不能办理这份职称申报。", unchanged=[application]):
        applications.application_transition(actor=world.applicant, application=application,
                                            action="application_recommend")
    applications.application_transition(actor=county.town_staff, application=application,
                                        action="application_recommend")
    applications.application_check(actor=world.secretariat, application=application)
    application.refresh_from_db()
    assert application.status == S.INELIGIBLE
    assert application.reason == "资格审查未通过：带动农户不少于10户；从业年限不少于3年。"
    other = new_application(world, level=world.intermediate)
    applications.application_transition(actor=world.applicant, application=other,
                                        action="application_submit")
    with refused(ApplicationError, "请填写不予推荐的原因（至少4个字）。", unchanged=[other]):
        applications.application_transition(actor=county.town_staff, application=other,
                                            action="application_not_recommend")
    applications.application_transition(actor=county.town_staff, application=other,
                                        action="application_not_recommend",
                                        reason="经营地不在本镇街")
    other.refresh_from_db()
    assert (other.status, other.reason) == (S.REJECTED, "经营地不在本镇街")


@pytest.mark.django_db
def test_an_expert_never_scores_his_own_relatives_or_cooperatives_application(world):
    application = new_application(world)
    expert_coop, expert_relative = world.experts[0], world.experts[1]
    expert_coop.cooperative = world.talent.cooperative
    expert_coop.save(update_fields=["cooperative"])
    expert_relative.relatives.create(person=world.applicant.person, relation="表兄")
    own = setup.expert_appoint(
        actor=world.secretariat, committee=world.committee, person=world.applicant.person,
        specialty=world.planting, term_from=world.experts[2].term_from,
        term_to=world.experts[2].term_to)
    with refused(ApplicationError, "专家0须回避（申报人与其同属金城蔬菜合作社），不能评审这份申报。"):
        review.expert_assign(actor=world.secretariat, application=application,
                             expert=expert_coop)
    with refused(ApplicationError, "专家1须回避（申报人是其表兄），不能评审这份申报。"):
        review.expert_assign(actor=world.secretariat, application=application,
                             expert=expert_relative)
    with refused(ApplicationError, "张种植须回避（本人申报），不能评审这份申报。"):
        review.expert_assign(actor=world.secretariat, application=application, expert=own)
    assert not application.assignments.exists()
    # A conflict declared after the assignment ends it, and his scores with it.
    expert = world.experts[2]
    review.expert_assign(actor=world.secretariat, application=application, expert=expert)
    review.recusal_record(actor=expert.person.user, application=application, expert=expert,
                          reason="近亲属关系")
    assert not application.assignments.exists()
    with refused(NotInScope, "只有分配到这份申报的评审专家可以评分。"):
        review.score_record(actor=expert.person.user, application=application,
                            stage="showcase", score=90)


@pytest.mark.django_db
def test_an_expert_term_is_at_most_three_years(world):
    start = world.experts[0].term_from
    with refused(ApplicationError, "评审专家每届聘期不超过3年。"):
        setup.expert_appoint(actor=world.secretariat, committee=world.committee,
                             person=PersonFactory(), specialty=world.planting, term_from=start,
                             term_to=start.replace(year=start.year + 3) + timedelta(days=1))


@pytest.mark.django_db
@pytest.mark.parametrize(("present", "yes", "passed"), [
    (4, 3, True),   # 4 ≥ ⅔ × 5; 3 ≥ ⅔ × 4 = 2.67
    (4, 2, False),  # 2 < 2.67
    (5, 4, True),   # 4 ≥ 3.33
    (5, 3, False),  # 3 < 3.33
])
def test_the_committee_passes_with_two_thirds_of_those_present(world, present, yes, passed):
    application = to_interviewed(world, new_application(world))
    vote = review.committee_vote(actor=world.secretariat, application=application,
                                 present=present, yes=yes, no=present - yes, abstain=0)
    application.refresh_from_db()
    assert vote.passed is passed
    assert application.status == (S.REVIEWED if passed else S.REJECTED)
    if not passed:
        assert application.reason.startswith(f"评审会表决未通过：同意{yes}票")


@pytest.mark.django_db
def test_without_two_thirds_present_the_committee_cannot_vote(world):
    application = to_interviewed(world, new_application(world))
    with refused(ApplicationError, "到会有表决权人数3人，不足4人（应到5人），不能表决。"
                 "出席评审会议的专家人数不得少于评审委员会专家人数的2/3。（依据：《职称评审管理暂行规定》）",
                 unchanged=[application]):
        review.committee_vote(actor=world.secretariat, application=application, present=3,
                              yes=3, no=0, abstain=0)
    assert not CommitteeVote.objects.exists()


@pytest.mark.django_db
def test_an_upheld_objection_refuses_the_application_and_the_quota_is_kept(world, county):
    first = _reviewed(world, new_application(world, level=world.intermediate))
    other_person = PersonFactory(user__username="t_applicant2", name="李养殖", kind="citizen")
    other_talent = setup.talent_register(actor=county.town_staff, person=other_person,
                                         town=county.town_a, category="breeding")
    second = _reviewed(world, new_application(world, talent=other_talent,
                                              level=world.intermediate))
    Application.objects.filter(pk=second.pk).update(composite_score=Decimal("10"))
    listed = award.round_publicise(actor=world.secretariat, round=world.round,
                                   contact_phone="0537-8888888")
    second.refresh_from_db()
    assert [a.pk for a in listed] == [first.pk]  # one intermediate place
    assert second.status == S.REJECTED and "名额" in second.reason
    publicity = Publicity.objects.get()
    objection, _created = objection_receive(actor=None, publicity=publicity, content="该申报人业绩材料不实，请核查。",
                                  entry_key=f"a{first.pk}", channel="online")
    objection_transition(actor=world.secretariat, objection=objection, action="objection_investigate")
    objection_transition(actor=world.secretariat, objection=objection, action="objection_uphold",
                         finding="经核查，业绩材料中的销售记录不实。")
    first.refresh_from_db()
    assert first.status == S.REJECTED
    assert first.reason == "公示期间异议经核实成立：经核查，业绩材料中的销售记录不实。"
    assert not TitleAward.objects.exists() and not PriorityFlag.objects.exists()


@pytest.mark.django_db
def test_statistics_count_in_the_database(world):
    application = _reviewed(world, new_application(world))
    assert application.status == S.REVIEWED
    failed = new_application(world, level=world.intermediate, years=1)
    applications.application_transition(actor=world.applicant, application=failed,
                                        action="application_submit")
    applications.application_transition(actor=world.county.town_staff, application=failed,
                                        action="application_recommend")
    applications.application_check(actor=world.secretariat, application=failed)
    rows = {(r["level__name"], r["specialty__name"]): (r["decided"], r["passed"])
            for r in pass_rates()}
    assert rows == {("农民初级职称", "种植"): (1, 1), ("农民中级职称", "种植"): (1, 0)}
