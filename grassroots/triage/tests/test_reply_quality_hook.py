"""Reply quality at close: lead replies are scored; non-answers are flagged to supervisors."""

import pytest

from grassroots.core.models import Notification
from grassroots.demands.services import (
    assignment_acknowledge,
    assignment_reply,
    demand_dispatch,
)
from grassroots.triage.models import ReplyQuality
from grassroots.triage.selectors import flagged_replies, reply_quality_check

NON_ANSWER = "网友您好！您的留言已收悉，感谢您的支持。"
GOOD = ("经现场核实，金城社区3号楼水压低是二次供水泵房水泵老化所致。根据《城市供水条例》规定，"
        "我局已责成供水公司更换水泵，已于3月20日完成整改，目前楼上用水已恢复正常。"
        "下一步将加强巡查，如仍有问题请致电联系电话0537-8721234。")


@pytest.fixture
def lead_and_assist(county, make_demand):
    demand = make_demand()
    lead, assist = demand_dispatch(actor=county.dispatcher, demand=demand,
                                   lead_unit=county.water, assisting_units=[county.housing])
    assignment_acknowledge(actor=county.handler, assignment=lead)
    assignment_acknowledge(actor=county.outsider, assignment=assist)
    return demand, lead, assist


def _supervisor_notes(county):
    return Notification.objects.filter(recipient=county.supervisor, kind="reply_quality")


def test_non_answer_is_flagged_and_supervisors_are_notified_once(county, lead_and_assist):
    demand, lead, _assist = lead_and_assist
    assignment_reply(actor=county.handler, assignment=lead, outcome="resolved", text=NON_ANSWER,
                     unconsolidated_reason="协办单位已电话告知无需其处置。")
    rq = ReplyQuality.objects.get(assignment=lead)
    assert rq.flagged and rq.unit == county.water and rq.demand == demand
    assert any("已收悉" in r for r in rq.reasons)
    note = _supervisor_notes(county).get()
    assert demand.title in note.title_text and note.url == f"/demands/{demand.pk}/"
    assert note.dedup_key == f"reply_quality:{lead.pk}"
    assert list(flagged_replies(county.supervisor)) == [rq]
    assert list(flagged_replies(county.handler)) == []
    assert not Notification.objects.filter(recipient=county.handler, kind="reply_quality").exists()


def test_substantive_reply_is_not_flagged(county, lead_and_assist):
    _demand, lead, _assist = lead_and_assist
    assignment_reply(actor=county.handler, assignment=lead, outcome="resolved", text=GOOD,
                     unconsolidated_reason="协办单位已电话告知无需其处置。")
    rq = ReplyQuality.objects.get(assignment=lead)
    assert not rq.flagged and rq.interpretability > 0.5 and rq.timeliness == 1.0
    assert not _supervisor_notes(county).exists()


def test_assisting_replies_are_not_scored(county, lead_and_assist):
    _demand, _lead, assist = lead_and_assist
    assignment_reply(actor=county.outsider, assignment=assist, outcome="resolved",
                     text="已配合水务局排查小区管网，未发现我局职责范围内的问题。")
    assert not ReplyQuality.objects.exists()


def test_check_before_sending_scores_without_writing(county, lead_and_assist):
    demand, lead, _assist = lead_and_assist
    weak = reply_quality_check(demand, NON_ANSWER, assignment=lead)
    strong = reply_quality_check(demand, GOOD, assignment=lead)
    assert weak.flagged and not strong.flagged and strong.overall > weak.overall
    assert not ReplyQuality.objects.exists()
