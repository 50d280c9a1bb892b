"""Step "places": the county, its towns/streets, communities, villages and grids."""

from __future__ import annotations

from grassroots.places.geometry import generated_map
from grassroots.places.models import Division, DivisionLevel, Grid

from ..data import jinxiang
from ..names import ordinal, village_names
from ..registry import SeedContext, batched

BATCH = 500


def allocate(total: int, weights: list[int]) -> list[int]:
    """Split ``total`` by ``weights`` with the largest-remainder method (exact for full scale)."""
    if not weights:
        return []
    if sum(weights) == 0:
        weights = [1] * len(weights)
    wsum = sum(weights)
    quotas = [total * w / wsum for w in weights]
    shares = [int(q) for q in quotas]
    by_remainder = sorted(range(len(weights)), key=lambda i: (-(quotas[i] - shares[i]), i))
    for i in by_remainder[: total - sum(shares)]:
        shares[i] += 1
    return shares


def _community_names(spec: jinxiang.TownSpec, count: int) -> list[str]:
    names = list(spec.community_names[:count])
    stem = spec.name.removesuffix("街道").removesuffix("镇")
    pool = [f"{stem}社区", *(f"{x}社区" for x in jinxiang.EXTRA_COMMUNITY_NAMES)]
    for candidate in pool:
        if len(names) >= count:
            break
        if candidate not in names:
            names.append(candidate)
    n = 1
    while len(names) < count:  # only for scales far beyond the real county
        names.append(f"{stem}第{ordinal(n)}社区")
        n += 1
    return names


def _store_outlines(towns: list[Division], grids: list[Grid]) -> None:
    """The demo county's map: generated outlines stored as if the county had loaded them (a real
    county replaces them with ``manage.py import_boundaries``)."""
    by_town: dict = {}
    for g in grids:
        by_town.setdefault(g.division.town_id, []).append(g.pk)
    town_shapes, grid_shapes = generated_map([t.pk for t in towns], by_town)
    for t in towns:
        t.boundary = town_shapes[t.pk]
    for g in grids:
        g.polygon = grid_shapes[g.pk]
    Division.objects.bulk_update(towns, ["boundary"], batch_size=BATCH)
    Grid.objects.bulk_update(grids, ["polygon"], batch_size=BATCH)


def build_places(ctx: SeedContext) -> dict[str, int]:
    if Division.objects.filter(code=jinxiang.COUNTY_CODE).exists():
        return {}
    scale = ctx.scale
    rng = ctx.rng("places")
    specs = jinxiang.TOWNS[: scale.towns]
    community_counts = allocate(scale.communities, [t.communities for t in specs])
    village_counts = allocate(scale.villages, [t.villages for t in specs])

    bar = ctx.bar(1 + len(specs) + scale.communities + scale.villages + scale.grids, "行政区划与网格")
    county = Division.objects.create(code=jinxiang.COUNTY_CODE, name=jinxiang.COUNTY_NAME,
                                     level=DivisionLevel.COUNTY)
    towns = Division.objects.bulk_create([
        Division(code=t.code, name=t.name, level=t.level, parent=county) for t in specs
    ])
    for town in towns:
        town.town_id = town.pk
    Division.objects.bulk_update(towns, ["town"])
    bar.update(1 + len(towns))

    locals_: list[Division] = []
    for spec, town, n_comm, n_vill in zip(specs, towns, community_counts, village_counts,
                                          strict=True):
        prefix = spec.code[:9]
        for i, name in enumerate(_community_names(spec, n_comm), start=1):
            locals_.append(Division(code=f"{prefix}{i:03d}", name=name,
                                    level=DivisionLevel.COMMUNITY, parent=town, town=town))
        seat = f"{spec.name.removesuffix('镇')}村" if spec.level == "town" else None
        for i, name in enumerate(village_names(rng, n_vill, first=seat), start=1):
            locals_.append(Division(code=f"{prefix}{200 + i:03d}", name=name,
                                    level=DivisionLevel.VILLAGE, parent=town, town=town))
    created: list[Division] = []
    for batch in batched(locals_, BATCH):
        created.extend(Division.objects.bulk_create(batch))
        bar.update(len(batch))

    # One grid per village or community; the extra grids go to communities (denser housing).
    grid_counts = {d.code: 1 for d in created}
    communities = [d for d in created if d.level == DivisionLevel.COMMUNITY] or created
    for k in range(scale.grids - len(created)):
        grid_counts[communities[k % len(communities)].code] += 1
    grids: list[Grid] = []
    for division in created:
        n = grid_counts[division.code]
        is_community = division.level == DivisionLevel.COMMUNITY
        for k in range(1, n + 1):
            name = f"{division.name}第{ordinal(k)}网格" if n > 1 else f"{division.name}网格"
            households = rng.randint(380, 960) if is_community else rng.randint(160, 620)
            grids.append(Grid(
                code=f"{division.code}{k:02d}", name=name, division=division,
                households=households, population=round(households * rng.uniform(2.7, 3.3)),
            ))
    created_grids: list[Grid] = []
    for batch in batched(grids, BATCH):
        created_grids.extend(Grid.objects.bulk_create(batch))
        bar.update(len(batch))
    _store_outlines(towns, created_grids)
    bar.close()
    return {
        "towns": len(towns),
        "communities": sum(1 for d in created if d.level == DivisionLevel.COMMUNITY),
        "villages": sum(1 for d in created if d.level == DivisionLevel.VILLAGE),
        "grids": len(grids),
    }
