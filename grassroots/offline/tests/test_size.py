"""The app's shell and scripts stay small on a weak signal: under 150 KB compressed (issue #26),
counting what the service worker keeps at install (its SHELL list) and the worker itself."""

import gzip
import re

from django.contrib.staticfiles import finders

BUDGET = 150 * 1024


def test_shell_and_scripts_under_150_kb_gzipped():
    with open(finders.find("offline/sw.js"), "rb") as fh:
        worker = fh.read()
    shell = re.search(rb"var SHELL = \[(.*?)\];", worker, re.S).group(1)
    names = [n.decode().removeprefix("/static/") for n in re.findall(rb'"([^"]+)"', shell)]
    assert "offline/outbox.js" in names and "vendor/htmx/htmx.min.js" in names
    total = len(gzip.compress(worker, 9))
    for name in names:
        path = finders.find(name)
        assert path, name
        with open(path, "rb") as fh:
            total += len(gzip.compress(fh.read(), 9))
    assert total < BUDGET, f"{total} bytes gzipped"
