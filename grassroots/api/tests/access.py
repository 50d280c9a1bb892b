"""Access of the API's own pages (the interactive docs) for the access matrix
(grassroots.testing.access); the operations are declared by the app that serves them."""

from grassroots.testing.access import PUBLIC, Check

ROUTES = {
    "api/v1/docs": Check("/api/v1/docs", PUBLIC),
    "api/v1/docs/assets/<str:name>": Check("/api/v1/docs/assets/swagger-ui.css", PUBLIC),
}
