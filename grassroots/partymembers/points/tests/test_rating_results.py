"""Peer rating secrecy, the organisation rating, the composite re-normalised over the parts
present, grade bands, rank in branch, the 不合格 listeners, the posting and the statistics."""

from datetime import date
from decimal import Decimal

import pytest

from grassroots.core.errors import ApplicationError, NotInScope
from grassroots.partymembers.records.tests.helpers import on
from grassroots.publicity.models import Publicity
from grassroots.testing.refusals import refused

from .. import selectors, services
from ..models import AnnualResult, Grade, PeerRating
from ..services import common
from .helpers import YEAR, meeting, member_with_login, members_of, published

pytestmark = pytest.mark.django_db
D = Decimal
W = {"daily": 0.7, "peer": 0.15, "organisation": 0.15}


def test_composite_with_all_parts_and_re_normalised_when_one_is_missing():
    assert services.composite({"daily": D(80), "peer": D(90), "organisation": D(70)}, W) \
        == D("80.00")
    # no peer ratings: (0.7 × 80 + 0.15 × 90) / 0.85, not zeroed
    assert services.composite({"daily": D(80), "peer": None, "organisation": D(90)}, W) \
        == D("81.76")
    assert services.composite({"daily": D(55), "peer": None, "organisation": None}, W) \
        == D("55.00")
    bands = [[90, "excellent"], [75, "qualified"], [60, "basic"]]
    assert [services.grade_of(D(x), bands) for x in ("90", "89.99", "75", "60", "59.99")] == [
        "excellent", "qualified", "qualified", "basic", "unqualified"]


def test_peer_rating_refuses_self_and_never_shows_the_rater(tree, client):
    scheme = published(tree)
    rater = member_with_login(tree, tree.branch_a1, "t_rater", name="评议人张三")
    secretary_member = tree.branch_secretary.person.party_member
    with on(date(YEAR, 12, 1)):
        rnd = services.round_open(actor=tree.branch_secretary, scheme=scheme,
                                  organisation=tree.branch_a1, closes_on=date(YEAR, 12, 10))
        with refused(ApplicationError, "不能给自己评分。"):
            services.peer_rate(actor=rater.person.user, round=rnd, ratee=rater, score=100)
        services.peer_rate(actor=rater.person.user, round=rnd, ratee=secretary_member,
                           score=88)
        with refused(ApplicationError, "您已经评议过该党员。"):
            services.peer_rate(actor=rater.person.user, round=rnd, ratee=secretary_member,
                               score=10)
        with refused(NotInScope, "未找到"):  # a member of another branch
            services.peer_rate(actor=tree.member, round=rnd, ratee=secretary_member, score=1)
        summary = selectors.my_summary(tree.branch_secretary, scheme)
        assert (summary["peer_avg"], summary["peer_count"]) == (D("88.00"), 1)
        assert "rater" not in str(summary.keys())
        assert selectors.round_completion(rnd) == {"members": 6, "raters": 1}
        services.round_close(actor=tree.branch_secretary, round=rnd)  # the rating form is gone
        client.force_login(tree.branch_secretary)
        page = client.get("/party/points/mine/").content.decode()
        assert "88" in page and "评议人张三" not in page
        api = client.get("/api/v1/party/points/mine").json()
        assert "评议人张三" not in str(api) and "rater" not in str(api)
    assert PeerRating.objects.count() == 1


def test_results_rank_grades_and_the_unqualified_listener_once(tree, monkeypatch):
    scheme = published(tree)
    members = members_of(tree.branch_b1)
    a, b, c = members[:3]
    heard = []
    monkeypatch.setattr(common, "_UNQUALIFIED_LISTENERS", [])
    services.register_unqualified_listener(lambda result, actor: heard.append(result.member_id))
    meeting(tree.branch_b1, date(YEAR, 3, 8), present=[a, b])
    with on(date(YEAR, 12, 5)):
        services.points_nightly(date(YEAR, 3, 1))
        services.org_rate(actor=tree.org_dept, scheme=scheme, member=a, score=95)
        services.org_rate(actor=tree.org_dept, scheme=scheme, member=b, score=60)
        with refused(ApplicationError, "组织评定分应为0至100。"):
            services.org_rate(actor=tree.org_dept, scheme=scheme, member=c, score=101)
        results = services.results_compute(actor=tree.org_dept, scheme=scheme,
                                           organisation=tree.branch_b1)
        services.results_compute(actor=tree.org_dept, scheme=scheme,
                                 organisation=tree.branch_b1)
    by_member = {r.member_id: r for r in AnnualResult.objects.filter(scheme=scheme)}
    # a: daily 1 (of 100), org 95 -> (0.7 × 1 + 0.15 × 95) / 0.85
    assert by_member[a.pk].composite == D("17.59")
    assert by_member[a.pk].rank_in_branch == 1 and by_member[b.pk].rank_in_branch == 2
    assert by_member[c.pk].composite == D("0.00")
    assert {r.grade for r in results} == {Grade.UNQUALIFIED}
    assert sorted(heard) == sorted(m.pk for m in members)  # once each, not on the re-run
    dist = selectors.grade_distribution(tree.org_dept, scheme, by="town")
    town_b = [r for r in dist if r["name"] == tree.town_b.name][0]
    assert town_b["n"] == len(members) and ("不合格", len(members)) in town_b["grades"]


def test_posting_publishes_totals_and_rank_only(tree):
    scheme = published(tree)
    a = members_of(tree.branch_a1)[0]
    with on(date(YEAR, 4, 1)):
        entry = services.entry_propose(actor=tree.branch_secretary, member=a,
                                       item=scheme.items.get(code="DC-04"),
                                       occurred_on=date(YEAR, 3, 2), evidence="投诉核实：态度差")
        services.entry_confirm(actor=tree.branch_secretary, entry=entry)
        posting = services.posting_publish(
            actor=tree.branch_secretary, scheme=scheme, organisation=tree.branch_a1,
            start=date(YEAR, 1, 1), end=date(YEAR, 3, 31), contact_phone="0537-8888888")
        with refused(ApplicationError, "本支部本期积分已经公示。"):
            services.posting_publish(
                actor=tree.branch_secretary, scheme=scheme, organisation=tree.branch_a1,
                start=date(YEAR, 1, 1), end=date(YEAR, 3, 31), contact_phone="0537-8888888")
    publicity = Publicity.objects.get(pk=posting.publicity_id)
    values = [f["value"] for f in publicity.published_fields]
    assert len(values) == len(members_of(tree.branch_a1))
    mine = [v for v in values if v.startswith(a.person.name)][0]
    assert "日常表现-3" in mine and "合计-3" in mine and "排名第" in mine
    assert "态度差" not in str(publicity.published_fields)
    compliance = selectors.posting_compliance(tree.org_dept, date(YEAR, 1, 1), by="town")
    town_a = [r for r in compliance if r["name"] == tree.town_a.name][0]
    assert (town_a["posted"], town_a["branches"]) == (1, 1)


def test_participation_counts_members_with_a_confirmed_entry(tree):
    published(tree)
    a = members_of(tree.branch_a1)[0]
    meeting(tree.branch_a1, date(YEAR, 2, 8), present=[a])
    with on(date(YEAR, 3, 2)):
        services.points_nightly(date(YEAR, 2, 1))
    rows = selectors.participation(tree.org_dept, date(YEAR, 1, 1), date(YEAR, 3, 31),
                                   by="branch")
    a1 = [r for r in rows if r["key"] == tree.branch_a1.pk][0]
    assert (a1["active"], a1["obliged"]) == (1, 5)
