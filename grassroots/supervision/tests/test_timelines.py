"""The 记录 / 办理记录 of a notice and a bulletin: Chinese labels and the supervisor's name."""

import re
from datetime import date, timedelta

import pytest

from grassroots.supervision.services import bulletins as bsvc
from grassroots.supervision.services import notices as nsvc
from grassroots.supervision.stats import Period

from .conftest import AS_OF

pytestmark = pytest.mark.django_db


def timeline(response) -> str:
    assert response.status_code == 200
    html = response.content.decode()
    return re.search(r'<ol class="timeline">(.*?)</ol>', html, re.S).group(1)


def test_notice_timeline(client, county, dataset):
    n = nsvc.notice_draft(actor=county.supervisor, unit=county.water,
                          demands=[dataset["W3"].demand], title="督促办理超期诉求",
                          body="请水务局立即办理超期诉求并反馈。",
                          respond_by=date.today() + timedelta(days=3))
    nsvc.notice_issue(actor=county.supervisor, notice=n)
    client.force_login(county.supervisor)
    t = timeline(client.get(f"/supervision/notices/{n.pk}/"))
    assert "草拟" in t and "下发" in t and "草稿 → 已下发" in t and "督查员" in t
    for raw in ("draft", "issue", "drafted", "issued", "系统<"):
        assert raw not in t


def test_bulletin_timeline(client, county, dataset):
    b = bsvc.bulletin_compile(actor=county.supervisor, period=Period.month(2026, 10), at=AS_OF)
    bsvc.bulletin_publish(actor=county.supervisor, bulletin=b)
    client.force_login(county.supervisor)
    t = timeline(client.get(f"/supervision/bulletins/{b.pk}/"))
    assert "编制" in t and "发布" in t and "草稿 → 已发布" in t and "督查员" in t
    for raw in ("compile", "publish", "drafted", "published", "系统<"):
        assert raw not in t


def test_bulletin_compiled_by_the_job_shows_the_system(client, county, dataset):
    b = bsvc.bulletin_compile(actor=None, period=Period.month(2026, 10), at=AS_OF)
    client.force_login(county.supervisor)
    t = timeline(client.get(f"/supervision/bulletins/{b.pk}/"))
    assert "编制" in t and "系统" in t and "督查员" not in t
