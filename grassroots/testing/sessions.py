"""Moving the clocks the session machinery reads, for idle-timeout tests."""

import contextlib
from unittest import mock


@contextlib.contextmanager
def session_clock_at(moment):
    """Every clock the session machinery reads, moved to ``moment``."""
    with mock.patch("django.contrib.sessions.backends.db.timezone.now", return_value=moment), \
            mock.patch("django.contrib.sessions.backends.base.timezone.now",
                       return_value=moment), \
            mock.patch("django.utils.timezone.now", return_value=moment):
        yield
