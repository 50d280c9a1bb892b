"""The offline pieces in the access matrix (grassroots.testing.access): the worker and the
manifest are public files; the reference data and the outbox page are for staff; the theme-day
record page follows the partyday detail page (``{pd_planned_in}`` from partyday's world part).
The two create endpoints need an ``Idempotency-Key`` header the matrix does not send: their
401 / 403 / 404 / 409 answers are tested in ``test_endpoints.py`` and
``test_themeday_endpoint.py``."""

from grassroots.testing.access import LOGIN, STAFF, Check, Skip, expect, only

IN_TREE = ("admin", "town_staff", "secretary")

ROUTES = {
    "offline/sw.js": Check("/offline/sw.js", expect(200)),
    "offline/manifest.webmanifest": Check("/offline/manifest.webmanifest", expect(200)),
    "offline/reference.json": Check("/offline/reference.json", only(STAFF, default=404)),
    "offline/outbox/": Check("/offline/outbox/", only(STAFF, default=404)),
    "offline/themedays/<int:pk>/": Check(
        "/offline/themedays/{pd_planned_in}/", only(IN_TREE, anonymous=LOGIN),
        only(("admin",), anonymous=LOGIN)),
    "offline/api/visits": Skip("needs an Idempotency-Key header: test_endpoints.py"),
    "offline/api/themedays/<int:pk>/record": Skip(
        "needs an Idempotency-Key header: test_themeday_endpoint.py"),
}
