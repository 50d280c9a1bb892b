"""Visit photos and training materials are ``core.files.StoredFile`` rows: accepted by content,
served through their scoped selector with one set of download headers."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from grassroots.core.errors import ApplicationError
from grassroots.core.models import Event
from grassroots.gridwork import months
from grassroots.gridwork.models import TrainingMaterial, Visit, VisitPhoto
from grassroots.gridwork.services.training import training_create
from grassroots.gridwork.services.visits import visit_record

pytestmark = pytest.mark.django_db


def jpeg_with_gps(name="张家院子.jpg"):
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (35.0, 4.0, 30.0), 3: "E", 4: (116.0, 18.0, 0.0)}
    buf = io.BytesIO()
    Image.new("RGB", (16, 12), (10, 120, 10)).save(buf, "JPEG", exif=exif)
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/jpeg")


def visit_with_photo(gw, photo):
    return visit_record(actor=gw.secretary, grid=gw.grid_a, date=months.today(), form="household",
                        people_met=3, households_met=1, notes="走访", photos=[photo])


def test_a_visit_photo_is_stored_without_gps_and_served_inline_to_its_grid(gw, client):
    visit = visit_with_photo(gw, jpeg_with_gps())
    photo = VisitPhoto.objects.get(visit=visit)
    assert (photo.original_name, photo.extension, photo.pixels) == ("张家院子.jpg", ".jpg", 192)
    assert photo.uploaded_by == gw.secretary
    assert not Image.open(photo.file.open("rb")).getexif()
    client.force_login(gw.secretary)
    response = client.get(f"/grid/visits/photos/{photo.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"] == (
        "inline; filename*=utf-8''%E5%BC%A0%E5%AE%B6%E9%99%A2%E5%AD%90.jpg")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == photo.file.open("rb").read()


def test_another_grids_secretary_gets_the_same_404_as_for_a_missing_photo(gw, client):
    photo = VisitPhoto.objects.get(visit=visit_with_photo(gw, jpeg_with_gps()))
    client.force_login(gw.secretary_b)
    assert client.get(f"/grid/visits/photos/{photo.pk}/").status_code == 404
    assert client.get(f"/grid/visits/photos/{photo.pk + 1000}/").status_code == 404
    client.force_login(gw.org_dept)
    assert client.get(f"/grid/visits/photos/{photo.pk}/").status_code == 200


def test_a_refused_photo_writes_no_visit(gw):
    before = Event.objects.count()
    with pytest.raises(ApplicationError) as exc:
        visit_with_photo(gw, SimpleUploadedFile("照片.pdf", jpeg_with_gps().read()))
    assert exc.value.message == "文件“照片.pdf”的内容与扩展名.pdf不符，请上传原始文件。"
    assert not Visit.objects.exists() and not VisitPhoto.objects.exists()
    assert Event.objects.count() == before


def test_training_material_downloads_with_its_chinese_name(gw, client):
    session = training_create(
        actor=gw.org_dept, title="政策培训", kind="policy", date=date(2026, 3, 1),
        place="县委党校", materials=[SimpleUploadedFile("讲义 第1讲.pdf", b"%PDF-1.4 test")])
    material = session.materials.get()
    assert (material.content_type, material.pixels) == ("application/pdf", None)
    client.force_login(gw.secretary)
    response = client.get(f"/grid/trainings/materials/{material.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''%E8%AE%B2%E4%B9%89%20%E7%AC%AC1%E8%AE%B2.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    # a citizen and a unit handler do not see the training pages: the same 404 as a missing file
    for user in (gw.citizen, gw.handler):
        client.force_login(user)
        assert client.get(f"/grid/trainings/materials/{material.pk}/").status_code == 404
    assert not TrainingMaterial.objects.restrict(gw.handler).exists()


def test_a_picture_among_the_materials_is_still_a_download(gw, client):
    session = training_create(
        actor=gw.org_dept, title="岗位实训", kind="on_the_job", date=date(2026, 3, 1),
        place="县委党校", materials=[jpeg_with_gps("现场")])
    material = session.materials.get()
    assert material.download_name == "现场.jpg"  # the name gets the extension of the content
    client.force_login(gw.org_dept)
    response = client.get(f"/grid/trainings/materials/{material.pk}/")
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''%E7%8E%B0%E5%9C%BA.jpg"


def test_a_file_lost_from_storage_is_a_404_page(gw, client):
    photo = VisitPhoto.objects.get(visit=visit_with_photo(gw, jpeg_with_gps()))
    photo.file.storage.delete(photo.file.name)
    client.force_login(gw.secretary)
    response = client.get(f"/grid/visits/photos/{photo.pk}/")
    assert response.status_code == 404
    assert "文件已不在服务器上，请联系平台管理员重新上传。" in response.content.decode()
