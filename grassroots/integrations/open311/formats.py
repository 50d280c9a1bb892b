"""The GeoReport v2 answers: JSON as the spec shows it, XML with the spec's root and item
elements (UTF-8), and the spec's error list."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from django.http import HttpResponse
from django.utils import timezone

from grassroots.core.text import xml_safe


class Open311Error(Exception):
    """A refusal answered as the spec's error list with ``status``."""

    def __init__(self, status: int, description: str):
        super().__init__(description)
        self.status = status
        self.description = description


def iso(value) -> str:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else ""


def _xml_value(parent, key, value):
    el = ET.SubElement(parent, key)
    if isinstance(value, bool):
        el.text = "true" if value else "false"
    elif isinstance(value, list):
        child_tag = {"formats": "format", "endpoints": "endpoint", "attributes": "attribute",
                     "values": "value"}.get(key, "item")
        for item in value:
            _xml_item(el, child_tag, item)
    elif isinstance(value, dict):
        for k, v in value.items():
            _xml_value(el, k, v)
    elif value is not None:
        el.text = xml_safe(str(value))  # rows stored before intake cleaning
    return el


def _xml_item(parent, tag, item):
    if isinstance(item, dict):
        el = ET.SubElement(parent, tag)
        for k, v in item.items():
            _xml_value(el, k, v)
    else:
        _xml_value(parent, tag, item)


def render(data, fmt: str, *, root: str, item: str | None = None, status: int = 200):
    """JSON as the spec shows it; XML with the spec's root and item elements, UTF-8."""
    if fmt == "json":
        return HttpResponse(json.dumps(data, ensure_ascii=False), status=status,
                            content_type="application/json; charset=utf-8")
    el = ET.Element(root)
    if isinstance(data, list):
        for entry in data:
            _xml_item(el, item, entry)
    else:
        for k, v in data.items():
            _xml_value(el, k, v)
    body = '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(el, encoding="unicode")
    return HttpResponse(body.encode("utf-8"), status=status,
                        content_type="text/xml; charset=utf-8")


def error(fmt: str, status: int, description: str):
    return render([{"code": status, "description": description}], fmt, root="errors",
                  item="error", status=status)
