"""S2's entries in the access matrix, one module per sub-area (collected here)."""

from ..development.tests.access import ROUTES as DEVELOPMENT_ROUTES

ROUTES = {**DEVELOPMENT_ROUTES}
