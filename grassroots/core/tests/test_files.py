"""The one upload validator (by content, size and pixels, never by name) and the download
responses of generated files."""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document
from openpyxl import Workbook
from PIL import Image

from grassroots.core.errors import ApplicationError
from grassroots.core.files import MIME, download_response
from grassroots.core.uploads import (
    DOCUMENTS,
    IMAGES,
    SPREADSHEETS,
    UploadTooLarge,
    clean_file_name,
    upload_accept,
    uploads_accept,
)

MATERIALS = DOCUMENTS | IMAGES
MB = 1024 * 1024


def png_bytes(size=(8, 6)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, (200, 10, 10)).save(buf, "PNG")
    return buf.getvalue()


def docx_bytes() -> bytes:
    buf = io.BytesIO()
    Document().save(buf)
    return buf.getvalue()


def xlsx_bytes() -> bytes:
    buf = io.BytesIO()
    Workbook().save(buf)
    return buf.getvalue()


def bomb_png(width, height) -> bytes:
    """A valid PNG header declaring ``width`` × ``height`` pixels, in a few dozen bytes."""
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(b"\x00")) + chunk(b"IEND", b""))


def accept(name, data, kinds=MATERIALS, max_bytes=20 * MB):
    return upload_accept(SimpleUploadedFile(name, data), field="materials", kinds=kinds,
                         max_bytes=max_bytes)


def test_a_png_renamed_pdf_is_refused_even_where_pictures_are_allowed():
    with pytest.raises(ApplicationError) as exc:
        accept("讲义.pdf", png_bytes())
    assert exc.value.message == "文件“讲义.pdf”的内容与扩展名.pdf不符，请上传原始文件。"
    assert exc.value.field == "materials"
    with pytest.raises(ApplicationError) as exc:
        accept("照片.pdf", png_bytes(), kinds=IMAGES)
    assert exc.value.message == "文件“照片.pdf”的内容与扩展名.pdf不符，请上传原始文件。"


def test_a_text_file_named_jpg_is_refused():
    with pytest.raises(ApplicationError) as exc:
        accept("照片.jpg", b"hello, I am text\n", kinds=IMAGES)
    assert exc.value.message == "文件“照片.jpg”不是有效的图片，只能上传JPG、PNG、WEBP或GIF照片。"
    with pytest.raises(ApplicationError) as exc:  # where documents are allowed too
        accept("照片.jpg", b"hello, I am text\n")
    assert exc.value.message == "文件“照片.jpg”的内容与扩展名.jpg不符，请上传原始文件。"


def test_an_image_with_too_many_pixels_is_a_413_before_it_is_decoded():
    with pytest.raises(UploadTooLarge) as exc:
        accept("大图.png", bomb_png(8000, 8000), kinds=IMAGES)  # 64 MP in a few bytes
    assert exc.value.status_code == 413
    assert exc.value.message == ("图片“大图.png”的尺寸过大（最多50百万像素、边长不超过20000像素），"
                                 "请缩小后再上传。")


def test_a_file_over_the_byte_limit_is_a_413():
    with pytest.raises(UploadTooLarge) as exc:
        accept("a.png", png_bytes() + b"\0" * MB, kinds=IMAGES, max_bytes=MB)
    assert exc.value.message == "照片“a.png”超过1MB，请压缩后再上传。"
    with pytest.raises(UploadTooLarge) as exc:
        accept("a.pdf", b"%PDF-1.4" + b"\0" * MB, max_bytes=MB)
    assert exc.value.message == "文件“a.pdf”超过1MB，请压缩后再上传。"


def test_exif_is_stripped_and_the_pixels_recorded():
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (35.0, 4.0, 30.0), 3: "E", 4: (116.0, 18.0, 0.0)}  # GPS IFD
    exif[0x010F] = "PhoneMaker"
    buf = io.BytesIO()
    Image.new("RGB", (30, 20), (10, 200, 10)).save(buf, "JPEG", exif=exif)
    assert Image.open(io.BytesIO(buf.getvalue())).getexif()
    upload = accept("家门口.jpg", buf.getvalue(), kinds=IMAGES)
    stored = Image.open(io.BytesIO(upload.data))
    assert not stored.getexif()
    assert b"PhoneMaker" not in upload.data
    assert (upload.kind, upload.extension, upload.content_type) == ("image", ".jpg", "image/jpeg")
    assert upload.pixels == 600 and upload.size == len(upload.data)


def test_documents_are_told_apart_by_content():
    doc = accept("通知.docx", docx_bytes())
    assert (doc.kind, doc.extension, doc.pixels) == ("docx", ".docx", None)
    assert doc.content_type == MIME["docx"]
    sheet = accept("名单", xlsx_bytes())  # no extension: the content names it
    assert (sheet.kind, sheet.extension) == ("xlsx", ".xlsx")
    assert accept("scan.PDF", b"%PDF-1.7\n...").extension == ".pdf"
    with pytest.raises(ApplicationError) as exc:  # a spreadsheet sent as a Word file
        accept("通知.docx", xlsx_bytes())
    assert exc.value.message == "文件“通知.docx”的内容与扩展名.docx不符，请上传原始文件。"
    with pytest.raises(ApplicationError) as exc:  # a zip that is no Office file
        accept("a.docx", b"PK\x03\x04rest of nothing")
    assert exc.value.message == "文件“a.docx”的内容与扩展名.docx不符，请上传原始文件。"


def test_kinds_a_model_does_not_allow_are_refused():
    with pytest.raises(ApplicationError) as exc:
        accept("程序.exe", b"MZ\x90\x00")
    assert exc.value.message == "文件“程序.exe”的类型不受支持，只能上传PDF、Word、Excel、PPT或图片文件。"
    with pytest.raises(ApplicationError) as exc:
        accept("讲义.pdf", b"%PDF-1.4", kinds=SPREADSHEETS)
    assert exc.value.message == "文件“讲义.pdf”的类型不受支持，只能上传Excel文件。"
    with pytest.raises(ApplicationError) as exc:
        accept("讲义.pdf", b"%PDF-1.4", kinds=IMAGES)
    assert exc.value.message == "文件“讲义.pdf”不是有效的图片，只能上传JPG、PNG、WEBP或GIF照片。"


def test_count_limit_is_checked_before_any_file_is_read():
    files = [SimpleUploadedFile(f"{i}.png", png_bytes()) for i in range(3)]
    with pytest.raises(ApplicationError) as exc:
        uploads_accept(files, field="photos", max_bytes=MB, max_count=3, existing=1)
    assert exc.value.message == "最多上传3张照片。"
    assert all(f.tell() == 0 for f in files)
    assert len(uploads_accept(files + [None], field="photos", max_bytes=MB, max_count=3)) == 3


def test_names_are_cleaned():
    assert clean_file_name("C:\\Users\\张三\\照片\u202egpj.exe") == "照片gpj.exe"
    assert clean_file_name("../../etc/passwd\x00") == "passwd"
    assert clean_file_name("") == "file"
    long = clean_file_name("长" * 300 + ".docx")
    assert len(long) == 200 and long.endswith(".docx")


def test_download_response_names_a_chinese_file_the_rfc_6266_way():
    response = download_response(b"PK..", "督办〔2026〕第3号.docx", MIME["docx"])
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''%E7%9D%A3%E5%8A%9E%E3%80%942026%E3%80%95"
        "%E7%AC%AC3%E5%8F%B7.docx")
    assert response["Content-Type"] == MIME["docx"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content == b"PK.."
    ascii_name = download_response(b"x", 'grid-report-2026-05.xlsx', MIME["xlsx"])
    assert ascii_name["Content-Disposition"] == 'attachment; filename="grid-report-2026-05.xlsx"'
