"""Helpers for the page tests (test_views_*.py, test_browser.py)."""

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from grassroots.core.models import Event

HTMX = {"HTTP_HX_REQUEST": "true"}


def photo(name="photo.png", colour=(200, 30, 30)) -> SimpleUploadedFile:
    buf = BytesIO()
    Image.new("RGB", (8, 8), colour).save(buf, format="PNG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/png")


def events_of(obj, action=None):
    from django.contrib.contenttypes.models import ContentType

    qs = Event.objects.filter(content_type=ContentType.objects.get_for_model(obj),
                              object_id=obj.pk)
    return qs.filter(action=action) if action else qs


def html(response) -> str:
    return response.content.decode()
