"""In a real browser at 375 px: branch A1's secretary issues a transfer letter from a member's
profile; branch B1's secretary finds it among the letters to accept and accepts it; the member
is then on B1's roll."""

import pytest

from grassroots.party import services as party_services
from grassroots.party.models import MemberStatus, PartyMember
from grassroots.testing.browser import signed_in_page
from grassroots.testing.factories import PersonFactory

from .helpers import members_of

pytestmark = [pytest.mark.browser,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_transfer_issued_by_one_secretary_and_accepted_by_another(browser, live_server, tree):
    from datetime import date

    from grassroots.rulesets.models import RuleParam, RuleSet

    from ..rulesets import ship_records

    # a transactional test may follow another that flushed the migration's rows
    ship_records(RuleSet, RuleParam)
    person = PersonFactory(name="胡集村书记", user__username="t_b1_secretary")
    party_services.member_add(actor=tree.org_dept, org=tree.branch_b1, person=person,
                              status=MemberStatus.FULL, joined_on=date(2010, 5, 1),
                              full_on=date(2011, 5, 1))
    party_services.secretary_set(actor=tree.org_dept, org=tree.branch_b1, person=person)
    member = members_of(tree.branch_a1)[0]

    page = signed_in_page(browser, live_server, tree.branch_secretary)
    page.goto(f"{live_server.url}/party/members/{member.pk}/profile/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.click("text=开具组织关系介绍信")
    form = page.locator('[data-testid="transfer-form"]')
    form.locator("select[name=to_org]").select_option(str(tree.branch_b1.pk))
    form.locator("input[name=reason]").fill("工作调动到胡集镇")
    form.locator("button").click()
    page.wait_for_selector('[data-testid="status"]')
    assert "已开具介绍信" in page.locator('[data-testid="status"]').inner_text()
    page.context.close()
    assert PartyMember.objects.get(pk=member.pk).organisation_id == tree.branch_a1.pk

    page = signed_in_page(browser, live_server, person.user)
    page.goto(f"{live_server.url}/party/transfers/?tab=incoming")
    page.click(f"text={member.transfers.get().letter_no}")
    page.click('[data-testid="transfer-accept"]')
    page.wait_for_selector('[data-testid="status"]:has-text("已接收")')
    page.context.close()
    assert PartyMember.objects.get(pk=member.pk).organisation_id == tree.branch_b1.pk
