"""Reference data of the map under /api/v1: divisions and grids, each scoped to the caller
(``Division/Grid.objects.restrict()``)."""

from ninja import Router, Schema
from ninja.pagination import paginate

from grassroots.api.pagination import LIST_ERRORS, Pages
from grassroots.api.types import Id

from .models import Division, Grid

router = Router(tags=["reference"])


class DivisionOut(Schema):
    id: int
    code: str
    name: str
    level: str
    parent_id: int | None
    town_id: int | None


class GridOut(Schema):
    id: int
    code: str
    name: str
    division_id: int
    households: int
    population: int


# The operation ids are those the endpoints had when they were served from demands/api.py:
# clients generated from the OpenAPI document keep their method names.
@router.get("/divisions", response={200: list[DivisionOut], **LIST_ERRORS}, tags=["reference"],
            summary="行政区划", operation_id="grassroots_demands_api_division_list")
@paginate(Pages)
def division_list(request, level: str | None = None, parent: Id | None = None):
    qs = Division.objects.restrict(request.user)
    if level:
        qs = qs.filter(level=level[:12])
    if parent is not None:
        qs = qs.filter(parent_id=parent)
    return qs.order_by("code")


@router.get("/grids", response={200: list[GridOut], **LIST_ERRORS}, tags=["reference"],
            summary="网格", operation_id="grassroots_demands_api_grid_list")
@paginate(Pages)
def grid_list(request, division: Id | None = None):
    qs = Grid.objects.restrict(request.user)
    if division is not None:
        qs = qs.filter(division_id=division)
    return qs.order_by("code")
