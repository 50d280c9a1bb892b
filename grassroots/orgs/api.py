"""Reference data of organisations under /api/v1: the units a caller may see (and pick as
handling units)."""

from django.db.models import Q
from ninja import Router, Schema
from ninja.pagination import paginate

from grassroots.api.pagination import LIST_ERRORS, Pages

from .models import Organization

router = Router(tags=["reference"])


class UnitOut(Schema):
    id: int
    code: str
    name: str
    short_name: str
    kind: str
    is_handling_unit: bool


# The operation id is the one the endpoint had when it was served from demands/api.py:
# clients generated from the OpenAPI document keep their method names.
@router.get("/units", response={200: list[UnitOut], **LIST_ERRORS}, tags=["reference"],
            summary="组织机构（handling=true 仅承办单位）",
            operation_id="grassroots_demands_api_unit_list")
@paginate(Pages)
def unit_list(request, handling: bool | None = None, q: str | None = None):
    qs = Organization.objects.restrict(request.user).filter(is_active=True)
    if handling:
        qs = qs.filter(is_handling_unit=True)
    if q:
        qs = qs.filter(Q(name__icontains=q[:50]) | Q(short_name__icontains=q[:50]))
    return qs.order_by("code")
