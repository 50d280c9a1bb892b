"""The meetings pages and API in the access matrix (grassroots.testing.access).

The matrix's world gets a small party tree of its own (names prefixed 会议, so it does not meet
the party app's). No new role is registered (a new role would be run against every other app's
pages): the base county's town A staff member becomes the organisation officer of town A's
party committee (town A's tree) and grid A's secretary the secretary of branch A. The admin sees
and records everything (the organisation department's county-wide scope is tested in
test_services.py). ``{mtg_meeting_in}`` is a meeting of branch A, ``{mtg_meeting_out}`` one of branch B
(town B). Every other staff role has no party post and gets the same 404 as for a missing page."""

from datetime import timedelta

from django.utils import timezone

from grassroots.testing.access import (
    LOGIN,
    Check,
    expect,
    footprint,
    png,
    world_part,
)

from .party_world import build_party_world

ALL = ("admin",)  # sees and records every organisation's meetings
IN_TREE = ALL + ("town_staff", "secretary")


def page(code: int = 200):
    """A page without an object: the party roles get it, everyone else 404."""
    return expect(404, anonymous=LOGIN, **dict.fromkeys(IN_TREE, code))


def obj(code: int = 200, anonymous: int = LOGIN):
    """(inside, outside) for a branch-A object and a branch-B one."""
    return (expect(404, anonymous=anonymous, **dict.fromkeys(IN_TREE, code)),
            expect(404, anonymous=anonymous, **dict.fromkeys(ALL, code)))


ROUTES = {
    "meetings/": Check("/meetings/", page()),
    "meetings/new/": [
        Check("/meetings/new/", page()),
        Check("/meetings/new/", expect(404, anonymous=LOGIN, **dict.fromkeys(IN_TREE, 302)),
              method="post",
              data={"org": "{mtg_branch_in}", "kind": "lecture", "title": "专题党课",
                    "held_on": "{mtg_yesterday}", "held_time": "09:00", "held": "on"})],
    "meetings/calendar/": Check("/meetings/calendar/", page()),
    "meetings/<int:pk>/": Check("/meetings/{mtg_meeting_in}/", *obj()),
    "meetings/<int:pk>/act/": Check("/meetings/{mtg_planned_in}/act/", *obj(302), method="post",
                                    data={"action": "meeting_cancel"}),
    "meetings/<int:pk>/minutes/": Check(
        "/meetings/{mtg_meeting_in}/minutes/", *obj(302), method="post",
        data={"minutes": "会议传达学习了上级文件精神，讨论了支部工作。"}),
    "meetings/<int:pk>/attendance/": Check(
        "/meetings/{mtg_meeting_in}/attendance/", *obj(302), method="post",
        data={"row": "{mtg_attendance_in}", "present": "{mtg_attendance_in}"}),
    "meetings/<int:pk>/attendees/": Check(
        "/meetings/{mtg_meeting_in}/attendees/", *obj(302), method="post",
        data={"person": "{mtg_guest}", "role": "guest"}),
    # a multipart upload cannot be replayed by the matrix: the empty form is refused (flash and
    # redirect) and writes nothing; services are tested with real files in test_pages_api.py
    "meetings/<int:pk>/attachments/": Check(
        "/meetings/{mtg_meeting_in}/attachments/", *obj(302), method="post", data={"kind": "photo"},
        writes=(), writes_out=()),
    "meetings/<int:pk>/votes/new/": [
        Check("/meetings/{mtg_meeting_in}/votes/new/", *obj()),
        Check("/meetings/{mtg_meeting_in}/votes/new/", *obj(302), method="post",
              data={"subject_label": "发展对象 张三", "ballot": "secret",
                    "present_voting": "{mtg_voters_in}", "yes": "{mtg_voters_in}", "no": 0,
                    "abstain": 0, "written_yes": 0, "written_no": 0})],
    "meetings/attachments/<int:pk>/": Check("/meetings/attachments/{mtg_attachment_in}/", *obj()),
    "api:GET /meetings": Check("/api/v1/meetings", page(200).but(anonymous=401)),
    "api:POST /meetings": Check(
        "/api/v1/meetings", page(201).but(anonymous=401), method="post",
        json={"org": "{mtg_branch_in}", "kind": "lecture", "title": "专题党课",
              "held_at": "{mtg_yesterday}T09:00:00+08:00", "held": True}),
    "api:GET /meetings/{int:meeting_id}": Check("/api/v1/meetings/{mtg_meeting_in}",
                                                *obj(200, 401)),
    "api:GET /meetings/{int:meeting_id}/votes": Check("/api/v1/meetings/{mtg_meeting_in}/votes",
                                                      *obj(200, 401)),
    "api:POST /meetings/{int:meeting_id}/votes": Check(
        "/api/v1/meetings/{mtg_meeting_in}/votes", *obj(201, 401), method="post",
        json={"subject_label": "发展对象 李四", "present_voting": "{mtg_voters_in}",
              "yes": "{mtg_voters_in}"}),
}


@world_part(after=("party",))
def build_meetings(world):
    from grassroots.party.models import PartyPost
    from grassroots.people.models import Person, PersonKind

    from ..models import Meeting, MeetingAttachment, MeetingAttendance, Vote
    from ..services import attachment_add, meeting_create

    footprint(Meeting, MeetingAttendance, MeetingAttachment, Vote)
    county = world.county
    party = build_party_world(county, prefix="会议")
    # the base roles take the party posts (see the module's docstring)
    PartyPost.objects.create(person=county.town_staff.person, organisation=party.town_a)
    party.branch_a.secretary = county.secretary.person
    party.branch_a.save(update_fields=["secretary"])
    ids = world.ids
    yesterday = timezone.now() - timedelta(days=1)
    ids["mtg_yesterday"] = timezone.localdate(yesterday).isoformat()
    actor = county.admin
    for side, org in (("in", party.branch_a),
                      ("out", party.branch_b)):
        ids[f"mtg_branch_{side}"] = org.pk
        meeting = meeting_create(actor=actor, org=org, kind="general_meeting",
                                 title="支部党员大会", held_at=yesterday, held=True)
        ids[f"mtg_meeting_{side}"] = meeting.pk
        ids[f"mtg_attendance_{side}"] = meeting.attendance.first().pk
        ids[f"mtg_planned_{side}"] = meeting_create(
            actor=actor, org=org, kind="theme_day", title="主题党日",
            held_at=timezone.now() + timedelta(days=3)).pk
        ids[f"mtg_attachment_{side}"] = attachment_add(actor=actor, meeting=meeting, upload=png(),
                                                   kind="photo").pk
    # a quorum of each branch's full members (branch A 10, branch B 3)
    ids["mtg_voters_in"], ids["mtg_voters_out"] = 6, 2
    ids["mtg_guest"] = Person.objects.create(name="县委组织部列席干部", kind=PersonKind.CADRE).pk
