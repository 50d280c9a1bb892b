"""The places app's endpoints in the access matrix (audit/tests/test_access_matrix.py): the map's
reference lists, open to any signed-in caller and scoped by ``.restrict()``."""

from grassroots.testing.access import API_LIST, Check

ROUTES = {
    "api:GET /divisions": Check("/api/v1/divisions", API_LIST),
    "api:GET /grids": Check("/api/v1/grids", API_LIST),
}
