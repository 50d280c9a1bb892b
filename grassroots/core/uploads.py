"""The one upload validator: every file a person sends (demand and reply photos, visit photos,
training materials, spreadsheets to import) passes ``upload_accept`` before anything is stored.

A file is judged by its content, never by its name: the first bytes (and, for Office files, the
parts inside the zip or the streams of the OLE2 container) say what it is; the name's extension
may only agree with that. Images are opened by Pillow from their header and refused past our
pixel limit before anything is decoded — a few kilobytes of PNG can declare a 100 000 × 100 000
image, which Pillow refuses itself only past ``Image.MAX_IMAGE_PIXELS`` × 2 (a 500 before) and
below that would decode into gigabytes. Photos are stored re-encoded without their metadata (a
phone's EXIF carries the GPS position of a citizen's home).

Storing and serving what was accepted: ``core.files`` (the ``StoredFile`` model, the download
responses).
"""

from __future__ import annotations

import hashlib
import os
import warnings
import zipfile
from dataclasses import dataclass
from functools import cached_property
from io import BytesIO

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, UnidentifiedImageError

from .errors import ApplicationError
from .text import clean_text

IMAGE_MAX_PIXELS = 50_000_000  # a 50-megapixel camera's photo; phones take 12–48 MP
IMAGE_MAX_SIDE = 20_000
IMAGE_FORMATS = {"JPEG": (".jpg", "image/jpeg"), "PNG": (".png", "image/png"),
                 "WEBP": (".webp", "image/webp"), "GIF": (".gif", "image/gif")}

# The kinds of file a model may allow: (stored extension, MIME type, extensions a name may carry).
IMAGE, PDF, DOCX, XLSX, PPTX, DOC, PPT = "image", "pdf", "docx", "xlsx", "pptx", "doc", "ppt"
_OOXML = "application/vnd.openxmlformats-officedocument."
KINDS = {
    PDF: (".pdf", "application/pdf", (".pdf",)),
    DOCX: (".docx", _OOXML + "wordprocessingml.document", (".docx",)),
    XLSX: (".xlsx", _OOXML + "spreadsheetml.sheet", (".xlsx",)),
    PPTX: (".pptx", _OOXML + "presentationml.presentation", (".pptx",)),
    DOC: (".doc", "application/msword", (".doc",)),
    PPT: (".ppt", "application/vnd.ms-powerpoint", (".ppt",)),
    IMAGE: (None, None, (".jpg", ".jpeg", ".jpe", ".png", ".webp", ".gif")),
}
_KIND_OF_EXTENSION = {ext: kind for kind, (_e, _m, exts) in KINDS.items() for ext in exts}
KIND_LABELS = {IMAGE: gettext_lazy("图片"), PDF: "PDF", DOCX: "Word", DOC: "Word",
               XLSX: "Excel", PPTX: "PPT", PPT: "PPT"}
IMAGES = frozenset({IMAGE})
DOCUMENTS = frozenset({PDF, DOCX, XLSX, PPTX, DOC, PPT})
SPREADSHEETS = frozenset({XLSX})

# OOXML is a zip whose parts name the application; the old formats are an OLE2 compound file
# whose directory names its main stream (UTF-16LE).
_OOXML_PARTS = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX,
                "ppt/presentation.xml": PPTX}
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE2_STREAMS = {"WordDocument".encode("utf-16-le"): DOC,
                 "PowerPoint Document".encode("utf-16-le"): PPT}
_IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a")


class UploadTooLarge(ApplicationError):
    status_code = 413


@dataclass(frozen=True)
class Upload:
    """An accepted file: the bytes to store (an image without its metadata), the cleaned
    original name and what the content is."""

    data: bytes
    name: str
    kind: str
    extension: str
    content_type: str
    pixels: int | None = None

    @property
    def size(self) -> int:
        return len(self.data)

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def clean_file_name(name, *, limit: int = 200) -> str:
    """The name a person gave the file, safe to store and show: no directory part, no control
    or bidi-override characters (``"照片\u202egpj.exe"`` reads as a photo), at most ``limit``
    characters with its extension kept."""
    name = clean_text(str(name or "")).replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if c not in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068"
                   "\u2069\u200e\u200f\n\t").strip(" .")
    if len(name) > limit:
        stem, ext = os.path.splitext(name)
        ext = ext if len(ext) <= 16 else ""
        name = stem[:limit - len(ext)] + ext
    return name or "file"


def kind_of_extension(ext: str) -> str | None:
    """The kind a file name's extension (``".JPG"``) claims, ``None`` for one we do not know."""
    return _KIND_OF_EXTENSION.get((ext or "").lower())


def _sniff(data: bytes) -> str | None:
    """The kind of file ``data`` is, from its content; ``None`` when it is none we know."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(_IMAGE_MAGIC) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP"):
        return IMAGE
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(BytesIO(data)) as archive:  # reads the directory only
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            return None
        if "[Content_Types].xml" in names:
            for part, kind in _OOXML_PARTS.items():
                if part in names:
                    return kind
        return None
    if data.startswith(_OLE2):
        for stream, kind in _OLE2_STREAMS.items():
            if stream in data:
                return kind
    return None


def _image_inspect(data: bytes, *, name: str, field: str) -> tuple[str, str, int]:
    """(extension, MIME type, pixel count) of an image; refused if it is not a JPG, PNG, WEBP or
    GIF image, or has more pixels than a photo needs."""
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
    ext, mime = IMAGE_FORMATS[fmt]
    return ext, mime, width * height


def image_check(data: bytes, *, name: str, field: str) -> tuple[str, str]:
    """The (extension, MIME type) of an image; ``ApplicationError`` (``UploadTooLarge`` past the
    pixel limit) if it is not a JPG, PNG, WEBP or GIF photo a person could have taken."""
    ext, mime, _pixels = _image_inspect(data, name=name, field=field)
    return ext, mime


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


def _allowed_label(kinds) -> str:
    labels = list(dict.fromkeys(str(KIND_LABELS[k]) for k in
                                sorted(kinds, key=lambda k: (k == IMAGE, list(KINDS).index(k)))))
    return labels[0] if len(labels) == 1 else _("%(list)s或%(last)s") % {
        "list": _("、").join(labels[:-1]), "last": labels[-1]}


def _read(f, *, name: str, field: str, max_bytes: int, photos: bool) -> bytes:
    mb = max_bytes // (1024 * 1024)
    too_large = (_("照片“%(name)s”超过%(mb)sMB，请压缩后再上传。") if photos
                 else _("文件“%(name)s”超过%(mb)sMB，请压缩后再上传。")) % {"name": name, "mb": mb}
    if (getattr(f, "size", None) or 0) > max_bytes:
        raise UploadTooLarge(too_large, field=field)
    if hasattr(f, "seek"):
        f.seek(0)
    data = f.read(max_bytes + 1)  # never more than one byte past the limit into memory
    if len(data) > max_bytes:
        raise UploadTooLarge(too_large, field=field)
    return data


def upload_accept(f, *, field: str, kinds=IMAGES, max_bytes: int,
                  strip_metadata: bool = True) -> Upload:
    """Read and check one uploaded file; ``ApplicationError`` (a 400 naming ``field``) or
    ``UploadTooLarge`` (413) if it is not what ``kinds`` allow, its content disagrees with its
    name's extension (a PNG named ``.pdf``), it is larger than ``max_bytes`` or an image has more
    pixels than a photo needs. Nothing is written here: callers check every file first, then
    store them in their transaction (``StoredFile.store``)."""
    kinds = frozenset(kinds)
    unknown = kinds - set(KINDS)
    if unknown:
        raise ValueError(f"unknown upload kinds: {sorted(unknown)}")
    name = clean_file_name(getattr(f, "name", None) or "file")
    photos = kinds == IMAGES
    data = _read(f, name=name, field=field, max_bytes=max_bytes, photos=photos)
    name_ext = os.path.splitext(name)[1].lower()
    name_kind = _KIND_OF_EXTENSION.get(name_ext)
    kind = _sniff(data)
    mismatch = (_("文件“%(name)s”的内容与扩展名%(ext)s不符，请上传原始文件。")
                % {"name": name, "ext": name_ext})
    if kind is None or kind not in kinds:
        if photos:
            raise ApplicationError(_("文件“%(name)s”不是有效的图片，只能上传JPG、PNG、WEBP或GIF照片。")
                                   % {"name": name}, field=field)
        if kind is None and name_kind in kinds:
            raise ApplicationError(mismatch, field=field)
        raise ApplicationError(_("文件“%(name)s”的类型不受支持，只能上传%(kinds)s文件。")
                               % {"name": name, "kinds": _allowed_label(kinds)}, field=field)
    if name_kind is not None and name_kind != kind:
        raise ApplicationError(mismatch, field=field)
    pixels = None
    if kind == IMAGE:
        ext, mime, pixels = _image_inspect(data, name=name, field=field)
        if strip_metadata:
            data = image_without_metadata(data)
    else:
        ext, mime, _exts = KINDS[kind]
    return Upload(data=data, name=name, kind=kind, extension=ext, content_type=mime,
                  pixels=pixels)


def uploads_accept(files, *, field: str, kinds=IMAGES, max_bytes: int, max_count: int,
                   existing: int = 0, too_many: str | None = None,
                   strip_metadata: bool = True) -> list[Upload]:
    """``upload_accept`` for each of ``files`` (empty entries skipped), at most ``max_count``
    with the ``existing`` ones (else ``too_many``, a message with ``%(n)s``); every file is
    checked before the caller stores any."""
    files = [f for f in (files or []) if f]
    if existing + len(files) > max_count:
        if too_many is None:
            too_many = (_("最多上传%(n)s张照片。") if frozenset(kinds) == IMAGES
                        else _("最多上传%(n)s个文件。"))
        raise ApplicationError(too_many % {"n": max_count}, field=field)
    return [upload_accept(f, field=field, kinds=kinds, max_bytes=max_bytes,
                          strip_metadata=strip_metadata) for f in files]
