"""Pages and endpoints: who may see what (403 for the wrong role, 404 for outsiders/citizens)."""

from datetime import timedelta

import pytest

from grassroots.core import clock
from grassroots.demands.services import assignment_acknowledge, demand_dispatch
from grassroots.triage.models import ModelKind, ModelStatus, TriageModel, TriageSettings

from .test_reply_quality_hook import GOOD, NON_ANSWER


@pytest.fixture
def versions(county, blobs):
    v1 = TriageModel.objects.create(kind=ModelKind.UNIT, version=1, status=ModelStatus.READY,
                                    blob=blobs[ModelKind.UNIT], is_active=True, n_train=64,
                                    metrics={"validation": {
                                        "n": 10, "macro_f1": 0.9, "accuracy": 0.9,
                                        "top3_accuracy": 1.0, "per_class": [
                                            {"label": "金乡县水务局", "precision": 0.8,
                                             "recall": 0.95, "f1": 0.87, "support": 4}]}})
    v2 = TriageModel.objects.create(kind=ModelKind.UNIT, version=2, status=ModelStatus.READY,
                                    blob=blobs[ModelKind.UNIT], n_train=70)
    return v1, v2


# ---------------------------------------------------------------- model registry
def test_models_page_lists_versions_with_per_class_metrics(client, county, versions):
    client.force_login(county.admin)
    html = client.get("/triage/models/").content.decode()
    assert f'data-testid="model-{versions[0].pk}"' in html and "金乡县水务局" in html
    assert "0.950" in html  # the per-class recall
    assert f'data-testid="activate-{versions[1].pk}"' in html


@pytest.mark.parametrize("who", ["dispatcher", "supervisor", "handler", "viewer"])
def test_model_pages_are_for_administrators_only(client, county, versions, who):
    client.force_login(getattr(county, who))
    assert client.get("/triage/models/").status_code == 403
    assert client.post(f"/triage/models/{versions[1].pk}/activate/").status_code == 403
    assert client.post("/triage/models/train/", {"kind": "unit"}).status_code == 403
    assert not TriageModel.objects.get(pk=versions[1].pk).is_active


def test_citizens_get_404_on_model_pages(client, county, versions):
    client.force_login(county.citizen)
    assert client.get("/triage/models/").status_code == 404


def test_activate_and_rollback_from_the_page(client, county, versions):
    v1, v2 = versions
    client.force_login(county.admin)
    assert client.post(f"/triage/models/{v2.pk}/activate/").status_code == 302
    assert TriageModel.objects.get(is_active=True).version == 2
    client.post(f"/triage/models/{v1.pk}/activate/")
    assert TriageModel.objects.get(is_active=True).version == 1
    assert client.post("/triage/models/99999/activate/").status_code == 404


def test_train_button_runs_the_task(client, county, handled_demands, monkeypatch, tmp_path):
    monkeypatch.setenv("GRASSROOTS_SHARED_DATA", str(tmp_path))
    client.force_login(county.admin)
    resp = client.post("/triage/models/train/", {"kind": "category", "source": "platform"})
    assert resp.status_code == 302
    row = TriageModel.objects.get(kind=ModelKind.CATEGORY)
    assert row.status == ModelStatus.READY and row.trained_by == county.admin


def test_train_failure_is_shown_not_raised(client, county, monkeypatch, tmp_path):
    monkeypatch.setenv("GRASSROOTS_SHARED_DATA", str(tmp_path))
    client.force_login(county.admin)
    resp = client.post("/triage/models/train/", {"kind": "unit"}, follow=True)
    assert "训练数据不足" in resp.content.decode()


def test_settings_form(client, county):
    client.force_login(county.admin)
    client.post("/triage/settings/", {"auto_dispatch_enabled": "on",
                                      "auto_dispatch_threshold": "0.95"})
    s = TriageSettings.load()
    assert s.auto_dispatch_enabled and s.auto_dispatch_threshold == 0.95
    resp = client.post("/triage/settings/", {"auto_dispatch_threshold": "2"}, follow=True)
    assert "0.5至0.999" in resp.content.decode() and TriageSettings.load().auto_dispatch_enabled
    client.force_login(county.dispatcher)
    assert client.post("/triage/settings/", {"auto_dispatch_threshold": "0.9"}).status_code == 403


# ---------------------------------------------------------------- hot topics
@pytest.fixture
def hot_demands(county, make_demand):
    now = clock.now()
    for i in range(4):
        make_demand(title=f"金城社区垃圾堆积无人清运{i}",
                    text="金城社区生活垃圾堆积多日无人清运，臭气熏天，蚊蝇滋生。",
                    citizen_phone=f"1390000000{i}", received_at=now - timedelta(days=i))
    for i in range(3):
        make_demand(title=f"金乡一中学校乱收费{i}", text="金乡一中收取资料费和补课费，家长负担重。",
                    citizen_phone=f"1380000000{i}", received_at=now - timedelta(days=i))
    make_demand(title="路灯不亮", text="建设路路灯坏了", received_at=now - timedelta(days=40))


def test_hot_topics_page_lists_clusters_with_a_report_link(client, county, hot_demands):
    client.force_login(county.supervisor)
    resp = client.get("/triage/hot/?window=week")
    assert resp.status_code == 200
    topics = resp.context["topics"]
    assert len(topics) == 2 and topics[0]["size"] == 4 and topics[0]["citizens"] == 4
    assert topics[0]["heat"] >= topics[1]["heat"]
    html = resp.content.decode()
    assert "/supervision/reports/new/?title=" in html and "date_from=" in html
    month = client.get("/triage/hot/?window=month").context["topics"]
    assert sum(t["size"] for t in month) == 7  # the 40-day-old one is outside both windows


def test_hot_topic_of_many_villages_is_named_and_reported_after_the_matter(client, county,
                                                                          make_demand):
    # the review saw 9 demands from 7 villages named "于坊村农村自来水时有时无" and a report
    # pre-filled "于坊村农村自来水时有时无问题专报", with "地点：解决农村"
    now = clock.now()
    villages = ["于坊村", "于坊村", "于坊村", "金集村", "曹口村", "张楼村", "韩坊村", "唐洼村",
                "姚楼村"]
    for i, v in enumerate(villages):
        make_demand(title=f"{v}农村自来水时有时无",
                    text=f"{v}村里的自来水经常时有时无，特别是早晨用水高峰，村东头十几户接不上水，"
                         "希望解决农村饮水问题。",
                    citizen_phone=f"1370000000{i}", received_at=now - timedelta(hours=i + 1))
    client.force_login(county.supervisor)
    resp = client.get("/triage/hot/?window=week")
    (topic,) = resp.context["topics"]
    assert topic["label"] == "农村自来水时有时无" and topic["size"] == 9
    assert topic["report_query"]["title"] == "农村自来水时有时无问题专报"
    assert topic["place_counts"] == [["于坊村", 3]]
    html = resp.content.decode()
    assert "解决农村" not in html and "于坊村农村" not in html
    assert "地点：于坊村（3）" in html


def test_hot_custom_window_needs_two_ordered_dates(client, county, hot_demands):
    client.force_login(county.dispatcher)
    assert client.get("/triage/hot/?window=custom&from=2026-02-01").status_code == 400
    assert client.get("/triage/hot/?window=custom&from=2026-02-02&to=2026-02-01").status_code \
        == 400
    today = clock.now().date()
    ok = client.get(f"/triage/hot/?window=custom&from={today - timedelta(days=60)}&to={today}")
    assert ok.status_code == 200 and "start-report" not in ok.content.decode()  # not a supervisor


@pytest.mark.parametrize("who,status", [("handler", 403), ("town_staff", 403), ("citizen", 404)])
def test_hot_topics_scope(client, county, who, status):
    client.force_login(getattr(county, who))
    assert client.get("/triage/hot/").status_code == status


# ---------------------------------------------------------------- reply quality
@pytest.fixture
def lead(county, make_demand):
    demand = make_demand()
    (lead,) = demand_dispatch(actor=county.dispatcher, demand=demand, lead_unit=county.water)
    assignment_acknowledge(actor=county.handler, assignment=lead)
    return lead


def test_reply_check_fragment_for_the_replying_unit(client, county, lead):
    client.force_login(county.handler)
    weak = client.post("/triage/reply-check/", {"assignment": lead.pk, "text": NON_ANSWER})
    assert weak.status_code == 200 and 'data-flagged="1"' in weak.content.decode()
    assert "已收悉" in weak.content.decode()
    strong = client.post("/triage/reply-check/", {"assignment": lead.pk, "text": GOOD})
    assert 'data-flagged="0"' in strong.content.decode()
    empty = client.post("/triage/reply-check/", {"assignment": lead.pk, "text": ""})
    assert "请先填写答复内容" in empty.content.decode()


def test_reply_check_scope(client, county, lead):
    client.force_login(county.viewer)  # read-only colleague
    assert client.post("/triage/reply-check/", {"assignment": lead.pk,
                                                "text": GOOD}).status_code == 403
    client.force_login(county.outsider)  # another unit
    assert client.post("/triage/reply-check/", {"assignment": lead.pk,
                                                "text": GOOD}).status_code == 404
    assert client.post("/triage/reply-check/", {"assignment": "x"}).status_code == 404
    assert client.get("/triage/reply-check/").status_code == 405


def test_flagged_replies_page(client, county, lead):
    from grassroots.demands.services import assignment_reply

    assignment_reply(actor=county.handler, assignment=lead, outcome="resolved", text=NON_ANSWER)
    client.force_login(county.supervisor)
    html = client.get("/triage/replies/").content.decode()
    assert lead.demand.number in html and "已收悉" in html
    assert county.water.name in html
    client.force_login(county.handler)
    assert client.get("/triage/replies/").status_code == 403
    client.force_login(county.citizen)
    assert client.get("/triage/replies/").status_code == 404


def test_nav_entries_by_role(client, county):
    client.force_login(county.admin)
    html = client.get("/").content.decode()
    assert "/triage/models/" in html and "/triage/hot/" in html
    client.force_login(county.handler)
    html = client.get("/").content.decode()
    assert "/triage/" not in html


def test_hot_topic_span_is_in_local_days_and_growth_reads_as_a_ratio(client, county,
                                                                     make_demand):
    """Demands received at 07:00 Beijing time are on that day, not on the UTC day before; the
    growth figure is a ratio of the two halves, not "增长 0.5 倍" (+50 %) for a falling topic."""
    from datetime import datetime, time

    from django.utils import timezone

    yesterday = timezone.localdate(clock.now()) - timedelta(days=1)
    early = datetime.combine(yesterday, time(7, 0), timezone.get_current_timezone())
    for i in range(3):
        make_demand(title=f"金城社区垃圾堆积无人清运{i}",
                    text="金城社区生活垃圾堆积多日无人清运，臭气熏天，蚊蝇滋生。",
                    citizen_phone=f"1390000000{i}", received_at=early + timedelta(minutes=i))
    client.force_login(county.supervisor)
    resp = client.get("/triage/hot/?window=week")
    (topic,) = resp.context["topics"]
    assert topic["first"][:10] == topic["last"][:10] == yesterday.isoformat()
    html = resp.content.decode()
    assert f"{yesterday.isoformat()} — {yesterday.isoformat()}" in html
    assert "后半段件数为前半段的" in html and " 增长 " not in html


def test_praise_does_not_become_a_hot_topic(client, county, make_demand):
    from grassroots.demands.models import DemandType

    now = clock.now()
    for i in range(4):
        make_demand(type=DemandType.PRAISE, title=f"表扬民情书记{i}",
                    text="民情书记热情周到，帮我们解决了实际困难，特此表扬。",
                    citizen_phone=f"1390000001{i}", received_at=now - timedelta(hours=i + 1))
    client.force_login(county.supervisor)
    assert client.get("/triage/hot/?window=week").context["topics"] == []
