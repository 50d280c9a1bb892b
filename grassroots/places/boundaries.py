"""The county map's outlines: loading the county's own GeoJSON, and the layers a map draws.

A county replaces the demo's generated outlines with its own (surveying office, 天地图 export …):
``manage.py import_boundaries county.geojson``. Each feature names what it outlines by
``properties.code`` — a 12-digit division code (town, street, village, community) or a grid
code. Every feature is checked first; if any is wrong nothing is written.

``map_layers`` gives the towns layer and the grids layer: a layer uses the stored outlines when
every shape in it has one, else the generated schematic (``places.geometry``) for the whole layer —
stored and generated coordinates never mix in one picture.
"""

from __future__ import annotations

from django.db import transaction

from grassroots.core.events import event_record
from grassroots.core.imports import ImportResult
from grassroots.core.policy import require

from .geometry import generated_map
from .models import TOWN_LEVELS, Division, Grid

GEOMETRY_TYPES = ("Polygon", "MultiPolygon")
MAX_FEATURES = 20000


def _geometry_ok(geometry) -> bool:
    if not isinstance(geometry, dict) or geometry.get("type") not in GEOMETRY_TYPES:
        return False
    coords = geometry.get("coordinates")
    polygons = [coords] if geometry["type"] == "Polygon" else coords
    if not isinstance(polygons, list) or not polygons:
        return False
    for polygon in polygons:
        if not isinstance(polygon, list) or not polygon:
            return False
        for ring in polygon:
            if not isinstance(ring, list) or len(ring) < 4:
                return False
            for pt in ring:
                if (not isinstance(pt, list | tuple) or len(pt) < 2
                        or not all(isinstance(c, int | float) and not isinstance(c, bool)
                                   for c in pt[:2])):
                    return False
    return True


def boundaries_import(*, actor, data) -> ImportResult:
    """Store the outlines of a GeoJSON FeatureCollection on the divisions and grids it names."""
    require(actor, "places.edit")
    result = ImportResult()
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        result.errors.append("文件应为 GeoJSON FeatureCollection。")
        return result
    features = data.get("features")
    if not isinstance(features, list) or not features:
        result.errors.append("文件中没有要素（features）。")
        return result
    if len(features) > MAX_FEATURES:
        result.errors.append(f"要素不能超过{MAX_FEATURES}个。")
        return result
    codes = [str(((f or {}).get("properties") or {}).get("code", "")).strip()
             if isinstance(f, dict) else "" for f in features]
    divisions = {d.code: d for d in Division.objects.filter(code__in=codes).only("pk", "code")}
    grids = {g.code: g for g in Grid.objects.filter(code__in=codes).only("pk", "code")}
    seen: dict[str, int] = {}
    for number, (feature, code) in enumerate(zip(features, codes, strict=True), start=1):
        where = f"第{number}个要素"
        if not code:
            result.errors.append(f"{where}：缺少 properties.code（区划代码或网格编码）。")
        elif code in seen:
            result.errors.append(f"{where}：编码{code}与第{seen[code]}个要素重复。")
        elif code not in divisions and code not in grids:
            result.errors.append(f"{where}：编码{code}不是已有的行政区划或网格。")
        if code and code not in seen:
            seen[code] = number
        if not _geometry_ok(feature.get("geometry") if isinstance(feature, dict) else None):
            result.errors.append(f"{where}：几何应为 Polygon 或 MultiPolygon。")
    if result.errors:
        return result
    with transaction.atomic():
        changed_divisions, changed_grids = [], []
        for feature, code in zip(features, codes, strict=True):
            # A grid code and a division code never collide (12 digits vs the grid's own code);
            # if they do, the division wins: its code is the statistical one.
            obj = divisions.get(code)
            if obj is not None:
                obj.boundary = feature["geometry"]
                changed_divisions.append(obj)
            else:
                obj = grids[code]
                obj.polygon = feature["geometry"]
                changed_grids.append(obj)
        Division.objects.bulk_update(changed_divisions, ["boundary"], batch_size=500)
        Grid.objects.bulk_update(changed_grids, ["polygon"], batch_size=500)
        result.created = {"divisions": len(changed_divisions), "grids": len(changed_grids)}
        event_record(subject=actor, actor=actor, action="boundaries_imported",
                     extra=result.created)
    return result


def _generated() -> tuple[dict, dict]:
    """The schematic of the whole county (all towns, all grids, whatever the reader's scope), so
    a town's shape is the same on every reader's map; only shapes, no figures."""
    town_ids = list(Division.objects.filter(level__in=TOWN_LEVELS).order_by("code")
                    .values_list("pk", flat=True))
    by_town: dict = {}
    for pk, town_id in Grid.objects.order_by("code").values_list("pk", "division__town_id"):
        by_town.setdefault(town_id, []).append(pk)
    return generated_map(town_ids, by_town)


def map_layers(grids: list[Grid], towns: list[Division]) -> dict:
    """The towns layer and the grids layer as GeoJSON FeatureCollections, with where each came
    from (``stored`` or ``generated``)."""
    towns_stored = all(t.boundary for t in towns)
    grids_stored = all(g.polygon for g in grids)
    gen_towns, gen_grids = ({}, {}) if towns_stored and grids_stored else _generated()

    def collection(items, stored, shape, generated):
        return {"type": "FeatureCollection", "features": [
            {"type": "Feature", "geometry": shape(o) if stored else generated[o.pk],
             "properties": {"name": o.code, "label": o.name}}
            for o in items if stored or o.pk in generated]}

    return {
        "towns": collection(towns, towns_stored, lambda t: t.boundary, gen_towns),
        "grids": collection(grids, grids_stored, lambda g: g.polygon, gen_grids),
        "source": {"towns": "stored" if towns_stored else "generated",
                   "grids": "stored" if grids_stored else "generated"},
    }


def map_towns(town_ids=None) -> list[Division]:
    """The towns and streets a map draws (all, or those given), in code order."""
    qs = Division.objects.filter(level__in=TOWN_LEVELS).only("pk", "code", "name", "boundary")
    if town_ids is not None:
        qs = qs.filter(pk__in=town_ids)
    return list(qs.order_by("code"))
