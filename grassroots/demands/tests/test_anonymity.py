"""An anonymous report never names its author: not in the timeline, the API, the unit's pages,
exports, the admin's event log or the photos; only the security auditor finds out, logged."""

import io
import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from openpyxl import load_workbook
from PIL import Image

from grassroots.audit.models import AuditLog, AuditOutcome
from grassroots.core.errors import ApplicationError, NotVisible
from grassroots.core.events import event_record
from grassroots.core.models import Event
from grassroots.core.scope import Role
from grassroots.demands.models import AnonymousSubmitter, Attachment, Demand, DemandType
from grassroots.demands.services import (
    anonymous_submitter_reveal,
    assignment_acknowledge,
    demand_dispatch,
    demand_submit_by_citizen,
)
from grassroots.demands.services.anonymity import SubmitterNotFound
from grassroots.integrations.services.tokens import api_token_create
from grassroots.testing.factories import make_member
from grassroots.testing.refusals import refused

pytestmark = pytest.mark.django_db

SECRETS = ("李群众", "t_citizen")


def png(name):
    buf = io.BytesIO()
    Image.new("RGB", (4, 4), (10, 200, 10)).save(buf, "PNG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/png")


@pytest.fixture
def report(county, categories):
    """李群众 reports the water bureau anonymously, with a photo named after himself."""
    demand = demand_submit_by_citizen(
        actor=county.citizen, type=DemandType.REPORT, title="举报水务站违规收费",
        text="水务站收取不合理的接水费用，请核查。", category=categories["pressure"],
        division=county.village_a, is_anonymous=True, photos=[png("李群众家门口.png")])
    demand_dispatch(actor=county.dispatcher, demand=demand, lead_unit=county.water)
    return demand


def assert_anonymous(text: str):
    for secret in SECRETS:
        assert secret not in text, secret


def test_intake_keeps_the_submitter_out_of_every_general_row(county, report):
    demand = Demand.objects.get(pk=report.pk)
    assert demand.citizen_id is None and demand.created_by_id is None
    create = Event.objects.get(content_type=ContentType.objects.get_for_model(Demand),
                               object_id=demand.pk, action="create")
    assert create.actor_id is None and create.extra["anonymous"] is True
    photo = Attachment.objects.get(demand=demand)
    assert photo.uploaded_by_id is None and photo.original_name == "photo-1.png"
    assert not Event.objects.filter(actor=county.citizen).exists()
    sealed = AnonymousSubmitter.objects.get(demand=demand)
    assert sealed.user == county.citizen and sealed.person == county.citizen.person


def test_staff_recording_an_anonymous_call_stay_named(county, make_demand):
    demand = make_demand(type=DemandType.REPORT, is_anonymous=True, citizen_phone="",
                         citizen_name="")
    create = Event.objects.get(object_id=demand.pk, action="create",
                               content_type=ContentType.objects.get_for_model(Demand))
    assert create.actor == county.dispatcher and create.extra["anonymous"] is True
    assert not AnonymousSubmitter.objects.filter(demand=demand).exists()


def test_the_reported_unit_and_the_dispatcher_see_an_anonymous_author(client, county, report):
    for user in (county.handler, county.dispatcher, county.admin):
        client.force_login(user)
        response = client.get(f"/demands/{report.pk}/")
        assert response.status_code == 200
        html = response.content.decode()
        assert_anonymous(html)
        assert "匿名群众" in html


def test_the_api_names_no_author(client, county, report):
    token = api_token_create(actor=county.admin, name="测试令牌", user=county.handler)[1]
    response = client.get(f"/api/v1/demands/{report.pk}", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    body = response.json()
    assert_anonymous(json.dumps(body, ensure_ascii=False))
    create = next(e for e in body["timeline"] if e["action"] == "create")
    assert create["actor"] == "匿名群众"
    assert body["citizen_name"] == "" and body["is_anonymous"] is True


def test_exports_and_the_admin_event_log_name_no_author(client, admin_client, county, report):
    response = admin_client.get("/admin/core/event/")
    assert response.status_code == 200
    assert_anonymous(response.content.decode())
    assert "匿名群众" in response.content.decode()
    client.force_login(county.admin)
    response = client.get("/demands/?format=xlsx")
    assert response.status_code == 200, response.status_code
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = " ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row if c)
    assert "举报水务站违规收费" in cells
    assert_anonymous(cells)


def test_the_submitter_follows_their_own_report(client, county, report):
    client.force_login(county.citizen)
    listing = client.get("/my/").content.decode()
    assert report.number in listing
    response = client.get(f"/my/demands/{report.pk}/")
    assert response.status_code == 200  # not a redirect loop through the staff page
    assert "本人" in response.content.decode()
    # Another citizen finds nothing.
    client.force_login(county.other_citizen)
    assert client.get(f"/my/demands/{report.pk}/").status_code == 404
    assert report.number not in client.get("/my/").content.decode()


@pytest.fixture
def auditor(county):
    org = county.admin.person.memberships.first().organization
    return make_member(username="t_auditor", organization=org, role=Role.AUDITOR, name="审计员")


def test_only_the_auditor_reveals_the_submitter_and_every_look_is_logged(county, report,
                                                                          auditor):
    before = AuditLog.objects.count()
    for user in (county.admin, county.dispatcher, county.handler, county.supervisor):
        with pytest.raises(NotVisible) as refused:
            anonymous_submitter_reveal(actor=user, number=report.number, reason="依法协查线索")
        assert refused.value.message == "只有安全审计员可以查看匿名诉求的提交人。"
    denied = AuditLog.objects.filter(action="reveal_anonymous_submitter",
                                     outcome=AuditOutcome.DENIED)
    assert denied.count() == 4 and AuditLog.objects.count() == before + 4
    found = anonymous_submitter_reveal(actor=auditor, number=report.number.lower(),
                                       reason="依法协查线索")
    assert found["name"] == "李群众" and found["user_id"] == county.citizen.pk
    row = AuditLog.objects.get(action="reveal_anonymous_submitter",
                               outcome=AuditOutcome.SUCCESS)
    assert row.actor == auditor and row.reason == "依法协查线索"
    assert row.target_id == str(report.pk)
    assert_anonymous(f"{row.target_repr} {row.extra}")  # the log names the demand, not the author


def test_reveal_refuses_a_short_reason_and_an_unknown_number(county, report, auditor):
    with refused(ApplicationError, "请填写查看事由（至少4个字），例如“依法协查举报线索”。"):
        anonymous_submitter_reveal(actor=auditor, number=report.number, reason="查")
    assert not AuditLog.objects.filter(action="reveal_anonymous_submitter").exists()
    with pytest.raises(SubmitterNotFound) as missing:
        anonymous_submitter_reveal(actor=auditor, number="JX00000000-0000", reason="依法协查线索")
    assert missing.value.message == "未找到编号为JX00000000-0000的匿名诉求。"
    assert AuditLog.objects.get(action="reveal_anonymous_submitter").outcome == "denied"


def test_reveal_page(client, county, report, auditor):
    client.force_login(county.admin)
    assert client.get("/demands/anonymous-submitter/").status_code == 404
    response = client.post("/demands/anonymous-submitter/",
                           {"number": report.number, "reason": "依法协查线索"})
    assert response.status_code == 404
    assert_anonymous(response.content.decode())
    assert "安全审计员" not in response.content.decode()  # the page is not advertised
    assert AuditLog.objects.get(action="reveal_anonymous_submitter").outcome == "denied"
    client.force_login(auditor)
    assert client.get("/demands/anonymous-submitter/").status_code == 200
    response = client.post("/demands/anonymous-submitter/",
                           {"number": report.number, "reason": "依法协查线索"})
    assert response.status_code == 200
    assert "李群众" in response.content.decode()
    assert AuditLog.objects.filter(action="reveal_anonymous_submitter").count() == 2


def test_migration_seals_the_submitter_of_old_rows(county, categories):
    """A report recorded the old way (the citizen as actor and created_by) is corrected."""
    demand = demand_submit_by_citizen(
        actor=county.citizen, type=DemandType.REPORT, title="旧的匿名举报", is_anonymous=True,
        text="旧数据：提交人曾被记为操作人。", division=county.village_a)
    AnonymousSubmitter.objects.filter(demand=demand).delete()
    Demand.objects.filter(pk=demand.pk).update(created_by=county.citizen)
    event_record(subject=demand, actor=county.citizen, action="recurrence_flagged", note="x")
    ct = ContentType.objects.get_for_model(Demand)
    # The old create row: written with the citizen as actor (a new row, as the table is
    # append-only; the new intake's actor-less one is dropped from the check below).
    event_record(subject=demand, actor=county.citizen, action="create", note="旧的匿名举报")
    executor = MigrationExecutor(connection)
    migration = executor.loader.get_migration("demands", "0011_seal_anonymous_submitters")
    state = executor.loader.project_state(("demands", "0011_seal_anonymous_submitters"))

    class Editor:  # what the migration uses of a schema editor, inside the test's transaction
        def __init__(self):
            self.connection = connection

        def execute(self, sql, params=None):
            with connection.cursor() as cursor:
                cursor.execute(sql, params)

    migration.operations[0].code(state.apps, Editor())
    assert not Event.objects.filter(content_type=ct, object_id=demand.pk,
                                    actor__isnull=False).exists()
    assert Demand.objects.get(pk=demand.pk).created_by_id is None
    assert AnonymousSubmitter.objects.get(demand=demand).user == county.citizen
    assert Event.objects.filter(content_type=ct, object_id=demand.pk,
                                extra__anonymous=True).count() == 3


def test_unit_acting_on_it_still_named(county, report):
    """Staff steps keep their actor: only the submitter is hidden."""
    asg = report.assignments.get()
    assignment_acknowledge(actor=county.handler, assignment=asg)
    assert Event.objects.filter(actor=county.handler, action="acknowledge").exists()
