import os

import pytest

from grassroots.testing.county import build_small_county


@pytest.fixture
def county(db):
    """A small county with one user per role (see grassroots/testing/county.py)."""
    return build_small_county()


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
