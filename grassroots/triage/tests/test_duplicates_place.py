"""Place- and topic-aware duplicates at intake (issue #24): the issue's two examples, the live
check on the intake forms, and "不是重复" remembered."""

import re
from html import unescape

from django.urls import reverse

from grassroots.core.errors import NotInScope
from grassroots.core.events import events_for
from grassroots.places.models import Division, DivisionLevel
from grassroots.testing.refusals import refused
from grassroots.triage.engine.duplicates import Report, match
from grassroots.triage.models import DuplicateCandidate, TriageSettings
from grassroots.triage.selectors import duplicates_for_demand
from grassroots.triage.services import duplicate_dismiss
from grassroots.triage.services.intake import duplicates_find

# The issue: same village, same building number, "水压低" vs "自来水压力小" scored 0.21.
FIRST = ("金城社区3号楼水压低", "金城社区3号楼最近一周水压很低，楼上用不上水。")
PARAPHRASE = ("3号楼自来水压力小", "我家住3号楼，这几天自来水压力小，做饭洗澡都成问题，请派人看看。")


def _other_village(county):
    return Division.objects.create(code="370828001002", name="王庄村", level=DivisionLevel.VILLAGE,
                                   parent=county.town_a, town=county.town_a)


def test_engine_paraphrase_about_the_same_building_is_a_duplicate():
    a = Report(*FIRST, address="金城社区3号楼", division=1)
    b = Report(*PARAPHRASE, address="", division=1)
    m = match(a, b)
    assert m.score >= 0.6 and "同为3号楼" in m.reasons


def test_engine_same_words_from_another_village_are_not():
    a = Report(*FIRST, division=1)
    b = Report(*FIRST, division=2)
    m = match(a, b)
    assert m.score < 0.6 and m.conflict == "村（社区）不同"


def test_engine_another_building_or_another_problem_is_not():
    base = Report(*FIRST, division=1)
    assert match(base, Report("5号楼水压低", "金城社区5号楼水压很低", division=1)).conflict == "楼号不同"
    assert match(base, Report("3号楼电梯坏了", "金城社区3号楼电梯停运三天", division=1)).score < 0.6


def test_intake_flags_the_paraphrase_and_not_the_other_village(county, make_demand):
    first = make_demand(title=FIRST[0], text=FIRST[1])
    para = make_demand(title=PARAPHRASE[0], text=PARAPHRASE[1], citizen_phone="13900000002")
    other = make_demand(title=FIRST[0], text=FIRST[1], division=_other_village(county),
                        citizen_phone="13900000003")
    pairs = set(DuplicateCandidate.objects.values_list("demand_id", "candidate_id"))
    assert (para.pk, first.pk) in pairs
    assert not {p for p in pairs if other.pk in p}
    row = DuplicateCandidate.objects.get(demand=para, candidate=first)
    assert "同为3号楼" in row.reasons


def test_not_a_duplicate_is_remembered(county, make_demand):
    first = make_demand(title=FIRST[0], text=FIRST[1])
    para = make_demand(title=PARAPHRASE[0], text=PARAPHRASE[1], citizen_phone="13900000002")
    assert [d["other"] for d in duplicates_for_demand(para)] == [first]
    with refused(NotInScope, "只有派单中心可以排除疑似重复。",
                 unchanged=[DuplicateCandidate.objects.filter(dismissed_at__isnull=False)]):
        duplicate_dismiss(actor=county.handler, demand=para, other=first)
    assert duplicate_dismiss(actor=county.dispatcher, demand=para, other=first) == 1
    assert duplicates_for_demand(para) == [] and duplicates_for_demand(first) == []
    assert [e.action for e in events_for(para)].count("duplicate_dismissed") == 1
    duplicates_find(demand=para, cfg=TriageSettings.load())  # the check again: still dismissed
    assert duplicates_for_demand(para) == []


def test_dismiss_button_on_the_demand_page(client, county, make_demand):
    first = make_demand(title=FIRST[0], text=FIRST[1])
    para = make_demand(title=PARAPHRASE[0], text=PARAPHRASE[1], citizen_phone="13900000002")
    client.force_login(county.dispatcher)
    page = client.get(reverse("demands:detail", args=[para.pk])).content.decode()
    assert f'data-testid="not-duplicate-{first.pk}"' in page
    resp = client.post(reverse("triage:duplicate_dismiss", args=[para.pk]), {"other": first.pk})
    assert resp.status_code == 302
    assert DuplicateCandidate.objects.get(demand=para).dismissed_by == county.dispatcher


def test_live_check_on_the_phone_form(client, county, make_demand):
    first = make_demand(title=FIRST[0], text=FIRST[1])
    client.force_login(county.dispatcher)
    form = client.get(reverse("demands:phone_new")).content.decode()
    assert reverse("triage:intake_duplicates") in form
    html = client.get(reverse("triage:intake_duplicates"), {
        "title": PARAPHRASE[0], "text": PARAPHRASE[1], "division": county.village_a.pk,
    }).content.decode()
    assert f'data-testid="live-duplicate-{first.pk}"' in html and first.number in html
    elsewhere = client.get(reverse("triage:intake_duplicates"), {
        "title": FIRST[0], "text": FIRST[1], "division": _other_village(county).pk,
    }).content.decode()
    assert "live-duplicate" not in elsewhere


def test_live_check_shows_a_citizen_only_a_count(client, county, make_demand):
    first = make_demand(title=FIRST[0], text=FIRST[1])
    client.force_login(county.citizen)
    html = client.get(reverse("triage:intake_duplicates"), {
        "title": PARAPHRASE[0], "text": PARAPHRASE[1], "division": county.village_a.pk,
    }).content.decode()
    assert "已有 1 件正在办理" in html and first.number not in html and first.title not in html


def test_live_check_on_the_visit_form(client, county, make_demand):
    first = make_demand(title=FIRST[0], text=FIRST[1], grid=county.grid_a)
    client.force_login(county.secretary)
    form = client.get(reverse("gridwork:visit_new")).content.decode()
    assert reverse("triage:intake_duplicates") in form and '"prefix": "demand-' in form
    html = client.get(reverse("triage:intake_duplicates"), {
        "prefix": "demand-1-", "demand-1-title": PARAPHRASE[0], "demand-1-text": PARAPHRASE[1],
    }).content.decode()
    assert f'data-testid="live-duplicate-{first.pk}"' in html


# The issue: same village, same topic, "清了一次又这样" a month after a close scored 0.54.
DRAIN = ("村东头排水沟堵塞", "金城社区村东头的排水沟堵塞，一下雨污水就漫到路上，请尽快清理。")
DRAIN_AGAIN = ("排水沟又堵了", "村东头那条水沟清了一次又这样，污水又漫到路上了，上个月反映过。")


def _closed(county, title, text, *, days_ago=30, unit=None):
    from datetime import timedelta

    from grassroots.core import clock
    from grassroots.demands.models import Assignment, AssignmentRole, AssignmentStatus, Demand

    now = clock.now()
    d = Demand.objects.create(
        number=f"R{days_ago:04d}", channel="phone", type="help", title=title, text=text,
        grid=county.grid_a, division=county.village_a, town=county.town_a, status="closed",
        received_at=now - timedelta(days=days_ago + 7), closed_at=now - timedelta(days=days_ago))
    Assignment.objects.create(demand=d, unit=unit or county.water, role=AssignmentRole.LEAD,
                              status=AssignmentStatus.CLOSED, acknowledge_due_at=now,
                              reply_due_at=now)
    return d


def test_the_issue_recurrence_is_flagged(county, make_demand):
    earlier = _closed(county, *DRAIN)
    again = make_demand(title=DRAIN_AGAIN[0], text=DRAIN_AGAIN[1], grid=county.grid_a)
    again.refresh_from_db()
    assert again.recurrence_of == earlier
    (event,) = [e for e in events_for(again) if e.action == "recurrence_flagged"]
    assert event.extra["cue"] is True and "群众称问题再次出现" in event.note


def test_another_problem_that_came_back_is_not_a_recurrence_of_this_one(county, make_demand):
    _closed(county, *DRAIN)
    other = make_demand(title="路灯又坏了", text="村东头的路灯修了一次又不亮了，晚上走路看不见。",
                        grid=county.grid_a)
    other.refresh_from_db()
    assert other.recurrence_of is None


def test_recurrence_list_filter_and_a_supervision_notice_from_the_flag(client, county,
                                                                       make_demand):
    from grassroots.supervision.models import SupervisionNotice

    earlier = _closed(county, *DRAIN)
    again = make_demand(title=DRAIN_AGAIN[0], text=DRAIN_AGAIN[1], grid=county.grid_a)
    url = reverse("triage:recurrences")
    client.force_login(county.dispatcher)
    html = client.get(url).content.decode()
    assert f'data-testid="recurrence-{again.pk}"' in html and earlier.number in html
    assert "recurrence-notice-" not in html  # the dispatch centre does not issue notices
    assert f'data-testid="recurrence-{again.pk}"' not in client.get(
        url, {"unit": county.housing.pk}).content.decode()
    client.force_login(county.supervisor)
    html = client.get(url, {"unit": county.water.pk}).content.decode()
    assert f'data-testid="recurrence-{again.pk}"' in html
    link = re.search(rf'href="([^"]+)" data-testid="recurrence-notice-{again.pk}"', html)[1]
    form = client.get(unescape(link)).content.decode()
    assert earlier.number in form and again.number in form and "疑似假性整改" in form
    assert f'<option value="{county.water.pk}" selected>' in form
    client.force_login(county.handler)
    assert client.get(url).status_code in (403, 404)
    assert SupervisionNotice.objects.count() == 0  # a draft is the supervisor's own step
