"""Grid work under crafted input: a file gone from storage, a photo bomb, a huge team sheet,
ids and months the database cannot hold — each a 4xx (or a form error) that says what to do."""

import struct
import zlib
from datetime import date
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from grassroots.core.errors import ApplicationError
from grassroots.core.uploads import IMAGE_MAX_PIXELS, IMAGE_MAX_SIDE
from grassroots.gridwork import months
from grassroots.gridwork.models import TrainingMaterial, TrainingSession, Visit, VisitPhoto
from grassroots.gridwork.services import teams
from grassroots.gridwork.services.training import training_create
from grassroots.gridwork.services.visits import visit_record
from grassroots.people.models import Person, ServiceTeamMember
from grassroots.testing.refusals import refused

pytestmark = pytest.mark.django_db
GONE = "文件已不在服务器上，请联系平台管理员重新上传。"


def _visit(gw, **kw):
    return visit_record(actor=gw.secretary, grid=gw.grid_a, date=months.today(), form="household",
                        people_met=3, households_met=1, notes="走访了1户", **kw)


def test_missing_visit_photo_is_a_404_that_says_so(gw, png, client):
    visit = _visit(gw, photos=[png()])
    photo = visit.photos.get()
    photo.file.storage.delete(photo.file.name)
    client.force_login(gw.admin)
    response = client.get(f"/grid/visits/photos/{photo.pk}/")
    assert response.status_code == 404
    assert GONE in response.content.decode()


def test_missing_training_material_is_a_404_that_says_so(gw, client):
    s = training_create(actor=gw.org_dept, title="政策培训", kind="policy", date=date(2026, 3, 1),
                        place="县委党校",
                        materials=[SimpleUploadedFile("讲义.pdf", b"%PDF-1.4 test")])
    m = s.materials.get()
    m.file.storage.delete(m.file.name)
    client.force_login(gw.admin)
    response = client.get(f"/grid/trainings/materials/{m.pk}/")
    assert response.status_code == 404
    assert GONE in response.content.decode()


def _bomb(width=100_000, height=100_000) -> BytesIO:
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    data = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0,
                                                             0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00")) + chunk(b"IEND", b""))
    f = BytesIO(data)
    f.name, f.size = "bomb.png", len(data)
    return f


def test_photo_bomb_on_a_visit_is_refused_and_nothing_written(gw):
    too_big = (f"图片“bomb.png”的尺寸过大（最多{IMAGE_MAX_PIXELS // 1_000_000}百万像素、"
               f"边长不超过{IMAGE_MAX_SIDE}像素），请缩小后再上传。")
    with refused(ApplicationError, too_big, unchanged=[Visit, VisitPhoto]) as exc:
        _visit(gw, photos=[_bomb()])
    assert exc.value.status_code == 413
    assert not Visit.objects.exists()


def test_material_whose_content_does_not_match_is_refused(gw):
    with refused(ApplicationError, "文件“a.docx”的内容与扩展名.docx不符，请上传原始文件。",
                 unchanged=[TrainingSession, TrainingMaterial]):
        training_create(actor=gw.org_dept, title="政策培训", kind="policy", date=date(2026, 3, 1),
                        place="县委党校", materials=[SimpleUploadedFile("a.docx", b"<html>")])


def test_team_import_stops_reading_at_the_row_limit(gw, monkeypatch):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(teams.IMPORT_HEADERS)
    for i in range(500):
        ws.append(["G-A-01", "镇街干部", f"干部{i}", f"137{i:08d}", ""])
    out = BytesIO()
    wb.save(out)
    monkeypatch.setattr(teams, "MAX_ROWS", 10)
    from grassroots.core import imports

    read = []
    cell = imports.cell_text
    monkeypatch.setattr(imports, "cell_text", lambda v: read.append(v) or cell(v))
    with refused(ApplicationError, "一次最多导入10行。", unchanged=[Person, ServiceTeamMember]):
        teams.teams_import(actor=gw.admin, data=out.getvalue())
    assert len(read) < 20 * len(teams.IMPORT_HEADERS)  # not the 500 rows


@pytest.mark.parametrize("params", [{"town": "9" * 30}, {"town": "²"}, {"month": "0001-01"},
                                    {"month": "٢٠٢٦-01"}, {"page": str(2**63)}])
def test_lists_ignore_values_they_cannot_use(gw, client, params):
    client.force_login(gw.admin)
    for url in ("/grid/coverage/", "/grid/cadres/", "/grid/teams/", "/grid/reports/"):
        assert client.get(url, params).status_code == 200, url
