from datetime import date

import pytest

from grassroots.core.errors import ApplicationError, NotInScope
from grassroots.gridwork.models import (
    Attendance,
    TrainingMaterial,
    TrainingSession,
    VolunteerActivity,
)
from grassroots.gridwork.selectors.training import training_coverage
from grassroots.gridwork.selectors.volunteer import activities_for, totals
from grassroots.gridwork.services.training import training_attendance_record, training_create
from grassroots.gridwork.services.volunteer import volunteer_activity_record
from grassroots.testing.factories import make_secretary
from grassroots.testing.refusals import refused

pytestmark = pytest.mark.django_db


def test_training_coverage_exact(gw, client):
    make_secretary(username="t_sec3", grid=gw.grid_b)
    s = training_create(actor=gw.org_dept, title="民情书记履职培训", kind="system",
                        date=date(2026, 3, 1), place="县委党校")
    assert training_attendance_record(actor=gw.org_dept, session=s,
                                      people=[gw.secretary.person, gw.secretary_b.person]) == 2
    assert training_attendance_record(actor=gw.org_dept, session=s,
                                      people=[gw.secretary.person]) == 0  # idempotent
    data = training_coverage(gw.admin)
    assert data["figures"] == {"total": 3, "trained": 2, "untrained": 1, "rate": 66.7}
    assert [p.name for p in data["untrained"]] == ["t_sec3"]
    # town staff of town_a: only their town's secretaries, and may record only those
    assert training_coverage(gw.town_staff)["figures"]["total"] == 1
    with refused(ApplicationError,
                 f"以下人员不是您管理范围内的在岗民情书记：{gw.secretary_b.person.name}",
                 unchanged=[Attendance]):
        training_attendance_record(actor=gw.town_staff, session=s, people=[gw.secretary_b.person])
    with refused(NotInScope, "只有组织部、平台管理员或镇街工作人员可以组织培训。",
                 unchanged=[TrainingSession]):
        training_create(actor=gw.secretary, title="x培训", kind="system", date=date(2026, 3, 1),
                        place="村委")
    assert Attendance.objects.count() == 2
    client.force_login(gw.admin)
    html = client.get("/grid/trainings/coverage/").content.decode()
    assert 'data-testid="untrained">1<' in html
    home = client.get("/").content.decode()
    assert 'data-testid="card-untrained_secretaries"' in home


def test_training_material_checked(gw):
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("a.exe", b"MZ...")
    with refused(ApplicationError, "文件“a.exe”的类型不受支持，只能上传PDF、Word、Excel、PPT或图片文件。",
                 unchanged=[TrainingSession, TrainingMaterial]):
        training_create(actor=gw.org_dept, title="政策培训", kind="policy", date=date(2026, 3, 1),
                        place="县委党校", materials=[bad])
    pdf = SimpleUploadedFile("讲义.pdf", b"%PDF-1.4 test")
    s = training_create(actor=gw.org_dept, title="政策培训", kind="policy", date=date(2026, 3, 1),
                        place="县委党校", materials=[pdf])
    assert s.materials.get().original_name == "讲义.pdf"


def test_volunteer_totals_and_scope(gw, client):
    volunteer_activity_record(actor=gw.secretary, title="清理垃圾", kind="environment",
                              date=date(2026, 5, 1), participants_count=20, people_served=100,
                              grid=gw.grid_a)
    volunteer_activity_record(actor=gw.admin, title="秋收帮忙", kind="harvest",
                              date=date(2026, 9, 1), participants_count=15, grid=gw.grid_b,
                              participants=[gw.secretary_b.person])
    volunteer_activity_record(actor=gw.admin, title="反诈讲座", kind="anti_fraud",
                              date=date(2026, 9, 5), participants_count=5, people_served=40,
                              division=gw.village_b)
    with refused(NotInScope, "只能登记自己负责的网格或镇街的志愿服务活动。",
                 unchanged=[VolunteerActivity]):
        volunteer_activity_record(actor=gw.secretary, title="演出", kind="show",
                                  date=date(2026, 5, 1), participants_count=5, grid=gw.grid_b)
    t = totals(activities_for(gw.admin))
    assert t["overall"] == {"activities": 3, "participations": 40, "served": 140}
    t = totals(activities_for(gw.admin, start=date(2026, 9, 1), end=date(2026, 9, 30)))
    assert {r["kind"]: r["participations"] for r in t["by_kind"]} == {"harvest": 15,
                                                                      "anti_fraud": 5}
    assert totals(activities_for(gw.secretary))["overall"]["activities"] == 1
    client.force_login(gw.secretary)
    assert client.get("/grid/volunteers/").status_code == 200
    other = activities_for(gw.admin).get(title="秋收帮忙")
    assert client.get(f"/grid/volunteers/{other.pk}/").status_code == 404


def test_record_activity_link_only_for_those_who_may(gw, client):
    client.force_login(gw.secretary)
    assert 'data-testid="record-activity"' in client.get("/grid/volunteers/").content.decode()
    client.force_login(gw.supervisor)
    page = client.get("/grid/volunteers/")
    assert page.status_code == 200 and 'data-testid="record-activity"' not in page.content.decode()
    assert client.get("/grid/volunteers/new/").status_code == 403
