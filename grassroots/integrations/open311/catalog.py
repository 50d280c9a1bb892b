"""The services a client may report (GeoReport "services"): the active level-3 categories, with
their attribute definitions (``Category.attributes``)."""

from __future__ import annotations

from grassroots.demands.models import Category


def services_qs():
    return Category.objects.filter(level=3, is_active=True).select_related("parent__parent")


def service_json(c: Category) -> dict:
    group = c.parent.parent.name if c.parent_id and c.parent.parent_id else (
        c.parent.name if c.parent_id else "")
    return {"service_code": c.code, "service_name": c.name, "description": c.path,
            "metadata": bool(c.attributes), "type": "realtime", "keywords": "",
            "group": group}


def attributes(c: Category) -> list[dict]:
    out = []
    for i, a in enumerate(c.attributes or [], start=1):
        if not isinstance(a, dict) or not a.get("code"):
            continue
        values = [{"key": str(v.get("key", "")), "name": str(v.get("name", v.get("key", "")))}
                  for v in (a.get("values") or []) if isinstance(v, dict)]
        datatype = a.get("datatype") or ("singlevaluelist" if values else "string")
        out.append({
            "variable": bool(a.get("variable", True)), "code": str(a["code"]),
            "datatype": datatype, "required": bool(a.get("required", False)),
            "datatype_description": a.get("datatype_description") or "",
            "order": int(a.get("order") or i),
            "description": a.get("description") or a.get("label") or str(a["code"]),
            "values": values,
        })
    return out
