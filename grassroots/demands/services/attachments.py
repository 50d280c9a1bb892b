"""Photo uploads: images only (checked by content, not by name; ``core.uploads``), ≤ 10 MB and
≤ 50 megapixels each, ≤ 9 per demand; stored without their EXIF metadata (GPS position)."""

import hashlib

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from grassroots.core.errors import ApplicationError
from grassroots.core.uploads import UploadTooLarge, image_check, image_without_metadata

from ..models import Attachment

MAX_PHOTOS = 9
MAX_BYTES = 10 * 1024 * 1024


def photos_validate(files, *, existing: int = 0) -> list[tuple[object, bytes, str, str]]:
    """Read and check every file before anything is written; returns (file, data, ext, mime)."""
    files = [f for f in (files or []) if f]
    if existing + len(files) > MAX_PHOTOS:
        raise ApplicationError(_("最多上传%(n)s张照片。") % {"n": MAX_PHOTOS}, field="photos")
    checked = []
    for f in files:
        name = getattr(f, "name", "photo")
        if getattr(f, "size", 0) > MAX_BYTES:
            raise UploadTooLarge(_("照片“%(name)s”超过10MB，请压缩后再上传。") % {"name": name},
                                 field="photos")
        data = f.read()
        if len(data) > MAX_BYTES:
            raise UploadTooLarge(_("照片“%(name)s”超过10MB，请压缩后再上传。") % {"name": name},
                                 field="photos")
        ext, mime = image_check(data, name=name, field="photos")
        checked.append((f, image_without_metadata(data), ext, mime))
    return checked


def photos_store(checked, *, demand, assignment=None, actor=None,
                 neutral_names: bool = False) -> list[Attachment]:
    """``neutral_names``: keep no file name (an anonymous report's "张三家门口.jpg" names its
    author as well as a signature would)."""
    stored = []
    for i, (f, data, ext, mime) in enumerate(checked, start=1):
        digest = hashlib.sha256(data).hexdigest()
        name = f"photo-{i}{ext}" if neutral_names else getattr(f, "name", "photo")[:200]
        att = Attachment(
            demand=demand, assignment=assignment, original_name=name,
            content_type=mime, size=len(data), sha256=digest, extension=ext,
            uploaded_by=actor if getattr(actor, "pk", None) else None,
        )
        att.file.save(f"{digest}{ext}", ContentFile(data), save=False)
        att.save()
        stored.append(att)
    return stored


def _BytesIO(data):  # noqa: N802 - small local alias keeps the import lazy
    from io import BytesIO

    return BytesIO(data)
