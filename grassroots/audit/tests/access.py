"""Access of the accounts and security-audit pages for the access matrix
(grassroots.testing.access), and the security auditor's role."""

from grassroots.testing.access import LOGGED_IN, LOGIN, Check, expect, register_role
from grassroots.testing.fixtures import make_auditor

# The security auditor (等保 安全审计员) is not in the base county: a role this app adds.
register_role("auditor", make_auditor)

ROUTES = {
    "login/": Check("/login/", expect(302, anonymous=200)),
    "logout/": Check("/logout/", expect(405)),  # POST only
    "password/": Check("/password/", LOGGED_IN),
    "audit/": Check("/audit/", expect(403, anonymous=LOGIN, auditor=200)),
    "audit/export.xlsx": Check("/audit/export.xlsx", expect(403, anonymous=LOGIN, auditor=200)),
    # {person} is the citizen of the demand `{demand_in}` (grassroots.demands.tests.access).
    "pii/<int:person_pk>/<slug:field>/": Check("/pii/{person}/phone/", expect(
        404, anonymous=LOGIN, admin=200, supervisor=200, dispatcher=200, handler=200,
        leader=200)),
    # The masked value follows the scope of the person's records (the demand's readers);
    # anyone else, ids being enumerable, gets the 404 of a missing person.
    "pii/<int:person_pk>/<slug:field>/masked/": Check("/pii/{person}/phone/masked/", expect(
        404, anonymous=LOGIN, admin=200, supervisor=200, dispatcher=200, handler=200,
        leader=200, viewer=200, town_staff=200)),
    "account/2fa/": Check("/account/2fa/", LOGGED_IN),
    "healthz": Check("/healthz", expect(200)),
    # The admin site's login behind the login rate limit (config/urls.py).
    "admin/login/": Check("/admin/login/", expect(200, admin=302)),
}
