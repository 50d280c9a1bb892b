import io

import pytest
from PIL import Image

from grassroots.core.scope import Role
from grassroots.testing.factories import make_member, make_secretary


@pytest.fixture
def gw(county):
    """The small county plus an organisation-department user and a secretary of grid_b."""
    county.org_dept = make_member(username="t_orgdept", organization=county.dispatch_centre.parent,
                                  role=Role.ORGANIZATION_DEPT, name="组织部干部")
    county.secretary_b = make_secretary(username="t_secretary_b", grid=county.grid_b)
    return county


@pytest.fixture
def png():
    def make(name="photo.png"):
        buf = io.BytesIO()
        Image.new("RGB", (4, 4), (200, 10, 10)).save(buf, "PNG")
        f = io.BytesIO(buf.getvalue())
        f.name = name
        f.size = len(buf.getvalue())
        return f

    return make


