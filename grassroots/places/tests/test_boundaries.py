"""The county map's outlines: the generated schematic tiles the county, the county's own
GeoJSON replaces it (all features or none, administrators only)."""

import pytest

from grassroots.core.errors import NotInScope
from grassroots.places.boundaries import boundaries_import, map_layers, map_towns
from grassroots.places.geometry import county_outline, generated_map
from grassroots.places.models import Grid


def _area(geometry) -> float:
    ring = geometry["coordinates"][0]
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False))) / 2


def _square(x, y, side=1.0):
    ring = [[x, y], [x + side, y], [x + side, y + side], [x, y + side], [x, y]]
    return {"type": "Polygon", "coordinates": [ring]}


def test_generated_towns_tile_the_county_and_grids_tile_their_town():
    towns = list(range(13))
    grids = {t: [f"{t}-{i}" for i in range(5 + 3 * t)] for t in towns}
    town_shapes, grid_shapes = generated_map(towns, grids)
    assert set(town_shapes) == set(towns)
    assert len(grid_shapes) == sum(len(v) for v in grids.values())
    # No gaps and no overlaps (to the rounding of the coordinates): the pieces' areas add up.
    outline = [list(p) for p in county_outline(len(towns))]
    county_area = _area({"coordinates": [outline + [outline[0]]]})
    assert sum(_area(s) for s in town_shapes.values()) == pytest.approx(county_area, rel=0.01)
    for t in towns:
        inner = sum(_area(grid_shapes[g]) for g in grids[t])
        assert inner == pytest.approx(_area(town_shapes[t]), rel=0.02), t
    # Irregular, like a map: not every town is the same rectangle.
    assert len({round(_area(s), 1) for s in town_shapes.values()}) > 3
    # Deterministic: the same county gives the same picture on every request.
    assert generated_map(towns, grids) == (town_shapes, grid_shapes)


@pytest.mark.django_db
def test_import_stores_the_county_outlines_and_the_map_uses_them(county):
    grids = list(Grid.objects.select_related("division").order_by("code"))
    towns = map_towns()
    assert map_layers(grids, towns)["source"] == {"towns": "generated", "grids": "generated"}
    features = [{"type": "Feature", "properties": {"code": o.code}, "geometry": _square(i, 0)}
                for i, o in enumerate([*towns, *grids])]
    result = boundaries_import(actor=county.admin,
                               data={"type": "FeatureCollection", "features": features})
    assert result.ok and result.created == {"divisions": 2, "grids": 2}
    grids = list(Grid.objects.select_related("division").order_by("code"))
    layers = map_layers(grids, map_towns())
    assert layers["source"] == {"towns": "stored", "grids": "stored"}
    assert [f["properties"]["label"] for f in layers["towns"]["features"]] == ["金乡街道", "胡集镇"]
    assert layers["grids"]["features"][0]["geometry"] == _square(2, 0)


@pytest.mark.django_db
def test_import_is_all_or_none_and_for_administrators(county):
    good = {"type": "Feature", "properties": {"code": county.town_a.code},
            "geometry": _square(0, 0)}
    bad = [good,
           {"type": "Feature", "properties": {"code": "999999999999"}, "geometry": _square(1, 0)},
           {"type": "Feature", "properties": {"code": county.grid_a.code},
            "geometry": {"type": "Point", "coordinates": [1, 2]}}]
    result = boundaries_import(actor=county.admin,
                               data={"type": "FeatureCollection", "features": bad})
    assert result.errors == ["第2个要素：编码999999999999不是已有的行政区划或网格。",
                             "第3个要素：几何应为 Polygon 或 MultiPolygon。"]
    county.town_a.refresh_from_db()
    assert county.town_a.boundary is None
    with pytest.raises(NotInScope):
        boundaries_import(actor=county.supervisor,
                          data={"type": "FeatureCollection", "features": [good]})
    county.town_a.refresh_from_db()
    assert county.town_a.boundary is None
