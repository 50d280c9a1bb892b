"""A generated schematic county map: towns as irregular cells that tile the county, each town's
grids as cells that tile the town. Used where the county has not loaded its own boundaries
(``places.boundaries``) — the demo's map, and any layer with a division or grid missing.

Cells are cut from a unit square under one smooth deformation, then placed in their parent by a
Coons patch over the parent's outline, so neighbours follow the same curve and the children's
outer edges lie on the parent's edge: the result reads as a map, not as loose tiles.
Deterministic: the same keys give the same shapes on every request. Plain coordinates (no
projection, nothing downloaded).
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence

WIDTH = 100.0  # the county's width in map units; the height follows the row count
JITTER = 0.18  # how far an inner vertex may move, as a share of a cell
SAMPLES = 4  # points per cell edge: enough to look drawn, few enough for a light page


def _noise(*key) -> float:
    """A stable pseudo-random number in [-1, 1] for a key (no global random state)."""
    digest = hashlib.blake2b(repr(key).encode(), digest_size=4).digest()
    return int.from_bytes(digest, "big") / 0xFFFFFFFF * 2.0 - 1.0


def _layout(n: int) -> list[int]:
    """Cells per row for ``n`` cells: near-square rows, the short row in the middle."""
    rows = max(1, round(math.sqrt(n * 0.8)))
    base, extra = divmod(n, rows)
    counts = [base + (1 if i < extra else 0) for i in range(rows)]
    return sorted(counts, key=lambda c: abs(c - base - 0.5))[::-1] if rows > 2 else counts


def _tile(n: int, salt: str) -> list[tuple[float, float, float, float]]:
    """``n`` cells in the unit square as (u0, u1, v0, v1) rectangles, row by row."""
    cells = []
    counts = _layout(n)
    for r, count in enumerate(counts):
        v0, v1 = r / len(counts), (r + 1) / len(counts)
        for c in range(count):
            cells.append((c / count, (c + 1) / count, v0, v1))
    return cells[:n]


def _warp(u: float, v: float, salt: str) -> tuple[float, float]:
    """A smooth deformation of the unit square that keeps its border: every cell edge follows
    the same curve for the cells on both sides of it, so neighbours still meet."""
    su, sv = math.sin(math.pi * u), math.sin(math.pi * v)
    du = dv = 0.0
    for k in (1, 2, 3):
        pu, pv = _noise(salt, "u", k) * math.pi, _noise(salt, "v", k) * math.pi
        du += math.sin(k * 2.3 * v * math.pi + pu) * math.sin(k * 1.7 * u * math.pi + pv) / k
        dv += math.sin(k * 2.1 * u * math.pi + pv) * math.sin(k * 1.9 * v * math.pi + pu) / k
    return u + JITTER * su * sv * du / 2, v + JITTER * su * sv * dv / 2


def _ring(cell, salt: str) -> list[tuple[float, float]]:
    """The cell's outline in the unit square, each edge sampled at a few shared points."""
    u0, u1, v0, v1 = cell
    pts = []
    for i in range(SAMPLES):
        pts.append((u0 + (u1 - u0) * i / SAMPLES, v0))
    for i in range(SAMPLES):
        pts.append((u1, v0 + (v1 - v0) * i / SAMPLES))
    for i in range(SAMPLES):
        pts.append((u1 - (u1 - u0) * i / SAMPLES, v1))
    for i in range(SAMPLES):
        pts.append((u0, v1 - (v1 - v0) * i / SAMPLES))
    return [_warp(u, v, salt) for u, v in pts]


class _Quad:
    """A parent cell: a closed ring in map coordinates, seen as a unit square (bilinear map of
    its four sides) so children can be cut out of it."""

    def __init__(self, ring: list[tuple[float, float]]):
        self.ring = ring
        self.side = len(ring) // 4

    def _edge(self, k: int, t: float) -> tuple[float, float]:
        pts = self.ring[k * self.side:(k + 1) * self.side] + [self.ring[((k + 1) * self.side)
                                                                        % len(self.ring)]]
        x = t * (len(pts) - 1)
        i = min(int(x), len(pts) - 2)
        f = x - i
        return (pts[i][0] + (pts[i + 1][0] - pts[i][0]) * f,
                pts[i][1] + (pts[i + 1][1] - pts[i][1]) * f)

    def point(self, u: float, v: float) -> tuple[float, float]:
        # Coons patch over the four sides: the children's outer points lie on the parent's edge.
        bottom, top = self._edge(0, u), self._edge(2, 1 - u)
        left, right = self._edge(3, 1 - v), self._edge(1, v)
        c00, c10, c11, c01 = self.ring[0], self.ring[self.side], self.ring[2 * self.side], \
            self.ring[3 * self.side]
        out = []
        for d in (0, 1):
            out.append((1 - v) * bottom[d] + v * top[d] + (1 - u) * left[d] + u * right[d]
                       - ((1 - u) * (1 - v) * c00[d] + u * (1 - v) * c10[d]
                          + u * v * c11[d] + (1 - u) * v * c01[d]))
        return out[0], out[1]


def _outline(width: float, height: float, side: int = 16) -> list[tuple[float, float]]:
    """The county's outer border: a rectangle whose sides wander in and out a little (corners
    kept), sampled ``side`` points per side — the first point of each side is a corner."""
    pts = []
    corners = [(0.0, 0.0), (width, 0.0), (width, -height), (0.0, -height)]
    for k in range(4):
        (x0, y0), (x1, y1) = corners[k], corners[(k + 1) % 4]
        nx, ny = (y1 - y0), -(x1 - x0)  # outward normal (unnormalised)
        norm = math.hypot(nx, ny)
        for i in range(side):
            t = i / side
            wave = sum(math.sin((j + 1) * math.pi * t + _noise("outline", k, j) * math.pi)
                       * _noise("amp", k, j) / (j + 1) for j in range(3))
            off = 0.05 * min(width, height) * math.sin(math.pi * t) * wave
            pts.append((x0 + (x1 - x0) * t + nx / norm * off, y0 + (y1 - y0) * t + ny / norm * off))
    return pts


def county_outline(n_towns: int) -> list[tuple[float, float]]:
    """The generated county's outer border for ``n_towns`` towns (wider than high, like the
    rows of towns inside it)."""
    counts = _layout(n_towns) if n_towns else []
    return _outline(WIDTH, WIDTH * len(counts) / max(counts or [1]) * 0.9)


def _polygon(ring: list[tuple[float, float]]) -> dict:
    coords = [[round(x, 3), round(y, 3)] for x, y in ring]
    return {"type": "Polygon", "coordinates": [coords + [coords[0]]]}


def generated_map(towns: Sequence, grids_by_town: dict) -> tuple[dict, dict]:
    """Town outlines and grid outlines, as GeoJSON geometries keyed by the keys given.

    ``towns`` lists the town keys in map order; ``grids_by_town`` maps a town key to its grid
    keys in order. Returns (``{town: geometry}``, ``{grid: geometry}``).
    """
    towns = list(towns)
    county = _Quad(county_outline(len(towns)))
    town_shapes: dict = {}
    grid_shapes: dict = {}
    for key, cell in zip(towns, _tile(len(towns), "county"), strict=False):
        ring = [county.point(u, v) for u, v in _ring(cell, "county")]
        town_shapes[key] = _polygon(ring)
        members = list(grids_by_town.get(key, []))
        if not members:
            continue
        quad = _Quad(ring)
        salt = f"town-{key}"
        for g, sub in zip(members, _tile(len(members), salt), strict=False):
            grid_shapes[g] = _polygon([quad.point(u, v) for u, v in _ring(sub, salt)])
    return town_shapes, grid_shapes
