"""Access of the working calendar's pages and API for the access matrix
(grassroots.testing.access)."""

from grassroots.testing.access import API_LIST, LOGIN, Check, expect, only

ROUTES = {
    "calendar/": Check("/calendar/", expect(403, anonymous=LOGIN, admin=200)),
    "calendar/year-complete/": [
        Check("/calendar/year-complete/", expect(405, anonymous=LOGIN)),
        Check("/calendar/year-complete/", only(("admin",), 302, default=403, citizen=403),
              method="post", data={"year": "2031", "complete": "on"}, writes=("admin",)),
    ],
    "api:GET /calendar/deadline": Check(
        "/api/v1/calendar/deadline?start=2025-03-07T09:00:00%2B08:00&working_hours=8",
        API_LIST),
}
