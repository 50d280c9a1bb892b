"""The shared request parsers and the upload validator refuse what used to give a 500."""

import io
import struct
import zlib
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from grassroots.core.errors import ApplicationError
from grassroots.core.parsing import (
    INT_MAX,
    BadValue,
    parse_date,
    parse_datetime,
    parse_id,
    parse_int,
    validate_date_range,
)
from grassroots.core.uploads import (
    DOCUMENTS,
    IMAGE_MAX_PIXELS,
    IMAGE_MAX_SIDE,
    UploadTooLarge,
    image_check,
    upload_accept,
)
from grassroots.testing.refusals import refused


def bomb_png(width=100_000, height=100_000) -> bytes:
    """A valid PNG header declaring ``width`` × ``height`` pixels, in a few dozen bytes."""
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(b"\x00")) + chunk(b"IEND", b""))


@pytest.mark.parametrize("raw", ["²", "①", "٣", "١٢", "２", "1.0", "-1", " 1 2", "0x10"])
def test_ids_are_ascii_digits(raw):
    with pytest.raises(BadValue) as exc:
        parse_id(raw)
    assert exc.value.message == "应为编号（数字）。"


def test_ids_beyond_the_database_are_refused():
    assert parse_id(" 42 ") == 42 and parse_id("") is None and parse_id(None) is None
    assert parse_id(str(2**63 - 1)) == 2**63 - 1
    with refused(BadValue, "没有这个编号。", db=False):
        parse_id(str(2**63))
    with refused(BadValue, "没有这个编号。", db=False):
        parse_int(str(INT_MAX + 1), maximum=INT_MAX)


@pytest.mark.parametrize("raw", ["0001-01-01", "9999-12-31", "1899-12-31", "3000-01-01"])
def test_dates_outside_1900_2999_are_refused(raw):
    with pytest.raises(BadValue) as exc:
        parse_date(raw)
    assert exc.value.message == "日期应在1900-01-01至2999-12-31之间。"
    with refused(ValidationError, "日期应在1900-01-01至2999-12-31之间。", db=False):
        validate_date_range(date.fromisoformat(raw))


def test_datetimes():
    with refused(BadValue, "日期应在1900-01-01至2999-12-31之间。", db=False):
        parse_datetime("9999-12-31T23:59:59+14:00")
    with refused(BadValue, "时间格式应为 ISO 8601，例如 2025-03-01T09:00:00+08:00。", db=False):
        parse_datetime("２０２６-０１-０１")
    assert parse_datetime("2026-03-01").tzinfo is not None
    assert parse_date("2026-03-01") == date(2026, 3, 1)


def test_decompression_bomb_is_a_413_with_a_message():
    def too_big(name):
        return (f"图片“{name}”的尺寸过大（最多{IMAGE_MAX_PIXELS // 1_000_000}百万像素、"
                f"边长不超过{IMAGE_MAX_SIDE}像素），请缩小后再上传。")

    with refused(UploadTooLarge, too_big("x.png"), db=False) as exc:
        image_check(bomb_png(), name="x.png", field="photos")
    assert exc.value.status_code == 413 and IMAGE_MAX_PIXELS == 50_000_000
    # below Pillow's own bomb limit, above ours: refused before decoding too
    with refused(UploadTooLarge, too_big("y.png"), db=False):
        image_check(bomb_png(9000, 9000), name="y.png", field="photos")


def test_real_images_pass_and_content_must_match_the_extension():
    buf = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buf, "PNG")
    assert image_check(buf.getvalue(), name="a.png", field="f") == (".png", "image/png")
    with refused(ApplicationError, "文件“a.gif”不是有效的图片，只能上传JPG、PNG、WEBP或GIF照片。",
                 db=False):
        image_check(b"GIF89a-not-really", name="a.gif", field="f")
    with refused(ApplicationError, "文件“a.docx”的内容与扩展名.docx不符，请上传原始文件。",
                 db=False):
        upload_accept(SimpleUploadedFile("a.docx", b"<html>"), field="f", kinds=DOCUMENTS,
                      max_bytes=1024)


@pytest.mark.django_db
def test_nul_inside_a_json_body_is_a_400(client, county):
    from grassroots.demands.models import Demand

    client.force_login(county.dispatcher)
    response = client.post("/api/v1/demands", '{"title": "a\\u0000b", "text": "x"}',
                           content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "请求参数中含有非法字符（NUL），请检查后重试。"
    assert not Demand.objects.exists()
    # an escaped backslash followed by "u0000" is text, not NUL: the API itself answers
    response = client.post("/api/v1/demands", '{"title": "a\\\\u0000b"}',
                           content_type="application/json")
    assert response.status_code == 422 or response.json()["error"]["message"] != (
        "请求参数中含有非法字符（NUL），请检查后重试。")


def test_photos_are_stored_without_their_gps_position():
    """A phone photo's EXIF names where it was taken (a citizen's home): it is not kept."""
    from io import BytesIO

    from grassroots.demands.services.attachments import photos_validate

    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° to show upright
    exif[0x8825] = {1: "N", 2: (35.0, 4.0, 30.0), 3: "E", 4: (116.0, 18.0, 0.0)}  # GPS IFD
    buf = BytesIO()
    Image.new("RGB", (40, 20), (10, 200, 10)).save(buf, "JPEG", exif=exif)
    assert Image.open(BytesIO(buf.getvalue())).getexif().get_ifd(0x8825)
    [upload] = photos_validate([SimpleUploadedFile("家门口.jpg", buf.getvalue())])
    stored = Image.open(BytesIO(upload.data))
    assert (upload.extension, upload.content_type) == (".jpg", "image/jpeg")
    assert not stored.getexif() and stored.size == (20, 40)  # no metadata, turned upright
