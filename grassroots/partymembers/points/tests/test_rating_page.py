"""The branch's rating page: the secretary opens and closes the peer round (completion only,
never who rated whom), enters the committee's organisation ratings as one sheet (all or
nothing), computes the annual results (a missing part re-normalised), and posts a quarter;
another branch's secretary and a plain member get 404."""

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client

from grassroots.partymembers.records.tests.helpers import on

from .. import services
from ..models import AnnualResult, OrgRating, PeerRound, PointsPosting, RoundStatus
from .helpers import YEAR, member_with_login, members_of, published


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_the_secretary_runs_the_year_from_the_page(tree):
    scheme = published(tree)
    rater = member_with_login(tree, tree.branch_a1, "t_rater", name="评议人张三")
    url = f"/party/points/orgs/{tree.branch_a1.pk}/rating/"
    client = client_for(tree.branch_secretary)
    with on(date(YEAR, 12, 1)):
        assert client.post(url + "act/", {"op": "round_open", "year": YEAR,
                                          "closes_on": f"{YEAR}-12-10"}).status_code == 302
        rnd = PeerRound.objects.get(scheme=scheme, organisation=tree.branch_a1)
        members = members_of(tree.branch_a1)
        ratee = next(m for m in members if m.pk != rater.pk)
        services.peer_rate(actor=rater.person.user, round=rnd, ratee=ratee, score=91)
        page = client.get(url, {"year": YEAR}).content.decode()
        assert f"已参评1人／在册{len(members)}人" in page and "评议人张三" in page  # on the sheet
        assert "91" not in page.split('data-testid="round"')[1].split("</section>")[0]
        assert client.post(url + "act/", {"op": "round_close", "year": YEAR}).status_code == 302
        assert PeerRound.objects.get(pk=rnd.pk).status == RoundStatus.CLOSED
        # One bad score refuses the whole sheet.
        bad = client.post(url + "act/", {"op": "org_rate", "year": YEAR,
                                         f"score_{members[0].pk}": "80",
                                         f"score_{members[1].pk}": "180"})
        assert bad.status_code == 400 and "0至100" in bad.content.decode()
        assert not OrgRating.objects.exists()
        sheet = {"op": "org_rate", "year": YEAR}
        for m in members:
            sheet[f"score_{m.pk}"] = "80"
            sheet[f"comment_{m.pk}"] = "表现良好"
        assert client.post(url + "act/", sheet).status_code == 302
        assert OrgRating.objects.filter(scheme=scheme).count() == len(members)
        assert client.post(url + "act/", {"op": "results", "year": YEAR}).status_code == 302
        result = AnnualResult.objects.get(scheme=scheme, member=ratee)
        # No daily entries: daily 0; peer 91 and organisation 80 over their weights.
        assert result.peer_avg == Decimal("91.00") and result.org_score == Decimal("80.00")
        assert result.composite == services.composite(
            {"daily": Decimal(0), "peer": Decimal(91), "organisation": Decimal(80)},
            scheme.weights)
        page = client.get(url, {"year": YEAR}).content.decode()
        assert str(result.composite) in page
        posted = client.post(url + "act/", {"op": "post", "year": YEAR,
                                            "quarter": f"{YEAR}-10-01", "phone": "0537-1234567"})
        assert posted.status_code == 302
        posting = PointsPosting.objects.get(organisation=tree.branch_a1)
        assert (posting.period_start, posting.period_end) == (date(YEAR, 10, 1),
                                                              date(YEAR, 12, 31))


@pytest.mark.django_db
def test_other_branches_and_members_get_404(tree):
    published(tree)
    url = f"/party/points/orgs/{tree.branch_a1.pk}/rating/"
    other = client_for(tree.member)
    assert other.get(url).status_code == 404
    assert other.post(url + "act/", {"op": "round_open", "closes_on": "2999-01-01"}
                      ).status_code == 404
    assert not PeerRound.objects.exists()
    assert client_for(tree.town_officer).get(url).status_code == 200
