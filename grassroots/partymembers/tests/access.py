"""Access of S2's pages and API for the access matrix: each sub-area declares its own."""

from ..development.tests.access import ROUTES as DEVELOPMENT_ROUTES
from ..disposal.tests.access import ROUTES as DISPOSAL_ROUTES
from ..points.tests.access import ROUTES as POINTS_ROUTES
from ..records.tests.access import ROUTES as RECORD_ROUTES

ROUTES = {**RECORD_ROUTES, **DEVELOPMENT_ROUTES, **POINTS_ROUTES, **DISPOSAL_ROUTES}
