"""In a real browser, from application to conversion across the roles of S2 §4.2: the applicant
on a phone applies himself, follows his steps and applies for conversion; the branch secretary
(on a phone, in the village) and the town's organisation officer (at a desk) take each step on
the case page; the review departments answer their own letters. The state is asserted after
every step.

The pipeline's time rules (12 months as activist, 5 working days of publicity, a year of
probation) cannot pass in real time, so the server's clock (``core.clock.now``, read by the
services in the live server's thread too) is set to each step's day and the forms keep their
default date, today. Branch meetings' votes are recorded through the meetings services (their
pages are the meetings app's)."""

from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from grassroots.core import clock
from grassroots.party.models import MemberStatus, PartyMember
from grassroots.rulesets.checks import add_natural_months
from grassroots.testing.browser import DESKTOP, PHONE, signed_in_page
from grassroots.workcal.clock import SHANGHAI

from ..models import DevelopmentCase, ReviewCheck, Step
from ..transitions import Action as A
from ..walker import Walker
from .world import full_members

pytestmark = [pytest.mark.browser,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SHOTS = Path(__file__).resolve().parents[4] / "var" / "shots" / "dev_walk"


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.fixture
def dev_rules(transactional_db):
    """The party.dev rule sets and their gate parameters as the migrations ship them: in the
    full suite this test has found them gone after an earlier transactional test's flush on the
    same worker (not understood yet; shipping is idempotent)."""
    import importlib

    from django.apps import apps as django_apps

    from grassroots.rulesets.models import RuleParam, RuleSet
    from grassroots.rulesets.shipped import ship

    ship(RuleSet, RuleParam)
    importlib.import_module("grassroots.rulesets.migrations.0003_party_dev_gates").add(
        django_apps, None)


@pytest.fixture
def server_day(monkeypatch):
    """Sets the platform's clock, in every thread, to 10:00 of a day."""
    moment = {}
    monkeypatch.setattr(clock, "now", lambda: moment["now"])

    def set_day(day: date) -> date:
        moment["now"] = datetime.combine(day, time(10, 0), tzinfo=SHANGHAI)
        return day
    return set_day


def test_application_to_conversion_across_roles(browser, live_server, dev_rules, dev,
                                                server_day):
    from grassroots.publicity.models import Publicity

    SHOTS.mkdir(parents=True, exist_ok=True)
    tree, applicant = dev.tree, dev.applicant
    url = live_server.url
    day = server_day(date(2023, 3, 1))

    # --- the applicant applies himself, on a phone -----------------------------------------
    phone = signed_in_page(browser, live_server, applicant.user, PHONE)
    phone.goto(f"{url}/party/development/apply/")
    phone.select_option("select[name=organisation]", str(tree.branch_a1.pk))
    phone.fill("input[name=birth_date]", "1995-05-01")
    phone.select_option("select[name=sector]", "school")
    phone.locator("form.form button").click()
    phone.wait_for_selector('[data-testid="my-case"]')
    assert _fits(phone)
    phone.screenshot(path=str(SHOTS / "01_applicant_applied.png"), full_page=True)
    case = DevelopmentCase.objects.get(person=applicant)
    assert (case.step, case.applied_on, case.organisation_id) == (
        Step.APPLIED, day, tree.branch_a1.pk)
    assert "2023-04-01" in phone.locator('[data-testid="my-case"]').inner_text()  # talk due

    secretary = signed_in_page(browser, live_server, tree.branch_secretary, PHONE)
    town = signed_in_page(browser, live_server, tree.town_officer, DESKTOP)
    case_url = f"{url}/party/development/{case.pk}/"

    def act(page, action, expected_step, **fields):
        page.goto(case_url)
        form = page.locator(f'[data-testid="act-{action}"]')
        for name, value in fields.items():
            target = form.locator(f"[name={name}]")
            if target.evaluate("e => e.tagName") == "SELECT":
                target.select_option(value)
            else:
                target.fill(str(value))
        form.locator("button").click()
        page.wait_for_load_state()
        assert not page.locator('[data-testid="error"]').count(), \
            page.locator('[data-testid="error"]').inner_text()
        fresh = DevelopmentCase.objects.get(pk=case.pk)
        assert fresh.step == expected_step, (action, fresh.step)
        return fresh

    def gate(page, op, **fields):
        page.goto(case_url)
        form = page.locator(f'form:has(input[name=op][value="{op}"])')
        for name, value in fields.items():
            target = form.locator(f"[name={name}]")
            if target.evaluate("e => e.tagName") == "SELECT":
                target.select_option(value)
            else:
                target.fill(str(value))
        form.locator("button").click()
        page.wait_for_load_state()

    # --- stage 1–2: talk, activist, filing, contacts, examinations -------------------------
    day = server_day(day + timedelta(days=7))
    case = act(secretary, A.TALK, Step.TALKED)
    assert case.talked_on == day and not case.warnings
    day = server_day(day + timedelta(days=7))
    case = act(secretary, A.ACTIVIST, Step.ACTIVIST, recommendation="党员推荐")
    day = server_day(day + timedelta(days=7))
    # the secretary is not the town: the filing is not offered to him
    secretary.goto(case_url)
    assert not secretary.locator(f'[data-testid="act-{A.ACTIVIST_FILE}"]').count()
    case = act(town, A.ACTIVIST_FILE, Step.ACTIVIST_FILED)
    members = full_members(tree.branch_a1)
    day = server_day(day + timedelta(days=7))
    case = act(secretary, A.CONTACTS, Step.CONTACTS, contacts=[str(members[0].pk)])
    assert list(case.contacts.values_list("pk", flat=True)) == [members[0].pk]
    for months in (5, 10):
        server_day(add_natural_months(case.activist_on, months))
        gate(secretary, "periodic", kind="examination", summary="学习认真，表现良好")
    assert case.periodic_records.count() == 2 and case.step == Step.CONTACTS

    # --- stage 3: development target, publicity, filing, introducers, review, training -----
    day = server_day(add_natural_months(case.activist_on, 12) + timedelta(days=1))
    case = act(secretary, A.CANDIDATE, Step.CANDIDATE, opinions="党小组、培养联系人、党员和群众均同意")
    gate(secretary, "publicity", stage="candidate", contact_phone="0537-8721234")
    case.refresh_from_db()
    publicity = Publicity.objects.get(pk=case.candidate_publicity_id)
    assert publicity.start_on == day
    day = server_day(publicity.end_on + timedelta(days=1))
    case = act(secretary, A.CANDIDATE_PUBLICITY, Step.CANDIDATE_PUBLICISED)
    case = act(town, A.CANDIDATE_FILE, Step.CANDIDATE_FILED)
    day = server_day(day + timedelta(days=3))
    case = act(secretary, A.INTRODUCERS, Step.INTRODUCERS,
               introducers=[str(members[1].pk), str(members[2].pk)])
    town.goto(case_url)
    town.click("text=发出政审函")
    town.wait_for_load_state()
    checks = list(ReviewCheck.objects.filter(case=case).select_related("department"))
    assert len(checks) == 2 and all(c.sent_on == day for c in checks)
    answerers = {dev.water_dept.pk: dev.county.handler, dev.housing_dept.pk: dev.county.outsider}
    day = server_day(day + timedelta(days=2))
    for check in checks:
        desk = signed_in_page(browser, live_server, answerers[check.department_id], DESKTOP)
        desk.goto(f"{url}/party/development/review/")
        # each department sees its own letter only
        assert desk.locator(f'a[href$="/review/{check.pk}/"]').count() == 1
        other = next(c for c in checks if c.pk != check.pk)
        assert not desk.locator(f'a[href$="/review/{other.pk}/"]').count()
        desk.goto(f"{url}/party/development/review/{check.pk}/")
        assert check.department.question in desk.inner_text("body")
        desk.select_option("select[name=answer]", "no_problem")
        desk.locator("form.form button").click()
        desk.wait_for_load_state()
        desk.context.close()
    assert set(ReviewCheck.objects.filter(case=case).values_list("answer", "answered_on")) == {
        ("no_problem", day)}
    day = server_day(day + timedelta(days=1))
    case = act(town, A.REVIEW_CONCLUDE, Step.REVIEWED, conclusion="政治审查合格")
    day = server_day(day + timedelta(days=3))
    case = act(town, A.TRAINING, Step.TRAINED, days=3, hours=24)
    town.screenshot(path=str(SHOTS / "02_town_trained.png"), full_page=True)

    # --- stage 4: admission -----------------------------------------------------------------
    day = server_day(day + timedelta(days=3))
    case = act(secretary, A.COMMITTEE_REVIEW, Step.COMMITTEE_REVIEWED)
    day = server_day(day + timedelta(days=3))
    case = act(town, A.PRE_REVIEW, Step.PRE_REVIEWED, result="同意接收")
    day = server_day(day + timedelta(days=3))
    case = act(secretary, A.VOLUNTEER_BOOK, Step.VOLUNTEER_BOOK, volunteer_book_no="3708280001")
    gate(secretary, "publicity", stage="admission", contact_phone="0537-8721234")
    day = server_day(day + timedelta(days=10))
    case = act(secretary, A.ADMISSION_PUBLICITY, Step.ADMISSION_PUBLICISED)
    walker = Walker(tree.org_dept, answerers)
    vote = walker.vote(case, day)
    case = act(secretary, A.ADMIT, Step.ADMITTED, vote=str(vote.pk))
    assert case.admitted_on == day
    assert case.probation_end_on == add_natural_months(day, 12)
    secretary.screenshot(path=str(SHOTS / "03_secretary_admitted.png"), full_page=True)
    assert _fits(secretary)
    timeline = secretary.inner_text("body")
    assert "发起公示" in timeline and "登记考察/思想汇报" in timeline
    assert "dev_" not in timeline  # every event of the case has its label
    for action, step in ((A.UPPER_TALK, Step.UPPER_TALKED), (A.APPROVE, Step.APPROVED),
                         (A.COUNTY_FILE, Step.COUNTY_FILED)):
        day = server_day(day + timedelta(days=5))
        case = act(town, action, step)
    member = PartyMember.objects.get(person=applicant)
    assert (member.status, member.joined_on) == (MemberStatus.PROBATIONARY, case.admitted_on)
    for action, step in ((A.PLACE, Step.PLACED), (A.OATH, Step.SWORN)):
        day = server_day(day + timedelta(days=5))
        case = act(secretary, action, step)

    # --- stage 5: the probationary member applies for conversion on his phone ---------------
    day = server_day(case.probation_end_on - timedelta(days=7))
    phone.goto(f"{url}/party/development/mine/")
    mine = phone.locator('[data-testid="my-case"]').inner_text()
    assert "入党宣誓" in mine
    assert "表决" not in mine and "政审" not in mine  # no votes, no review findings
    phone.click("text=提出转正申请")
    phone.wait_for_load_state()
    assert DevelopmentCase.objects.get(pk=case.pk).step == Step.CONVERSION_APPLIED
    gate(secretary, "publicity", stage="conversion", contact_phone="0537-8721234")
    day = server_day(max(day + timedelta(days=10), case.probation_end_on))
    case = act(secretary, A.CONVERSION_PUBLICITY, Step.CONVERSION_PUBLICISED)
    vote = walker.vote(case, day)
    case = act(secretary, A.CONVERSION_VOTE, Step.CONVERSION_VOTED, vote=str(vote.pk),
               decision="convert")
    day = server_day(day + timedelta(days=10))
    case = act(town, A.CONVERT, Step.CONVERTED)
    assert case.converted_on == case.probation_end_on
    member.refresh_from_db()
    assert (member.status, member.full_on) == (MemberStatus.FULL, case.probation_end_on)

    phone.goto(f"{url}/party/development/mine/")
    assert "24 上级党委审批转正" in phone.locator('[data-testid="my-case"]').inner_text()
    assert _fits(phone)
    phone.screenshot(path=str(SHOTS / "04_applicant_converted.png"), full_page=True)
    town.goto(case_url)
    assert town.locator('a[href$="/documents/conversion-reply.pdf"]').count() == 1
    for page in (phone, secretary, town):
        page.context.close()
