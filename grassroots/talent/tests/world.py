"""A small title world on the small county: the secretariat (农业农村局), the HR bureau, the
talent office, a committee of five experts, a round with quotas, and applicants in town A
(town B's staff is the outsider)."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import timezone

from grassroots.core import clock
from grassroots.core.scope import Role
from grassroots.orgs.models import Membership, Organization, OrganizationKind
from grassroots.people.models import PersonKind
from grassroots.testing.factories import PersonFactory, make_member

from ..models import Specialty, TitleLevel
from ..roles import TalentRole
from ..services import setup


@dataclass
class TitleWorld:
    county: object
    agri: object
    secretariat: object
    hr: object
    office: object
    committee: object
    experts: list
    round: object
    junior: object
    intermediate: object
    senior: object
    planting: object
    applicant: object  # a citizen user with a register entry in town A
    talent: object
    ids: dict = field(default_factory=dict)


def build_title_world(county, *, experts: int = 5) -> TitleWorld:
    from ..catalog_data import ship
    from ..models import Standard

    ship(TitleLevel, Specialty, Standard)  # idempotent; a transactional test flushed them
    gov = Organization.objects.get(code="GOV")
    agri = Organization.objects.create(name="金乡县农业农村局", short_name="农业农村局",
                                       code="D-AGRI", kind=OrganizationKind.DEPARTMENT,
                                       parent=gov)
    hr_org = Organization.objects.create(name="金乡县人力资源和社会保障局", short_name="人社局",
                                         code="D-HR", kind=OrganizationKind.DEPARTMENT,
                                         parent=gov)
    secretariat = make_member(username="t_title_sec", organization=agri,
                              role=TalentRole.TITLE_SECRETARIAT, name="评审办")
    # The secretariat's officer is a bureau handler too: he posts the bureau's publicities.
    Membership.objects.create(person=secretariat.person, organization=agri, role=Role.HANDLER)
    hr = make_member(username="t_title_hr", organization=hr_org, role=TalentRole.HR_BUREAU,
                     name="人社科员")
    office = make_member(username="t_talent_office", organization=gov,
                         role=TalentRole.TALENT_OFFICE, name="人才办")
    junior = TitleLevel.objects.get(code="ws_junior")
    intermediate = TitleLevel.objects.get(code="ws_intermediate")
    senior = TitleLevel.objects.get(code="ws_senior")
    planting = Specialty.objects.get(code="planting")
    committee = setup.committee_create(actor=secretariat, name="金乡县新型职业农民职称评审委员会",
                                       secretariat=agri, levels=[junior, intermediate, senior],
                                       filed_with="县人社局")
    today = timezone.localdate(clock.now())
    expert_list = []
    for i in range(experts):
        person = PersonFactory(user__username=f"t_expert{i}", name=f"专家{i}")
        expert_list.append(setup.expert_appoint(
            actor=secretariat, committee=committee, person=person, specialty=planting,
            term_from=today - timedelta(days=30), term_to=today + timedelta(days=700),
            title="高级农艺师", cooperative=f"合作社{i}"))
    rnd = setup.round_create(actor=secretariat, committee=committee, year=today.year,
                             apply_from=today - timedelta(days=5),
                             apply_to=today + timedelta(days=20),
                             quotas={junior: 2, intermediate: 1, senior: 1},
                             specialties=Specialty.objects.all())
    applicant = make_member(username="t_applicant", organization=None, role=None,
                            name="张种植", kind=PersonKind.CITIZEN)
    talent = setup.talent_register(actor=applicant, person=applicant.person,
                                   town=county.town_a, category="planting",
                                   cooperative="金城蔬菜合作社")
    return TitleWorld(county=county, agri=agri, secretariat=secretariat, hr=hr, office=office,
                      committee=committee, experts=expert_list, round=rnd, junior=junior,
                      intermediate=intermediate, senior=senior, planting=planting,
                      applicant=applicant, talent=talent)


def new_application(world, *, talent=None, level=None, years=6, households=60):
    from ..services.applications import application_create

    talent = talent or world.talent
    return application_create(
        actor=talent.person.user,
        round=world.round, talent=talent, level=level or world.junior,
        specialty=world.planting, achievements="种植大棚蔬菜五十亩，带动周边农户增收。",
        years_in_production=years, households_driven=households)


def date_plus(days: int) -> date:
    return timezone.localdate(clock.now()) + timedelta(days=days)


def to_interviewed(world, application, *, scores=(80, 85, 90)):
    """Submit, recommend, check, assign three experts, score both stages."""
    from ..services import applications, review

    county = world.county
    applications.application_transition(actor=application.talent.person.user,
                                        application=application, action="application_submit")
    applications.application_transition(actor=county.town_staff, application=application,
                                        action="application_recommend")
    applications.application_check(actor=world.secretariat, application=application)
    chosen = [e for e in world.experts
              if not review.conflict_of(e, application)][:len(scores)]
    for expert in chosen:
        review.expert_assign(actor=world.secretariat, application=application, expert=expert)
    for stage in ("showcase", "interview"):
        for expert, score in zip(chosen, scores, strict=True):
            review.score_record(actor=expert.person.user, application=application, stage=stage,
                                score=score)
        review.stage_close(actor=world.secretariat, application=application, stage=stage)
    application.refresh_from_db()
    return application
