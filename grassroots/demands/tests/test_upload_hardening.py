"""Photo uploads: a decompression bomb is refused with a message and nothing is written; a photo
whose file is gone from storage is a 404 that says so."""

import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from grassroots.demands.models import Demand


def bomb_png() -> bytes:
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", 100_000, 100_000, 1, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00")) + chunk(b"IEND", b""))


@pytest.mark.django_db
def test_bomb_png_on_the_citizen_form(client, county):
    client.force_login(county.citizen)
    response = client.post("/my/new/", {
        "type": "help", "title": "路灯不亮", "text": "村东头路灯坏了三天，晚上出行不便。",
        "division": county.village_a.pk, "photos": [SimpleUploadedFile(
            "bomb.png", bomb_png(), content_type="image/png")]})
    assert response.status_code in (200, 400, 413)
    assert "图片“bomb.png”的尺寸过大" in response.content.decode()
    assert not Demand.objects.exists()


@pytest.mark.django_db
def test_missing_photo_file_is_a_404_that_says_so(client, county, make_demand):
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buf, "PNG")
    demand = make_demand(photos=[SimpleUploadedFile("a.png", buf.getvalue())])
    att = demand.attachments.get()
    att.file.storage.delete(att.file.name)
    client.force_login(county.dispatcher)
    response = client.get(f"/demands/{demand.pk}/attachments/{att.pk}/")
    assert response.status_code == 404
    assert "文件已不在服务器上，请联系平台管理员重新上传。" in response.content.decode()


def png_upload(name):
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (6, 4)).save(buf, "PNG")
    return SimpleUploadedFile(name, buf.getvalue())


@pytest.mark.django_db
def test_a_photo_is_served_inline_under_a_neutral_name_and_only_with_its_demand(
        client, county, make_demand):
    from grassroots.demands.services import demand_submit_by_citizen

    mine = demand_submit_by_citizen(
        actor=county.citizen, type="help", title="路灯不亮", text="村东头路灯坏了三天，晚上出行不便。",
        division=county.village_a, photos=[png_upload("李群众家门口.png")])
    att = mine.attachments.get()
    assert (att.original_name, att.pixels, att.uploaded_by) == ("李群众家门口.png", 24, county.citizen)
    other = make_demand(photos=[png_upload("b.png")])
    client.force_login(county.citizen)
    response = client.get(f"/demands/{mine.pk}/attachments/{att.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'inline; filename="photo-{att.pk}.png"'
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    # another citizen's photo: the same 404 as a missing one, also through a demand of mine
    other_att = other.attachments.get()
    client.force_login(county.other_citizen)
    assert client.get(f"/demands/{mine.pk}/attachments/{att.pk}/").status_code == 404
    client.force_login(county.citizen)
    assert client.get(f"/demands/{other.pk}/attachments/{other_att.pk}/").status_code == 404
    assert client.get(f"/demands/{mine.pk}/attachments/{other_att.pk}/").status_code == 404
    assert client.get(f"/demands/{mine.pk}/attachments/{att.pk + 999}/").status_code == 404
