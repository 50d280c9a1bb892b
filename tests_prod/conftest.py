"""Production reliability tests: real PostgreSQL, Redis, Celery workers and gunicorn.

Run as root on a machine with the services up (CI: see .ci/run), on PostgreSQL:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/grassroots_prod .venv/bin/python -m pytest tests_prod -m slow
"""

import os
import subprocess
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]
PY = str(ROOT / ".venv" / "bin" / "python")


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: needs real services (PostgreSQL, Redis, workers)")


@pytest.fixture
def postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...)")
    return connection


def db_url(name: str) -> str:
    s = connection.settings_dict
    user = s.get("USER") or "postgres"
    host = s.get("HOST") or "127.0.0.1"
    port = s.get("PORT") or 5432
    return f"postgres://{user}@{host}:{port}/{name}"


def psql(sql: str, db: str = "postgres") -> str:
    return subprocess.run(["psql", db_url(db), "-Atqc", sql], check=True, capture_output=True,
                          text=True).stdout


def clean_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update(extra)
    return env


def pytest_collection_modifyitems(config, items):
    """These tests start services and take a minute: only with `-m slow` (see .ci/run)."""
    if "slow" in (config.option.markexpr or ""):
        return
    skip = pytest.mark.skip(reason="production reliability test: run with -m slow")
    for item in items:
        if item.get_closest_marker("slow"):
            item.add_marker(skip)
