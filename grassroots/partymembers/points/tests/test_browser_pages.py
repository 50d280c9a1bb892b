"""In a real browser at 375 px: the scheme page (a draft, every item's form), the branch's
rating page and the disposal member page fit the phone's width; the county publishes the
scheme and the secretary records a valid reason by tapping through the forms."""

import pytest

from grassroots.testing.browser import signed_in_page

from ...disposal.models import ValidReason
from ..models import PointsScheme, SchemeStatus
from .helpers import members_of

pytestmark = [pytest.mark.browser,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]

FITS = "document.documentElement.scrollWidth <= window.innerWidth + 1"


def _ship():
    # a transactional test may follow another that flushed the migrations' rows
    import importlib

    from django.apps import apps as django_apps

    from grassroots.rulesets.models import RuleParam, RuleSet

    from ...records.rulesets import ship_records
    from ..rulesets import ship_points

    ship_points(RuleSet, RuleParam)
    ship_records(RuleSet, RuleParam)
    importlib.import_module("grassroots.partymembers.migrations.0004_disposal")._seed_criteria(
        django_apps, None)


def test_the_new_pages_fit_a_phone_and_their_forms_work(browser, live_server, tree):
    from ..services.common import today

    _ship()
    year = today().year + 1
    page = signed_in_page(browser, live_server, tree.org_dept)
    page.goto(f"{live_server.url}/party/points/schemes/")
    assert page.evaluate(FITS)
    form = page.locator('[data-testid="scheme-new"]')
    form.locator("input[name=year]").fill(str(year))
    form.locator("button").click()
    page.wait_for_selector('[data-testid="items"]')
    assert page.evaluate(FITS)
    page.click('[data-testid="publish"]')
    page.wait_for_selector('[data-testid="status"]:has-text("已发布")')
    page.context.close()
    assert PointsScheme.objects.get(year=year).status == SchemeStatus.PUBLISHED

    member = members_of(tree.branch_a1)[0]
    page = signed_in_page(browser, live_server, tree.branch_secretary)
    page.goto(f"{live_server.url}/party/points/orgs/{tree.branch_a1.pk}/rating/?year={year}")
    page.wait_for_selector('[data-testid="org-rate"]')
    assert page.evaluate(FITS)
    page.goto(f"{live_server.url}/party/disposal/members/{member.pk}/")
    assert page.evaluate(FITS)
    form = page.locator('[data-testid="reason-form"]')
    form.locator("input[name=reason]").fill("患病住院治疗")
    form.locator("input[name=valid_from]").fill("2026-01-01")
    form.locator("button").click()
    page.wait_for_selector('[data-testid="reasons"]:has-text("患病住院治疗")')
    page.context.close()
    assert ValidReason.objects.get(member=member).reason == "患病住院治疗"
