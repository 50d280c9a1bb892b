"""The offline pieces in the access matrix (grassroots.testing.access): the worker and the
manifest are public files; the reference data and the outbox page are for staff; the theme-day
record page follows the partyday detail page (``{pd_planned_in}`` from partyday's world part).

The two API creates are checked without an ``Idempotency-Key`` (the matrix sends no header):
the scope is checked first, so who may not see the theme day gets the same 404 as for a missing
one, and everyone else the 400 "key required" — nothing is written either way. Their 201 / 401 /
403 / 409 answers with a key are tested in ``test_endpoints.py`` and ``test_themeday_endpoint.py``.
The old addresses only redirect (308) there."""

from grassroots.testing.access import LOGIN, STAFF, Check, expect, only

IN_TREE = ("admin", "town_staff", "secretary")
NO_KEY = 400

ROUTES = {
    "offline/sw.js": Check("/offline/sw.js", expect(200)),
    "offline/manifest.webmanifest": Check("/offline/manifest.webmanifest", expect(200)),
    "offline/reference.json": Check("/offline/reference.json", only(STAFF, default=404)),
    "offline/outbox/": Check("/offline/outbox/", only(STAFF, default=404)),
    "offline/themedays/<int:pk>/": Check(
        "/offline/themedays/{pd_planned_in}/", only(IN_TREE, anonymous=LOGIN),
        only(("admin",), anonymous=LOGIN)),
    "offline/api/visits": Check("/offline/api/visits", expect(308), method="post", data={}),
    "offline/api/themedays/<int:pk>/record": Check(
        "/offline/api/themedays/{pd_planned_in}/record", expect(308),
        expect(308), method="post", data={}),
    "api:POST /offline/visits": Check(
        "/api/v1/offline/visits", only(STAFF, NO_KEY, anonymous=401), method="post",
        data={"notes": "x"}),
    "api:POST /offline/themedays/{int:day_id}/record": Check(
        "/api/v1/offline/themedays/{pd_planned_in}/record", only(IN_TREE, NO_KEY, anonymous=401),
        only(("admin",), NO_KEY, anonymous=401), method="post", data={"minutes": "x"}),
}
