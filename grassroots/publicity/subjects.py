"""What may be published about each subject type, and what its app does when an objection to
one of the published entries is upheld.

An app registers its subject types from its ``AppConfig.ready()`` (a lower app cannot import a
higher one; the higher app registers)::

    register_subject("gridwork.pioneerround", labels=[...], pii=..., on_upheld=...)

``labels``: the whitelist of field labels a publicity of that subject may show. ``pii(subject)``
returns the subject's personal strings (ID numbers, addresses, phones) that must never appear in
a published value. ``on_upheld(objection, actor)`` runs in the closing transaction.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from grassroots.core.errors import ApplicationError


@dataclass(frozen=True)
class SubjectType:
    model_label: str  # "app_label.modelname", lower case
    labels: tuple[str, ...]
    pii: Callable | None = None
    on_upheld: Callable | None = None
    url_name: str = ""  # the subject's officer page (reverse(url_name, args=[pk]))
    extra: dict = field(default_factory=dict)


_SUBJECTS: dict[str, SubjectType] = {}


def register_subject(model_label: str, *, labels: Iterable, pii: Callable | None = None,
                     on_upheld: Callable | None = None, url_name: str = "") -> None:
    model_label = model_label.lower()
    _SUBJECTS[model_label] = SubjectType(model_label, tuple(str(x) for x in labels), pii,
                                         on_upheld, url_name)


def subject_type(obj_or_label) -> SubjectType | None:
    if isinstance(obj_or_label, str):
        return _SUBJECTS.get(obj_or_label.lower())
    meta = obj_or_label._meta
    return _SUBJECTS.get(f"{meta.app_label}.{meta.model_name}")


# Values that are personal data whatever the subject: an 18-digit ID number, a mobile or a
# landline number, a street address (road/street/lane + number, or village group + number).
ID_NUMBER = re.compile(r"(?<![0-9])[1-9][0-9]{5}(?:19|20)[0-9]{2}[01][0-9][0-3][0-9][0-9]{3}"
                       r"[0-9Xx](?![0-9])")
PHONE = re.compile(r"(?<![0-9])(?:1[3-9][0-9](?:[\s\-]?[0-9]){8}|0[0-9]{2,3}[\s\-]?[0-9]{7,8})"
                   r"(?![0-9])")
ADDRESS = re.compile(r"[路街巷道弄](?:[0-9０-９一二三四五六七八九十百]+)号|"
                     r"[0-9０-９一二三四五六七八九十]+组[0-9０-９一二三四五六七八九十]+号|"
                     r"[0-9０-９]+(?:号楼|单元|室)")


def clean_published_fields(subject, entries) -> list[dict]:
    """The published entries as stored, or ``ApplicationError`` naming the first bad one.

    ``entries``: an iterable of ``{"label", "value"}`` (optionally ``"key"``, the published
    item an objection may name) or a ``{label: value}`` dict."""
    from grassroots.core.text import clean_text

    kind = subject_type(subject)
    if kind is None:
        raise ApplicationError(_("该类对象不能公示。"), field="subject")
    if isinstance(entries, dict):
        entries = [{"label": k, "value": v} for k, v in entries.items()]
    personal = [p for p in (kind.pii(subject) if kind.pii else []) if p and len(str(p)) >= 4]
    cleaned = []
    for entry in entries or []:
        label = clean_text(entry.get("label", ""))
        value = clean_text(entry.get("value", ""))[:200]
        if label not in kind.labels:
            raise ApplicationError(
                _("“%(label)s”不在可公示的内容之列（可公示：%(allowed)s）。")
                % {"label": label, "allowed": "、".join(kind.labels)}, field="published_fields")
        if not value:
            raise ApplicationError(_("请填写“%(label)s”。") % {"label": label},
                                   field="published_fields")
        compact = re.sub(r"\s", "", value)
        if ID_NUMBER.search(compact) or any(str(p) in value for p in personal
                                             if len(str(p)) >= 15):
            raise ApplicationError(_("公示内容不得包含身份证号码（“%(label)s”）。")
                                   % {"label": label}, field="published_fields")
        if PHONE.search(value):
            raise ApplicationError(_("公示内容不得包含公示对象的电话号码（“%(label)s”）。")
                                   % {"label": label}, field="published_fields")
        if ADDRESS.search(value) or any(str(p) in value for p in personal):
            raise ApplicationError(_("公示内容不得包含公示对象的住址等个人信息（“%(label)s”）。")
                                   % {"label": label}, field="published_fields")
        cleaned.append({"key": str(entry.get("key", ""))[:40], "label": label, "value": value})
    if not cleaned:
        raise ApplicationError(_("请至少填写一项公示内容。"), field="published_fields")
    return cleaned
