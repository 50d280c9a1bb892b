"""Pages for schemes (versions), annual assessments, quotas and uses of results: the forms go
through the services, each role sees its own rows, a wrong role is refused."""

import pytest

from ..models import AnnualAssessment, AnnualGrade, AnnualStatus, AssessmentScheme, SchemeStatus
from ..services import annual as svc
from .test_annual import _quarter

pytestmark = pytest.mark.django_db

ITEMS = "正|按时办结医保报销|0.5|5|系统记录\n负|窗口投诉属实|2||投诉处理单"
INDICATORS = "共性|政治素质和工作作风|20|按季度评价\n个性|待遇审核准确率|60|每差错一件扣2分|经办"


def _scheme_post(unit, **more):
    return {"unit": unit.org.pk, "year": "2026", "kind": "mixed", "title": "医保局平时考核方案",
            "effective_from": "2026-01-01", "items": ITEMS, "indicators": INDICATORS, **more}


def test_schemes_versions_from_the_pages(unit, client):
    client.force_login(unit.head)
    done = client.post("/assessment/schemes/new/", _scheme_post(unit))
    assert done.status_code == 302
    first = AssessmentScheme.objects.get(unit=unit.org, year=2026, version=1)
    assert (first.items.count(), first.indicators.count()) == (2, 2)
    bad = client.post("/assessment/schemes/new/", _scheme_post(unit, items="好|事项|1"))
    assert bad.status_code == 400
    assert "清单第1行格式应为“正|事项|分值|季度上限|佐证材料”。" in bad.content.decode()
    assert client.post(f"/assessment/schemes/{first.pk}/approve/").status_code == 302
    client.post("/assessment/schemes/new/", _scheme_post(unit, title="医保局平时考核方案修订"))
    second = AssessmentScheme.objects.get(unit=unit.org, year=2026, version=2)
    client.post(f"/assessment/schemes/{second.pk}/approve/")
    first.refresh_from_db()
    assert first.status == SchemeStatus.SUPERSEDED  # kept, with its items
    page = client.get(f"/assessment/schemes/{first.pk}/").content.decode()
    assert "窗口投诉属实" in page and "第2版" in page
    assert "医保局平时考核方案修订" in client.get("/assessment/schemes/?year=2026").content.decode()
    # A civil servant has no scheme pages; another unit's head neither reads nor writes.
    client.force_login(unit.a)
    assert client.get("/assessment/schemes/").status_code == 404
    client.force_login(unit.county.leader)
    assert client.get(f"/assessment/schemes/{first.pk}/").status_code == 404
    assert client.post("/assessment/schemes/new/", _scheme_post(unit)).status_code == 403
    assert AssessmentScheme.objects.filter(unit=unit.org).count() == 2


def test_the_annual_walk_quotas_and_uses_from_the_pages(unit, client):
    for q in (1, 2, 3, 4):
        _quarter(unit, q, {unit.a: 95, unit.b: 85, unit.c: 85})
    client.force_login(unit.head)
    assert client.post("/assessment/annual/collect/", {"unit": unit.org.pk, "year": "2026"}
                       ).status_code == 302
    a = AnnualAssessment.objects.get(person=unit.a.person, year=2026)
    # The civil servant: his own, not a colleague's.
    client.force_login(unit.a)
    assert "甲" in client.get("/assessment/annual/?year=2026").content.decode()
    assert client.post(f"/assessment/annual/{a.pk}/act/", {
        "action": "annual_submit_summary", "summary": "全年完成医保待遇审核工作。"}).status_code == 302
    b = AnnualAssessment.objects.get(person=unit.b.person, year=2026)
    assert client.get(f"/assessment/annual/{b.pk}/").status_code == 404
    assert client.get("/assessment/quotas/").status_code == 404
    # The section leader recommends; the civil servant may not review.
    client.force_login(unit.c)
    assert client.post(f"/assessment/annual/{a.pk}/act/", {
        "action": "annual_recommend", "grade": "competent"}).status_code == 302
    client.force_login(unit.a)
    wrong = client.post(f"/assessment/annual/{a.pk}/act/", {"action": "annual_review",
                                                             "note": "同意"})
    assert wrong.status_code == 403 and "只有本单位考核委员会可以审核。" in wrong.content.decode()
    # The quota: the authority decides it; the unit head may not.
    client.force_login(unit.head)
    assert client.post("/assessment/quotas/decide/", {"unit": unit.org.pk, "year": "2026"}
                       ).status_code == 403
    client.force_login(unit.authority)
    done = client.post("/assessment/quotas/decide/", {"unit": unit.org.pk, "year": "2026",
                                                      "uplift": "5"})
    assert done.status_code == 302
    page = client.get("/assessment/quotas/?year=2026").content.decode()
    assert "医保局" in page and 'data-testid="quota-form"' in page
    client.force_login(unit.committee)
    client.post(f"/assessment/annual/{a.pk}/act/", {"action": "annual_review", "note": "同意"})
    client.force_login(unit.head)
    assert client.get(done["Location"]).status_code == 200  # the head reads his unit's quota
    client.post(f"/assessment/annual/{a.pk}/act/", {"action": "annual_decide"})
    client.post(f"/assessment/annual/{a.pk}/act/", {"action": "annual_notify"})
    a.refresh_from_db()
    assert (a.status, a.final_grade) == (AnnualStatus.NOTIFIED, AnnualGrade.COMPETENT)
    assert client.post(f"/assessment/annual/{a.pk}/act/", {
        "action": "result_use", "kind": "bonus", "reference": "金医保发〔2027〕2号"}).status_code == 302
    assert "金医保发〔2027〕2号" in client.get("/assessment/uses/?year=2026").content.decode()
    # The committee member may not record a use (the head's), nor the civil servant.
    client.force_login(unit.committee)
    assert client.post(f"/assessment/annual/{a.pk}/act/", {
        "action": "result_use", "kind": "award", "reference": "x号文"}).status_code == 403
    client.force_login(unit.a)
    assert "金医保发〔2027〕2号" in client.get("/assessment/uses/?year=2026").content.decode()
    client.force_login(unit.b)
    assert "金医保发〔2027〕2号" not in client.get("/assessment/uses/?year=2026").content.decode()
    assert a.uses.count() == 1


def test_the_quota_page_publicises_the_excellent_list(unit, client):
    for q in (1, 2, 3, 4):
        _quarter(unit, q, {unit.a: 95, unit.b: 85, unit.c: 85})
    svc.annual_collect(actor=unit.head, unit=unit.org, year=2026)
    quota = svc.quota_decide(actor=unit.authority, unit=unit.org, year=2026)
    a = AnnualAssessment.objects.get(person=unit.a.person, year=2026)
    svc.annual_submit_summary(actor=unit.a, annual=a, summary="全年完成各项工作任务。")
    svc.annual_recommend(actor=unit.c, annual=a, grade=AnnualGrade.EXCELLENT)
    svc.annual_review(actor=unit.committee, annual=a, note="同意")
    client.force_login(unit.head)
    held = client.get(f"/assessment/annual/{a.pk}/").content.decode()
    assert "优秀等次人选尚未公示" in held
    client.force_login(unit.committee)
    assert client.post(f"/assessment/quotas/{quota.pk}/publicise/",
                       {"contact_phone": "0537-8888888"}).status_code == 403
    client.force_login(unit.head)
    assert client.post(f"/assessment/quotas/{quota.pk}/publicise/",
                       {"contact_phone": "0537-8888888"}).status_code == 302
    page = client.get(f"/assessment/quotas/{quota.pk}/").content.decode()
    assert "年度考核优秀等次人选公示" in page and 'data-testid="publicity"' in page
    assert "甲（待遇保障科）" in client.get("/publicity/").content.decode()


@pytest.mark.django_db(False)
def test_the_scheme_lines_take_chinese_or_ascii_words():
    from ..pages import INDICATOR_LINE, ITEM_LINE, parse_rows

    assert [r["polarity"] for r in parse_rows("正|按时办结|1\n-|投诉属实|2||投诉单", ITEM_LINE)] == [
        "positive", "negative"]
    assert [r["kind"] for r in parse_rows("突发性|防汛值守|10|按表现\nadhoc|抗旱|5|按表现", INDICATOR_LINE)] == [
        "adhoc", "adhoc"]
