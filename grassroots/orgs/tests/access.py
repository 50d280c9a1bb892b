"""The orgs app's endpoints in the access matrix (audit/tests/test_access_matrix.py): the units
list, open to any signed-in caller and scoped by ``.restrict()``."""

from grassroots.testing.access import API_LIST, Check

ROUTES = {
    "api:GET /units": Check("/api/v1/units", API_LIST),
}
