"""The review's working papers: 资格审查汇总表 (verdicts and the missing conditions),
评分表 (each expert's score per stage, the recusals) and 评审会议记录 with its tally — the
secretariat's, refused to town staff."""

import io

import pytest
from django.test import Client
from docx import Document
from openpyxl import load_workbook

from grassroots.testing.factories import PersonFactory

from ..services import applications, review, setup
from .world import build_title_world, new_application, to_interviewed


@pytest.fixture
def world(county):
    return build_title_world(county)


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _rows(body: bytes, sheet: str) -> list[tuple]:
    return [tuple(r) for r in load_workbook(io.BytesIO(body))[sheet].iter_rows(values_only=True)]


def _text(body: bytes) -> str:
    doc = Document(io.BytesIO(body))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


@pytest.mark.django_db
def test_the_papers_show_the_check_the_scores_the_recusal_and_the_tally(world, county):
    passed = new_application(world)
    review.recusal_record(actor=world.secretariat, application=passed,
                          expert=world.experts[4], reason="与申报人同村")
    passed = to_interviewed(world, passed, scores=(80, 85, 90))
    review.committee_vote(actor=world.secretariat, application=passed, present=5, yes=4, no=1,
                          abstain=0)
    other = setup.talent_register(actor=county.admin, person=PersonFactory(name="王新手"),
                                  town=county.town_a, category="planting")
    short = new_application(world, talent=other, years=1, households=2)
    applications.application_transition(actor=other.person.user, application=short,
                                        action="application_submit")
    applications.application_transition(actor=county.town_staff, application=short,
                                        action="application_recommend")
    applications.application_check(actor=world.secretariat, application=short)
    short.refresh_from_db()
    assert short.status == "ineligible"
    draft = new_application(world, talent=setup.talent_register(
        actor=county.admin, person=PersonFactory(name="赵草稿"), town=county.town_a,
        category="planting"))
    assert draft.status == "draft"

    secretariat = _client(world.secretariat)
    url = f"/talent/rounds/{world.round.pk}/documents/"
    body = secretariat.get(url + "eligibility/").content
    rows = _rows(body, "资格审查汇总表")
    by_name = {r[1]: r for r in rows[1:]}
    assert set(by_name) == {"张种植", "王新手"}  # a draft never reached the check
    assert by_name["张种植"][7] == "符合" and by_name["张种植"][8] in (None, "")
    assert by_name["王新手"][7] == "不符合" and "从业年限不少于" in by_name["王新手"][8]

    body = secretariat.get(url + "scoring/").content
    showcase = _rows(body, "业绩展示评分表")
    assert len(showcase) == 1 + 3 and {r[0] for r in showcase[1:]} == {"专家0", "专家1",
                                                                          "专家2"}
    assert sorted(float(r[4]) for r in showcase[1:]) == [80, 85, 90]
    assert len(_rows(body, "面试答辩评分表")) == 1 + 3
    assert _rows(body, "回避情况")[1][:3] == ("专家4", "张种植", "与申报人同村")

    record = _text(secretariat.get(url + "record/").content)
    assert "金乡县新型职业农民职称评审委员会评审会议记录" in record
    assert "应到委员：5名；实到委员：5名。" in record and "专家4回避张种植的申报（与申报人同村）" in record
    assert "共表决1人，通过1人，未通过0人" in record

    # Town staff read the round but not its working papers.
    town = _client(county.town_staff)
    for kind in ("eligibility", "scoring", "record"):
        assert town.get(url + f"{kind}/").status_code == 403, kind
    assert town.get(url + "announcement/").status_code == 200
