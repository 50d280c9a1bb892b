"""Access of the core pages (home, notifications) for the access matrix
(grassroots.testing.access)."""

from grassroots.testing.access import LOGGED_IN, LOGIN, Check, Skip, expect

ROUTES = {
    "i18n/setlang/": Skip("POST-only language switch, no data"),
    "": Check("/", LOGGED_IN),
    "notifications/": Check("/notifications/", LOGGED_IN),
    # Only the recipient's own notification opens; any other id is the same 404.
    "notifications/<int:pk>/open/": Check("/notifications/999999/open/",
                                          expect(404, anonymous=LOGIN)),
    # Marks only the caller's own notifications read: no event row, nothing to trace.
    "notifications/read-all/": Check("/notifications/read-all/", expect(302), method="post",
                                     writes=()),
    "favicon.ico": Check("/favicon.ico", expect(301)),  # to the static icon, for everyone
}
