"""The pages and /api/v1/meetings: what each role gets, forms that call the services, refusals
shown and nothing written."""

import json
from datetime import date, timedelta

import pytest
from django.utils import timezone

from grassroots.core.models import Event
from grassroots.testing.access import png

from ..models import Meeting, MeetingAttachment, MeetingStatus, Vote
from ..services import expected_generate, meeting_create

pytestmark = pytest.mark.django_db


def held(party, org=None, kind="general_meeting", actor=None):
    return meeting_create(actor=actor or party.secretary_a, org=org or party.branch_a, kind=kind,
                          title="党员大会", held_at=timezone.now() - timedelta(days=2),
                          held=True)


def test_record_a_meeting_on_the_page(client, party):
    client.force_login(party.secretary_a)
    page = client.get("/meetings/new/")
    assert page.status_code == 200
    # the secretary can only pick his own branch
    orgs = list(page.context["form"].fields["org"].queryset)
    assert orgs == [party.branch_a]
    day = timezone.localdate() - timedelta(days=3)
    r = client.post("/meetings/new/", {"org": party.branch_a.pk, "kind": "theme_day",
                                       "title": "主题党日", "held_on": day.isoformat(),
                                       "held_time": "09:00", "held": "on"})
    meeting = Meeting.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/meetings/{meeting.pk}/"
    assert meeting.status == MeetingStatus.HELD
    detail = client.get(f"/meetings/{meeting.pk}/")
    assert detail.status_code == 200
    # the timeline shows the recording and the holding; a theme day offers no vote
    assert [e["label"] for e in detail.context["events"]] == ["登记会议", "会议已召开"]
    assert "登记表决结果" not in detail.content.decode()
    # another branch's org id is refused by the form (not in the choices)
    r = client.post("/meetings/new/", {"org": party.branch_b.pk, "kind": "theme_day",
                                       "title": "主题党日", "held_on": day.isoformat(),
                                       "held_time": "09:00"})
    assert r.status_code == 400 and Meeting.objects.count() == 1


def test_other_branch_meeting_is_404(client, party, county):
    m = held(party, org=party.branch_b, actor=party.secretary_b)
    client.force_login(party.secretary_a)
    assert client.get(f"/meetings/{m.pk}/").status_code == 404
    assert client.post(f"/meetings/{m.pk}/act/", {"action": "meeting_cancel"}).status_code == 404
    client.force_login(county.handler)  # staff without a party post: no meeting pages
    assert client.get("/meetings/").status_code == 404


def test_vote_form_with_an_exclusion(client, party):
    m = held(party)
    client.force_login(party.secretary_a)
    assert client.get(f"/meetings/{m.pk}/votes/new/").status_code == 200
    post = {"subject_label": "发展对象 张三", "ballot": "secret", "present_voting": 5, "yes": 5,
            "no": 0, "abstain": 0, "written_yes": 0, "written_no": 0}
    before = Event.objects.count()
    r = client.post(f"/meetings/{m.pk}/votes/new/", post)
    assert r.status_code == 400
    assert "不足6人（应到10人），不能表决" in r.content.decode()
    assert Event.objects.count() == before and not Vote.objects.exists()
    yesterday = (timezone.localdate() - timedelta(days=3)).isoformat()
    post.update({"ex-0-member": party.full_a[9].pk, "ex-0-reason": "abroad",
                 "ex-0-org": party.town_a.pk, "ex-0-approver": "王书记",
                 "ex-0-approved_on": yesterday,
                 "ex-1-member": party.full_a[8].pk, "ex-1-reason": "away",
                 "ex-1-org": party.town_a.pk, "ex-1-approver": "王书记",
                 "ex-1-approved_on": yesterday})
    r = client.post(f"/meetings/{m.pk}/votes/new/", post)
    assert r.status_code == 302
    vote = Vote.objects.get()
    assert (vote.should_attend_voting, vote.result) == (8, "passed")


def test_attendance_and_attachment_pages(client, party):
    m = held(party)
    client.force_login(party.secretary_a)
    rows = list(m.attendance.all())
    post = {"row": [r.pk for r in rows], "present": [r.pk for r in rows[:7]],
            f"reason-{rows[8].pk}": "外出务工", f"leave-{rows[8].pk}": "on"}
    assert client.post(f"/meetings/{m.pk}/attendance/", post).status_code == 302
    assert m.attendance.filter(present=True).count() == 7
    assert m.attendance.get(pk=rows[8].pk).leave_approved
    r = client.post(f"/meetings/{m.pk}/attachments/", {"kind": "photo", "file": png()})
    assert r.status_code == 302
    att = MeetingAttachment.objects.get()
    assert client.get(f"/meetings/attachments/{att.pk}/").status_code == 200
    client.force_login(party.secretary_b)
    assert client.get(f"/meetings/attachments/{att.pk}/").status_code == 404


def test_a_villager_branch_secretary_opens_his_branch_meetings(client, party):
    """Most village branch secretaries log in with a citizen's account: the party post opens
    the meeting pages for his branch, and only those."""
    person = party.secretary_a.person
    person.kind = "citizen"
    person.save(update_fields=["kind"])
    m = held(party)
    other = held(party, org=party.branch_b, actor=party.secretary_b)
    client.force_login(party.secretary_a)
    assert client.get("/meetings/").status_code == 200
    assert client.get(f"/meetings/{m.pk}/").status_code == 200
    assert client.get("/meetings/calendar/").status_code == 200
    assert client.get(f"/meetings/{other.pk}/").status_code == 404


def test_calendar_page_marks_missed_months_red(client, party):
    expected_generate(actor=None, first=date(2025, 1, 1), last=date(2025, 12, 31))
    client.force_login(party.officer_a)
    r = client.get(f"/meetings/calendar/?org={party.town_a.pk}&year=2025")
    assert r.status_code == 200
    html = r.content.decode()
    assert "金城社区党支部" in html and "胡集村党支部" not in html
    assert html.count('data-missed="1"') == 12  # nothing held in any month of 2025
    assert client.get(f"/meetings/calendar/?org={party.town_b.pk}").status_code == 404


def test_api_meetings_and_votes(client, party):
    client.force_login(party.secretary_a)
    held_at = (timezone.now() - timedelta(days=1)).isoformat()
    r = client.post("/api/v1/meetings", json.dumps({
        "org": party.branch_a.pk, "kind": "general_meeting", "title": "党员大会",
        "held_at": held_at, "held": True}), content_type="application/json")
    assert r.status_code == 201, r.content
    mid = r.json()["id"]
    r = client.post(f"/api/v1/meetings/{mid}/votes", json.dumps({
        "subject_label": "发展对象 张三", "present_voting": 10, "yes": 5, "no": 5}),
        content_type="application/json")
    assert r.status_code == 201 and r.json()["result"] == "failed"
    assert r.json()["pass_needed"] == 6
    r = client.post(f"/api/v1/meetings/{mid}/votes", json.dumps({
        "subject_label": "发展对象 李四", "present_voting": 7, "yes": 7}),
        content_type="application/json")
    assert r.status_code == 201 and r.json()["result"] == "passed"
    assert [v["subject_label"] for v in client.get(f"/api/v1/meetings/{mid}/votes").json()] == [
        "发展对象 张三", "发展对象 李四"]
    r = client.post(f"/api/v1/meetings/{mid}/votes", json.dumps({
        "subject_label": "发展对象 王五", "present_voting": 6, "yes": 4, "no": 3}),
        content_type="application/json")
    assert r.status_code == 400
    assert r.json()["error"]["message"] == (
        "赞成、反对、弃权票合计（7票）不能超过实到会有表决权人数（6人）。")
    assert client.get("/api/v1/meetings").json()["count"] == 1
    client.force_login(party.secretary_b)
    assert client.get(f"/api/v1/meetings/{mid}").status_code == 404
    assert client.get("/api/v1/meetings").json()["count"] == 0
    r = client.post("/api/v1/meetings", json.dumps({
        "org": party.branch_a.pk, "kind": "lecture", "title": "党课", "held_at": held_at}),
        content_type="application/json")
    assert r.status_code == 400 and r.json()["error"]["message"] == "党组织不存在或不在您的范围内。"


def test_api_time_without_zone_is_local(client, party):
    client.force_login(party.secretary_a)
    r = client.post("/api/v1/meetings", json.dumps({
        "org": party.branch_a.pk, "kind": "lecture", "title": "党课", "held_at": "2025-03-01T09:00:00",
        "held": True}), content_type="application/json")
    assert r.status_code == 201, r.content
    held_at = Meeting.objects.get().held_at
    assert timezone.localtime(held_at).hour == 9
