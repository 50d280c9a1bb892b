"""Stored files and file downloads, one way for every app.

- ``StoredFile``: the abstract model every uploaded file's row inherits (demand attachments,
  visit photos, training materials …). A subclass names its folder and what it accepts::

      class VisitPhoto(StoredFile):
          upload_dir = "visits"
          upload_kinds = uploads.IMAGES
          upload_max_bytes = 10 * 1024 * 1024
          visit = models.ForeignKey(Visit, ...)

  ``VisitPhoto.accept(files, field="photos")`` checks every file first (``core.uploads``, by
  content, size and pixels), then inside the service's transaction
  ``VisitPhoto.store(upload, uploaded_by=actor, visit=visit)`` writes file and row.
- ``file_response(request, stored_file, inline=…)``: the download of a stored file, after the
  view fetched it through its scoped selector (the same 404 for missing and not yours).
- ``download_response(content, filename, content_type)``: the download of a generated file (an
  .xlsx export, a .docx or .pdf document).

Both set ``Content-Disposition`` the RFC 6266 way through Django (``filename*=utf-8''…`` for a
Chinese name, which a hand-written ``filename="…"`` header garbles) and ``nosniff``, so a
browser never second-guesses the type.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import models
from django.http import FileResponse, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import uploads

# The MIME types of the generated files apps offer for download (``download_response``).
MIME = {"xlsx": uploads.KINDS[uploads.XLSX][1], "docx": uploads.KINDS[uploads.DOCX][1],
        "pdf": uploads.KINDS[uploads.PDF][1]}


def stored_file_path(instance, filename) -> str:
    """Where a stored file goes: by its model's folder, month and content hash (the same photo
    uploaded twice is one file). Outside the web root: files are served by ``file_response``."""
    digest = instance.sha256
    return f"{instance.upload_dir}/{timezone.now():%Y/%m}/{digest[:2]}/{digest}{instance.extension}"


class StoredFile(models.Model):
    """An uploaded file and what was found out about it when it was accepted."""

    upload_dir = "files"
    upload_kinds = uploads.IMAGES
    upload_max_bytes = 10 * 1024 * 1024
    upload_max_count = 9

    file = models.FileField(gettext_lazy("文件"), upload_to=stored_file_path)
    original_name = models.CharField(gettext_lazy("原文件名"), max_length=200)
    content_type = models.CharField(gettext_lazy("文件类型"), max_length=100)
    size = models.PositiveIntegerField(gettext_lazy("大小（字节）"))
    sha256 = models.CharField(gettext_lazy("SHA-256"), max_length=64)
    extension = models.CharField(gettext_lazy("扩展名"), max_length=8)
    pixels = models.PositiveIntegerField(gettext_lazy("像素数"), null=True, blank=True,
                                         help_text=gettext_lazy("图片的宽×高；文档为空。"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=gettext_lazy("上传人"),
                                    null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    uploaded_at = models.DateTimeField(gettext_lazy("上传时间"), default=timezone.now)

    class Meta:
        abstract = True

    def __str__(self):
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")

    @property
    def download_name(self) -> str:
        """The original name, with the extension of what the file is when the name says
        otherwise (a photo sent as "照片" or "照片.jpeg" is served as such)."""
        stem, ext = os.path.splitext(self.original_name)
        kind = uploads.kind_of_extension(ext)
        if kind is not None and kind == uploads.kind_of_extension(self.extension):
            return self.original_name
        return f"{stem or 'file'}{self.extension}"

    @classmethod
    def accept(cls, files, *, field: str, existing: int = 0,
               too_many: str | None = None) -> list[uploads.Upload]:
        """Check ``files`` for this model (its kinds, size and count limits); nothing stored."""
        return uploads.uploads_accept(files, field=field, kinds=cls.upload_kinds,
                                      max_bytes=cls.upload_max_bytes,
                                      max_count=cls.upload_max_count, existing=existing,
                                      too_many=too_many)

    @classmethod
    def store(cls, upload: uploads.Upload, *, uploaded_by=None, original_name: str | None = None,
              **fields):
        """Write an accepted upload and its row (inside the caller's transaction)."""
        obj = cls(original_name=(original_name or upload.name)[:200],
                  content_type=upload.content_type, size=upload.size, sha256=upload.sha256,
                  extension=upload.extension, pixels=upload.pixels,
                  uploaded_by=uploaded_by if getattr(uploaded_by, "pk", None) else None, **fields)
        obj.file.save(f"{upload.sha256}{upload.extension}", ContentFile(upload.data), save=False)
        obj.save()
        return obj


def _protect(response):
    response["X-Content-Type-Options"] = "nosniff"
    return response


def file_response(request, stored_file: StoredFile, *, inline: bool,
                  filename: str | None = None):
    """Stream a stored file the view has fetched through its scoped selector. ``inline`` shows
    an image in the page; anything else is always a download (a document never opens on our
    origin). ``filename`` replaces the original name (an anonymous report's photos are served
    as "photo-N.jpg": "张三家门口.jpg" would name its author). A file missing from storage (a
    restored database, a lost volume) answers 404 with a page that says what to do, not a 500."""
    try:
        handle = stored_file.file.open("rb")
    except (FileNotFoundError, ValueError):  # ValueError: the row names no file at all
        return render(request, "404.html", {"message": _(
            "文件已不在服务器上，请联系平台管理员重新上传。")}, status=404)
    response = FileResponse(handle, as_attachment=not (inline and stored_file.is_image),
                            filename=filename or stored_file.download_name,
                            content_type=stored_file.content_type)
    response["Cache-Control"] = "private, max-age=3600"
    return _protect(response)


def download_response(content: bytes, filename: str, content_type: str) -> HttpResponse:
    """A generated file (an export, a document) as a download named ``filename``."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return _protect(response)
