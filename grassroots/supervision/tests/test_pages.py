import json
import re
from datetime import date, timedelta

import pytest

from grassroots.supervision.models import Bulletin, NoticeStatus, SpecialReport
from grassroots.supervision.services import bulletins as bsvc
from grassroots.supervision.services import notices as nsvc
from grassroots.supervision.stats import Period

from .conftest import AS_OF, set_rank_min_sample


@pytest.fixture
def issued(county, dataset):
    n = nsvc.notice_draft(actor=county.supervisor, unit=county.water,
                          demands=[dataset["W3"].demand], title="督促办理超期诉求",
                          body="请水务局立即办理超期诉求并反馈。",
                          respond_by=date.today() + timedelta(days=3))
    return nsvc.notice_issue(actor=county.supervisor, notice=n)


@pytest.fixture
def bulletin(county, dataset):
    return bsvc.bulletin_compile(actor=county.supervisor, period=Period.month(2026, 10), at=AS_OF)


@pytest.mark.django_db
def test_stats_page_shows_figures_and_definitions(client, county, dataset):
    client.force_login(county.supervisor)
    r = client.get("/supervision/stats/?month=2026-10&by=unit")
    assert r.status_code == 200
    html = r.content.decode()
    assert "水务局" in html and "住建局" in html
    assert "按时签收件数 ÷ 应签收件数" in html  # the definition is on the page
    assert "3/5" in html  # the water bureau's response-rate sample
    assert f"unit={county.water.pk}" in html and "date_from=2026-10-01" in html
    assert "办理情况统计 · 2026年10月</h1>" in html


def test_stats_heading_in_english(client, county, dataset):
    client.force_login(county.supervisor)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/supervision/stats/?month=2026-10&by=unit").content.decode()
    heading = html.split("<h1>")[1].split("</h1>")[0]
    assert "10/2026" in heading and "年" not in heading


@pytest.mark.django_db
def test_stats_page_scope(client, county, dataset):
    client.force_login(county.handler)
    html = client.get("/supervision/stats/?month=2026-10").content.decode()
    assert "水务局" in html and "住建局" not in html
    client.force_login(county.citizen)
    assert client.get("/supervision/stats/?month=2026-10").status_code == 404
    assert client.get("/supervision/dashboard/").status_code == 404


@pytest.mark.django_db
def test_dashboard_data_and_no_inline_script(client, county, dataset):
    client.force_login(county.supervisor)
    r = client.get("/supervision/dashboard/?month=2026-10")
    assert r.status_code == 200
    html = r.content.decode()
    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag
    raw = re.search(r'<script id="dashboard-data" type="application/json">(.*?)</script>', html,
                    re.S).group(1)
    data = json.loads(raw)
    assert data["totals"]["received"] > 0
    assert {u["name"] for u in data["units"]} == {"水务局", "住建局", "金乡街道"}
    assert all(u["url"].startswith("/demands/?unit=") for u in data["units"])
    assert {f["properties"]["label"] for f in data["map"]["layers"]["towns"]["features"]} == {
        "金乡街道", "胡集镇"}
    assert {d["name"] for d in data["map"]["grids"]} == {"G-A-01", "G-B-01"}


@pytest.mark.django_db
def test_county_map_tells_no_data_from_zero(county, dataset):
    """A grid with no demand in the month has no on-spot rate ("no data"); a grid whose demands
    were all passed on has 0 %; towns carry their figures and open their own demand list."""
    from grassroots.demands.models import Demand
    from grassroots.places.models import Grid
    from grassroots.supervision.dashboard import county_map

    Grid.objects.create(code="G-A-02", name="金城社区第二网格", division=county.village_a,
                        households=0)
    Demand.objects.filter(grid=county.grid_a).update(solved_on_spot=False)
    m = county_map(county.supervisor, Period.of("2026-10"))
    grids = {d["name"]: d for d in m["grids"]}
    assert grids["G-A-01"]["received"] > 0 and grids["G-A-01"]["on_spot_rate"] == 0.0
    assert grids["G-A-02"]["received"] == 0
    assert grids["G-A-02"]["on_spot_rate"] is None and grids["G-A-02"]["density"] is None
    towns = {d["label"]: d for d in m["towns"]}
    assert towns["胡集镇"]["received"] == 2
    assert towns["胡集镇"]["url"].startswith(f"/demands/?division={county.town_b.pk}&")
    # Every drawn place has an outline, the generated ones said as such on the page.
    assert len(m["layers"]["grids"]["features"]) == 3 and m["source"]["grids"] == "generated"


@pytest.mark.django_db
def test_notice_pages_scope(client, county, issued):
    url = f"/supervision/notices/{issued.pk}/"
    client.force_login(county.outsider)
    assert client.get(url).status_code == 404
    assert client.post(url + "acknowledge/").status_code == 404
    client.force_login(county.viewer)
    assert client.get(url).status_code == 200
    assert client.post(url + "acknowledge/").status_code == 403
    client.force_login(county.handler)
    assert client.post(url + "acknowledge/").status_code == 302
    issued.refresh_from_db()
    assert issued.status == NoticeStatus.ACKNOWLEDGED
    r = client.get(url + "download/docx/")
    assert r.status_code == 200 and r.content[:2] == b"PK"


@pytest.mark.django_db
def test_draft_notice_hidden_from_unit(client, county, dataset):
    n = nsvc.notice_draft(actor=county.supervisor, unit=county.water,
                          demands=[dataset["W3"].demand], title="草稿督办通知",
                          body="这是督查室的工作草稿内容。", respond_by=date.today())
    client.force_login(county.handler)
    assert client.get(f"/supervision/notices/{n.pk}/").status_code == 404
    client.force_login(county.supervisor)
    assert client.get(f"/supervision/notices/{n.pk}/").status_code == 200


@pytest.mark.django_db
def test_bulletin_pages(client, county, bulletin):
    url = f"/supervision/bulletins/{bulletin.pk}/"
    client.force_login(county.viewer)
    assert client.get(url).status_code == 404  # drafts are the office's
    client.force_login(county.supervisor)
    assert client.get(url).status_code == 200
    r = client.post(url + "edit/", {"title": "十月通报", "intro": "十月全县诉求办理情况总体平稳。",
                                    "remarks": "请整改"})
    assert r.status_code == 302
    assert client.post(url + "do/publish/").status_code == 302
    bulletin.refresh_from_db()
    assert bulletin.status == "published" and bulletin.title == "十月通报"
    client.force_login(county.viewer)
    assert client.get(url).status_code == 200
    assert client.get(url + "edit/").status_code == 403
    assert client.post(url + "do/publish/").status_code == 403
    r = client.get(url + "download/xlsx/")
    assert r.status_code == 200 and r.content[:2] == b"PK"
    client.force_login(county.citizen)
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_report_and_meeting_pages(client, county, dataset, cats):
    client.force_login(county.supervisor)
    r = client.post("/supervision/reports/new/", {
        "title": "水压问题专报", "category": cats["water"].pk, "keywords": "",
        "date_from": "2026-09-01", "date_to": "2026-10-31"})
    assert r.status_code == 302
    rep = SpecialReport.objects.get()
    assert client.get(f"/supervision/reports/{rep.pk}/").status_code == 200
    r = client.post("/supervision/reports/new/", {"title": "没有主题的专报", "date_from": "2026-09-01",
                                                  "date_to": "2026-10-31"})
    assert "请至少选择分类、关键词或地点" in r.content.decode()
    client.force_login(county.handler)
    assert client.get("/supervision/reports/new/").status_code == 403
    assert client.get(f"/supervision/reports/{rep.pk}/").status_code == 404
    client.force_login(county.supervisor)
    r = client.post("/supervision/meetings/new/", {
        "held_on": "2026-10-20", "topic": "老城区水压专题会", "units": [county.water.pk],
        "decisions": "水务局牵头更换老旧管网，月底前完成。"})
    assert r.status_code == 302
    assert client.get("/supervision/meetings/").status_code == 200


@pytest.mark.django_db
def test_api_stats_and_errors(client, county, dataset):
    client.force_login(county.supervisor)
    r = client.get("/api/v1/supervision/stats?month=2026-10&by=unit")
    assert r.status_code == 200
    assert {row["label"] for row in r.json()["rows"]} == {"水务局", "住建局", "金乡街道"}
    r = client.get("/api/v1/supervision/stats?month=2026-13")
    assert r.status_code == 400
    assert r.json()["error"]["fields"] == {"month": ["month 格式应为 YYYY-MM，例如 2026-10。"]}
    client.force_login(county.handler)
    rows = client.get("/api/v1/supervision/stats?month=2026-10").json()["rows"]
    assert [row["label"] for row in rows] == ["水务局"]
    client.logout()
    assert client.get("/api/v1/supervision/stats?month=2026-10").status_code == 401


@pytest.mark.django_db
def test_api_notices_and_bulletins_scope(client, county, issued, bulletin):
    client.force_login(county.outsider)
    assert client.get("/api/v1/supervision/notices").json() == []
    r = client.post(f"/api/v1/supervision/notices/{issued.pk}/acknowledge")
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    client.force_login(county.viewer)
    assert [n["id"] for n in client.get("/api/v1/supervision/notices").json()] == [issued.pk]
    r = client.post(f"/api/v1/supervision/notices/{issued.pk}/acknowledge")
    assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
    client.force_login(county.handler)
    r = client.post(f"/api/v1/supervision/notices/{issued.pk}/acknowledge")
    assert r.status_code == 200 and r.json()["status"] == "acknowledged"
    r = client.post(f"/api/v1/supervision/notices/{issued.pk}/acknowledge")
    assert r.status_code == 409
    # bulletins: the draft is invisible to the unit until published
    assert client.get("/api/v1/supervision/bulletins").json() == []
    assert client.get(f"/api/v1/supervision/bulletins/{bulletin.pk}/download").status_code == 404
    bsvc.bulletin_publish(actor=county.supervisor, bulletin=bulletin)
    assert [b["id"] for b in client.get("/api/v1/supervision/bulletins").json()] == [bulletin.pk]
    r = client.get(f"/api/v1/supervision/bulletins/{bulletin.pk}/download?format=docx")
    assert r.status_code == 200 and r.content[:2] == b"PK"
    assert Bulletin.objects.count() == 1


@pytest.mark.django_db
def test_ranking_page_says_why_a_top_unit_is_off_the_red_list(client, county, dataset):
    """The score is the three rates only: a reply that was late but resolved the matter costs
    no points, so the housing bureau still ranks first — the page shows its late reply and
    that it is off the red list, as the bulletin's red list leaves it out."""
    from grassroots.supervision.stats import unit_stats

    from .conftest import at, make_row

    make_row(county, unit=county.housing, place="b", outcome="resolved", replied_late=True,
             d_satisfaction="satisfied", d_status="closed", acknowledged_at=at(10, 5, 11),
             replied_at=at(10, 12), due_at=None)
    s = unit_stats(user=county.supervisor, month="2026-10", at=AS_OF)
    housing = next(r for r in s.rows if r["label"] == "住建局")
    assert housing["rank"] == 1 and housing["score"] == 100.0 and housing["overdue"] == 1
    assert housing["red_list"] == "overdue"
    # Same rank, nothing overdue: listed first and on the red list.
    assert [(r["label"], r["red_list"]) for r in s.rows] == [
        ("金乡街道", "in"), ("住建局", "overdue"), ("水务局", None)]
    b = bsvc.bulletin_compile(actor=county.supervisor, period=Period.month(2026, 10), at=AS_OF)
    assert b.figures["red_list"] == [county.town_a_org.pk]
    assert b.figures["definitions"]["red_list"][0] == "红榜"

    client.force_login(county.supervisor)
    html = client.get("/supervision/stats/?month=2026-10&by=unit").content.decode()
    row = html[html.index("住建局"):]
    row = row[:row.index("</tr>")]
    assert "2/3" in row  # replied on time / replied
    assert "有超期，不进红榜" in row
    town = html[html.index("金乡街道</a>"):]
    assert "红榜" in town[:town.index("</tr>")]
    assert "答复超时不扣分" in html  # the red-list definition is on the page


@pytest.mark.django_db
def test_stats_page_formats_scores_changes_and_samples_alike(client, county, dataset):
    """Scores with one decimal on every row, changes of rate as 持平 / ±x.x 个百分点, and both
    on-time columns as n/m (on-time acknowledgements over the response sample)."""
    import re

    from grassroots.core import clock
    from grassroots.supervision.stats import unit_stats

    s = {r["label"]: r for r in unit_stats(user=county.supervisor, month="2026-10", at=AS_OF).rows}
    client.force_login(county.supervisor)
    with clock.travel(AS_OF):  # the page computes "as of" now
        html = client.get("/supervision/stats/?month=2026-10&by=unit").content.decode()

    def cells(label):
        row = html[html.index(f"{label}</a>"):]
        row = row[:row.index("</tr>")]
        return [re.sub(r"<[^>]+>", " ", c.split(">", 1)[1]).split()
                for c in row.split("<td")[1:]]

    water = cells("水务局")
    assert water[2] == ["3/5"]  # 按时签收: on time / response sample
    assert water[3] == ["1/2"]  # 按时答复
    assert water[12][0] == "49.0"  # score, one decimal
    housing = cells("住建局")
    assert housing[12][0] == f"{s['住建局']['score']:.1f}" == "100.0"
    change = s["水务局"]["change"]["response"]
    assert change == 60.0  # 0/1 in September
    assert "".join(water[13]).endswith("响应+60.0个百分点")


def test_points_display():
    from django.utils import translation

    from grassroots.supervision.views.stats import points_display, score_display

    with translation.override("zh-hans"):  # another test may have left English active
        assert points_display(None) is None
        assert points_display(0.0) == "持平"
        assert points_display(-27.3) == "\u221227.3 个百分点"
        assert points_display(12.0) == "+12.0 个百分点"
    with translation.override("en"):
        assert points_display(0.0) == "unchanged"
        assert points_display(-27.3) == "\u221227.3 pp"
    assert score_display(69.09) == "69.1" and score_display(100.0) == "100.0"
    assert score_display(None) == "—"


@pytest.mark.django_db
def test_dashboard_cards_open_lists_with_their_figures(client, county, dataset):
    client.force_login(county.supervisor)
    html = client.get("/supervision/dashboard/?month=2026-10").content.decode()
    data = json.loads(re.search(r'<script id="dashboard-data" type="application/json">(.*?)'
                                r'</script>', html, re.S).group(1))
    totals = data["totals"]
    assert "late=1" in totals["urls"]["overdue"] and "dispatched=1" in totals["urls"]["dispatched"]
    assert f'href="{totals["urls"]["dispatched"].replace("&", "&amp;")}"' in html
    # 派单: the October demands given to a unit (W5's only assignment was returned, the merged one
    # and the one solved on the spot were never handled by a unit) — the rows its link lists.
    listed = client.get(totals["urls"]["dispatched"]).content.decode()
    assert totals["dispatched"] == int(re.search(r"共(\d+)条", listed).group(1)) == 7
    assert totals["dispatched"] == listed.count('<td><a href="/demands/')
    assert 'name="dispatched" value="1" checked' in listed  # the list says how it is filtered
    listed = client.get(totals["urls"]["overdue"]).content.decode()
    # 超期 counts assignments late at some point (late replies too): the list shows those demands.
    assert totals["overdue"] == int(re.search(r"共(\d+)条", listed).group(1)) > 0
    stats = client.get("/supervision/stats/?month=2026-10").content.decode()
    assert "late=1" in stats and "overdue=1" not in stats


@pytest.mark.django_db
def test_dashboard_overdue_card_counts_the_demands_its_list_shows(client, county, dataset):
    # A late assisting assignment beside W3's late lead assignment: two late assignments, one
    # demand; and a September demand whose assignment, dispatched in October, was acknowledged
    # late — an October assignment, but not a demand received in October. The card counts what
    # its list shows.
    from .conftest import at, make_row

    make_row(county, unit=county.housing, role="assist", demand=dataset["W3"].demand,
             status="acknowledged", acknowledged_at=at(10, 7), acknowledged_late=True,
             due_at=at(11, 30))
    september = make_row(county, unit=county.water, dispatched=at(10, 1), status="handling",
                         acknowledged_at=at(10, 2), acknowledged_late=True, due_at=at(11, 30))
    september.demand.received_at = at(9, 29)
    september.demand.save(update_fields=["received_at"])
    client.force_login(county.supervisor)
    html = client.get("/supervision/dashboard/?month=2026-10").content.decode()
    totals = json.loads(re.search(r'<script id="dashboard-data" type="application/json">(.*?)'
                                  r'</script>', html, re.S).group(1))["totals"]
    listed = client.get(totals["urls"]["overdue"]).content.decode()
    assert totals["overdue"] == int(re.search(r"共(\d+)条", listed).group(1))
    assert totals["overdue"] == listed.count('<td><a href="/demands/')
    assert f'/demands/{september.demand_id}/' not in listed
    # The statistics keep counting late assignments by dispatch date: the two extra ones count.
    from grassroots.supervision.stats import Period, unit_stats

    late_assignments = unit_stats(user=county.supervisor, period=Period.of("2026-10"),
                                  group_by="unit", previous=False).totals["overdue"]
    assert late_assignments >= totals["overdue"] + 2


@pytest.mark.django_db
def test_dashboard_chart_words_come_translated_from_the_page(client, county, dataset):
    """dashboard.js holds no words: legends and tooltips are in the page's data, translated."""
    from pathlib import Path

    from django.conf import settings

    script = (Path(settings.BASE_DIR) / "grassroots/static/supervision/dashboard.js").read_text()
    code = "\n".join(line.split("//")[0] for line in script.splitlines())
    assert not re.search(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]", code)

    def labels():
        html = client.get("/supervision/dashboard/?month=2026-10").content.decode()
        return json.loads(re.search(r'<script id="dashboard-data" type="application/json">'
                                    r'(.*?)</script>', html, re.S).group(1))["labels"]

    client.force_login(county.supervisor)
    assert labels()["response"] == "响应率" and labels()["rank"] == "（第{rank}名）"
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = labels()
    assert english["response"] == "Response rate" and english["rank"] == " (rank {rank})"
    assert english["map_tip"].startswith("{received} received, {on_spot} solved on the spot")
    assert english["no_data"] == "no data"


@pytest.mark.django_db
def test_a_meeting_form_sent_twice_records_one_meeting(client, county, dataset):
    """Every create form carries a key issued when rendered; a double-click records once."""
    from grassroots.supervision.models import Meeting

    client.force_login(county.supervisor)
    page = client.get("/supervision/meetings/new/").content.decode()
    key = re.search(r'name="idempotency_key" value="([^"]+)"', page).group(1)
    data = {"held_on": "2026-10-20", "topic": "老城区水压专题会", "units": [county.water.pk],
            "decisions": "水务局牵头更换老旧管网，月底前完成。", "idempotency_key": key}
    first = client.post("/supervision/meetings/new/", data)
    second = client.post("/supervision/meetings/new/", data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Meeting.objects.count() == 1
    assert "已提交，未重复创建。" in client.get(second["Location"]).content.decode()


def test_stats_page_says_n_beside_every_rank(client, county, dataset, settings):
    set_rank_min_sample(1)
    client.force_login(county.supervisor)
    body = client.get("/supervision/stats/?month=2026-10").content.decode()
    assert body.count('data-testid="rank">1 <span class="muted">n=') >= 1
    set_rank_min_sample(1000)
    body = client.get("/supervision/stats/?month=2026-10").content.decode()
    assert "样本不足（n=" in body and 'data-testid="rank">1 ' not in body
