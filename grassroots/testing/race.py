"""Calls started at the same instant from threads, each on its own connection: what a double
click or two people acting at once look like to the database (PostgreSQL row locks)."""

from __future__ import annotations

import threading

from django.db import connections

from grassroots.core.errors import ApplicationError


def race(*calls, refused=ApplicationError) -> list:
    """Run ``calls`` at once; each outcome is ``"ok"`` or the refusal's message (any other
    exception propagates as the outcome object, for the test to assert on)."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait()
            call()
            outcomes[i] = "ok"
        except refused as exc:
            outcomes[i] = exc.message
        except Exception as exc:  # noqa: BLE001 - handed to the test, which asserts on it
            outcomes[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes
