"""Migrate the in-memory SQLite test database once, not once per test run and worker.

Every xdist worker of ``make test`` creates its own in-memory SQLite database and, unpatched,
runs all the migrations into it (about ten seconds of CPU each). ``install()`` (called by the
root conftest.py) wraps the SQLite ``create_test_db``: the first run migrates as usual and keeps
a copy of the migrated database in ``var/test-db/``; later runs copy that template into the
in-memory database with SQLite's backup API instead of migrating. The template's name carries
a hash of every installed app's migration files, Django's version and the installed apps, so a
new or edited migration builds a new template (and removes the old ones).

Only the in-memory SQLite test database of a plain run uses it: PostgreSQL, ``--reuse-db`` and
``--nomigrations`` go Django's own way, as does everything with
``GRASSROOTS_TEST_DB_TEMPLATE=0`` in the environment.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db.backends.sqlite3.creation import DatabaseCreation

_original = DatabaseCreation.create_test_db


def _migration_files() -> list[Path]:
    files = []
    for config in apps.get_app_configs():
        folder = Path(config.path) / "migrations"
        if folder.is_dir():
            files += sorted(folder.glob("*.py"))
    return files


def template_path() -> Path:
    """Where the migrated database of the current migrations is (or will be) kept."""
    digest = hashlib.sha256()
    digest.update(django.get_version().encode())
    digest.update("\n".join(settings.INSTALLED_APPS).encode())
    for path in _migration_files():
        digest.update(str(path).encode())
        digest.update(path.read_bytes())
    return Path(settings.VAR_DIR) / "test-db" / f"template-{digest.hexdigest()[:16]}.sqlite3"


def _save(connection, template: Path) -> None:
    """Copy the freshly migrated database to ``template`` (atomically: two workers may race)."""
    template.parent.mkdir(parents=True, exist_ok=True)
    partial = template.with_suffix(f".{os.getpid()}.part")
    target = sqlite3.connect(partial)
    try:
        connection.connection.backup(target)
    finally:
        target.close()
    os.replace(partial, template)
    for old in template.parent.glob("template-*.sqlite3"):
        if old != template:
            old.unlink(missing_ok=True)


def create_test_db(self, verbosity=1, autoclobber=False, serialize=True, keepdb=False):
    name = self._get_test_db_name()
    if (keepdb or not self.is_in_memory_db(name)
            or self.connection.settings_dict["TEST"].get("MIGRATE") is False
            or os.environ.get("GRASSROOTS_TEST_DB_TEMPLATE") == "0"):
        return _original(self, verbosity, autoclobber, serialize, keepdb)
    template = template_path()
    if not template.exists():
        created = _original(self, verbosity, autoclobber, serialize, keepdb)
        _save(self.connection, template)
        return created
    # Django's create_test_db with the migrations replaced by a copy of the template.
    self._create_test_db(verbosity, autoclobber, keepdb)
    self.connection.close()
    settings.DATABASES[self.connection.alias]["NAME"] = name
    self.connection.settings_dict["NAME"] = name
    self.connection.ensure_connection()
    source = sqlite3.connect(template)
    try:
        source.backup(self.connection.connection)
    finally:
        source.close()
    if serialize:
        self.connection._test_serialized_contents = self.serialize_db_to_string()
    call_command("createcachetable", database=self.connection.alias)
    return name


def install() -> None:
    DatabaseCreation.create_test_db = create_test_db
