"""Uploaded files checked by their content, with size and pixel limits: one validator for every
upload (demand and reply photos, visit photos, training materials).

A few kilobytes of PNG can declare a 100 000 × 100 000 image; Pillow refuses those itself past
``Image.MAX_IMAGE_PIXELS`` × 2 with ``DecompressionBombError`` (a 500 before), and below that would
decode them into gigabytes. The header is read first and the pixel count checked against our own,
much lower limit before anything is decoded.
"""

from __future__ import annotations

import warnings
from io import BytesIO

from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from .errors import ApplicationError

IMAGE_MAX_PIXELS = 50_000_000  # a 50-megapixel camera's photo; phones take 12–48 MP
IMAGE_MAX_SIDE = 20_000
IMAGE_FORMATS = {"JPEG": (".jpg", "image/jpeg"), "PNG": (".png", "image/png"),
                 "WEBP": (".webp", "image/webp"), "GIF": (".gif", "image/gif")}
# Office documents by their first bytes: OOXML is a zip, the old formats an OLE2 compound file.
_MAGIC = {".pdf": (b"%PDF",), ".docx": (b"PK\x03\x04",), ".pptx": (b"PK\x03\x04",),
          ".xlsx": (b"PK\x03\x04",), ".doc": (b"\xd0\xcf\x11\xe0",),
          ".ppt": (b"\xd0\xcf\x11\xe0",)}


class UploadTooLarge(ApplicationError):
    status_code = 413


def image_check(data: bytes, *, name: str, field: str) -> tuple[str, str]:
    """The (extension, MIME type) of an image upload; ``ApplicationError`` if it is not a JPG, PNG,
    WEBP or GIF image, or has more pixels than a photo needs."""
    not_image = _("文件“%(name)s”不是有效的图片，只能上传JPG、PNG、WEBP或GIF照片。") % {"name": name}
    too_big = (_("图片“%(name)s”的尺寸过大（最多%(mp)s百万像素、边长不超过%(side)s像素），"
                 "请缩小后再上传。")
               % {"name": name, "mp": IMAGE_MAX_PIXELS // 1_000_000, "side": IMAGE_MAX_SIDE})
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(BytesIO(data)) as img:  # reads the header only
                fmt = img.format
                width, height = img.size
                if (width * height > IMAGE_MAX_PIXELS or width > IMAGE_MAX_SIDE
                        or height > IMAGE_MAX_SIDE):
                    raise UploadTooLarge(too_big, field=field)
                img.verify()
    except Image.DecompressionBombError:
        raise UploadTooLarge(too_big, field=field) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise ApplicationError(not_image, field=field) from None
    if fmt not in IMAGE_FORMATS:
        raise ApplicationError(
            _("文件“%(name)s”的格式不受支持，只能上传JPG、PNG、WEBP或GIF照片。") % {"name": name},
            field=field)
    return IMAGE_FORMATS[fmt]


def image_without_metadata(data: bytes) -> bytes:
    """The photo re-encoded without its metadata: a phone's EXIF carries the GPS position of
    where it was taken (a citizen's home), the device and the time, none of which a unit or a
    bulletin reader should get. The EXIF orientation is applied first so the photo stays upright.
    GIFs (animations, no EXIF in practice) are kept as they are. Call after ``image_check``."""
    from PIL import ImageOps

    with Image.open(BytesIO(data)) as img:
        fmt = img.format
        if fmt not in ("JPEG", "PNG", "WEBP"):
            return data
        upright = ImageOps.exif_transpose(img)
        out = BytesIO()
        if fmt == "JPEG":
            upright.convert("RGB").save(out, "JPEG", quality=90, optimize=True)
        elif fmt == "PNG":
            upright.save(out, "PNG", optimize=True)
        else:
            upright.save(out, "WEBP", quality=90)
    return out.getvalue()


def document_check(data: bytes, *, ext: str, name: str, field: str) -> None:
    """A document upload whose content matches its extension (images: ``image_check``)."""
    if ext in (".jpg", ".jpeg", ".png", ".webp", ".gif"):
        image_check(data, name=name, field=field)
        return
    magic = _MAGIC.get(ext)
    if magic is not None and not data.startswith(magic):
        raise ApplicationError(_("文件“%(name)s”的内容与扩展名%(ext)s不符，请上传原始文件。")
                               % {"name": name, "ext": ext}, field=field)


def stored_file_response(request, field_file, **kwargs):
    """A ``FileResponse`` streaming a stored upload (``kwargs`` as for ``FileResponse``); a file
    missing from storage (a restored database, a lost volume) answers 404 with a page that says so
    and what to do, not a 500."""
    from django.http import FileResponse
    from django.shortcuts import render

    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, ValueError):  # ValueError: the row names no file at all
        return render(request, "404.html", {"message": _(
            "文件已不在服务器上，请联系平台管理员重新上传。")}, status=404)
    return FileResponse(handle, **kwargs)
