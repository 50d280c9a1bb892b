import os

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's async-safety check would
# refuse the ORM calls that live_server tests make around it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from grassroots.testing import fixtures, template_db
from grassroots.testing.county import build_small_county

# The in-memory SQLite test database is copied from a migrated template kept in var/test-db/
# instead of being migrated on every run by every worker (grassroots/testing/template_db.py).
template_db.install()


def pytest_collection_modifyitems(items):
    """Transactional tests (live-server pages among them) end with a flush that empties every
    table, the rows the data migrations seeded too (categories, the statutory calendar, rule sets,
    catalogues); the next test on that worker would find them gone. Serialized rollback puts them
    back at the start of each such test."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        kwargs = dict(marker.kwargs) if marker else {}
        transactional = bool(kwargs.get("transaction") or (marker and marker.args and marker.args[0])
                             or {"live_server", "transactional_db"} & set(item.fixturenames))
        if transactional:
            kwargs.update(transaction=True, serialized_rollback=True)
            item.add_marker(pytest.mark.django_db(**kwargs), append=False)


@pytest.fixture
def county(db):
    """A small county with one user per role (see grassroots/testing/county.py)."""
    return build_small_county()


@pytest.fixture
def categories(db):
    """A category tree root → water → pressure (grassroots/testing/fixtures.py)."""
    return fixtures.category_tree()


@pytest.fixture
def demand_defaults(categories):
    """The fields ``make_demand`` fills unless told: an app's conftest may override this."""
    return {"category": categories["pressure"]}


@pytest.fixture
def make_demand(county, demand_defaults):
    """``make_demand(actor=None, **fields)``: a received demand through the real service."""
    def make(**fields):
        return fixtures.make_demand(county, **{**demand_defaults, **fields})

    return make


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright (no browser download needed)."""
    playwright = pytest.importorskip("playwright.sync_api")
    executable = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not os.path.exists(executable):
        pytest.skip(f"Chromium not installed at {executable} (apt-get install chromium)")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=executable,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"],
        )
        yield b
        b.close()


@pytest.fixture(autouse=True)
def _browser_contexts_closed(request):
    """Close every browser context a test opened, and let the live server finish the requests in
    flight, before the transactional test's flush: a page left open (the phone app's service
    worker precaching pages, say) otherwise reads tables while TRUNCATE locks them, and PostgreSQL
    breaks the deadlock by failing the flush."""
    if "browser" not in request.fixturenames:
        yield
        return
    if "live_server" in request.fixturenames:
        # Set up the flushing fixture first so that this teardown runs before it.
        request.getfixturevalue("transactional_db")
    yield
    for context in list(request.getfixturevalue("browser").contexts):
        context.close()
    if "live_server" in request.fixturenames:
        httpd = getattr(request.getfixturevalue("live_server").thread, "httpd", None)
        for thread in list(getattr(httpd, "_threads", None) or ()):
            thread.join(timeout=10)


@pytest.fixture(autouse=True)
def _fresh_calendar_cache():
    """The work calendar caches years per process; tests that edit days must not leak them."""
    from grassroots.workcal.services import calendar_cache_clear

    calendar_cache_clear()
    yield
    calendar_cache_clear()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the cache; one test's hits must not throttle the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """A request in English (the test client keeps the last request's language active in the
    thread) must not turn the next test's messages English."""
    from django.conf import settings
    from django.utils import translation

    yield
    translation.activate(settings.LANGUAGE_CODE)
