"""Where a demand came from: a typed link (``Demand.origin_type`` / ``origin_id``) to the record
it was raised at — a grid secretary's visit, a special-topic meeting, later a theme party day or
a two-new organisation's activity.

The app that owns the record registers its kind from ``AppConfig.ready()``; demands know no app
above them:

    register_origin_kind(OriginKind(code="visit", label=_("走访"), model="gridwork.Visit",
                                    describe=lambda v: f"{v.date:%Y-%m-%d} {v.grid.name}",
                                    url_name="gridwork:visit_detail", select_related=("grid",)))

Pages and the API show the origin with ``origin_display(demand, user)``: the kind always, the
record's description and link only to a viewer whose scope covers the record (the same rule as
its own page: a record the viewer may not see is not named).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils.translation import gettext as _

from grassroots.core.errors import ApplicationError


@dataclass(frozen=True)
class OriginKind:
    code: str  # stored in Demand.origin_type
    label: str  # lazy translation: "走访"
    model: str  # "app_label.ModelName"
    describe: Callable[[object], str]
    url_name: str = ""  # a URL taking the record's pk; empty: no page to link to
    select_related: tuple[str, ...] = ()

    def get_model(self):
        return apps.get_model(self.model)


ORIGIN_KINDS: dict[str, OriginKind] = {}


def register_origin_kind(kind: OriginKind) -> None:
    known = ORIGIN_KINDS.get(kind.code)
    if known is not None and known != kind:
        raise ImproperlyConfigured(f"demand origin kind {kind.code!r} is registered twice")
    if len(kind.code) > 24:
        raise ImproperlyConfigured(f"demand origin kind {kind.code!r} is longer than 24 characters")
    kind.get_model()  # an unknown model fails at start-up
    ORIGIN_KINDS[kind.code] = kind


def origin_validate(origin) -> tuple[str, int] | None:
    """``origin`` as given to ``demand_create``: None, or (kind code, record id) of a record
    that exists. Refused with a message a person (or an integrator) can act on."""
    if origin is None:
        return None
    try:
        code, pk = origin
        pk = int(pk)
    except (TypeError, ValueError):
        raise ApplicationError(_("诉求来源应为（类型，编号）。"), field="origin") from None
    kind = ORIGIN_KINDS.get(code)
    if kind is None:
        raise ApplicationError(_("未知的诉求来源类型：%(code)s。") % {"code": code},
                               field="origin")
    if not kind.get_model()._default_manager.filter(pk=pk).exists():
        raise ApplicationError(_("诉求来源记录不存在：%(kind)s %(pk)s。")
                               % {"kind": kind.label, "pk": pk}, field="origin")
    return code, pk


def origin_display(demand, user) -> dict | None:
    """``{"type", "type_label", "id", "label", "url"}`` for pages and the API, or None when the
    demand records no origin. ``label`` and ``url`` stay empty for a viewer outside the
    record's scope (and for a record since deleted)."""
    if not demand.origin_type:
        return None
    kind = ORIGIN_KINDS.get(demand.origin_type)
    out = {"type": demand.origin_type, "type_label": str(kind.label) if kind else demand.origin_type,
           "id": demand.origin_id, "label": "", "url": ""}
    if kind is None or demand.origin_id is None:
        return out
    qs = kind.get_model()._default_manager.select_related(*kind.select_related)
    if hasattr(qs, "restrict"):
        qs = qs.restrict(user)
    record = qs.filter(pk=demand.origin_id).first()
    if record is not None:
        out["label"] = kind.describe(record)
        out["url"] = reverse(kind.url_name, args=[record.pk]) if kind.url_name else ""
    return out
