"""The throw-away database of a benchmark: a SQLite file under var/bench/ or, with
``DATABASE_URL`` set, that PostgreSQL database (dropped and created again when fresh)."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def recreate_postgres(url: str) -> None:
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def setup_django(name: str, fresh: bool) -> None:
    """Point Django at the benchmark's database (``name`` names the SQLite file), set it up
    and migrate it."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ["DJANGO_DEBUG"] = "false"
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        var = ROOT / "var" / "bench"
        var.mkdir(parents=True, exist_ok=True)
        db = var / f"{name}.sqlite3"
        if fresh:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    elif fresh:
        recreate_postgres(url)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def insert_rows(table: str, cols: list[str], rows: list[list]) -> None:
    """Bulk-load ``rows`` into ``table`` (COPY on PostgreSQL, executemany on SQLite).

    Columns the loader does not name get their model field's default, so a column added to
    the model later (NOT NULL, no database default) does not break the bench's loader."""
    from django.apps import apps
    from django.db import connection, transaction

    if not rows:
        return
    model = next(m for m in apps.get_models() if m._meta.db_table == table)
    extra = [f for f in model._meta.concrete_fields
             if f.column not in cols and not f.primary_key and not f.null]
    if extra:
        fill = [f.get_db_prep_save(f.get_default(), connection) for f in extra]
        cols = [*cols, *(f.column for f in extra)]
        rows = [[*row, *fill] for row in rows]
    with transaction.atomic(), connection.cursor() as cur:
        if connection.vendor == "postgresql":
            with cur.cursor.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(cols))
            cur.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})", rows)


def timed_ms(fn, repeat: int) -> tuple[float, list[float]]:
    """Run ``fn`` ``repeat`` times: the median and every run, in milliseconds."""
    import statistics
    import time

    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - t) * 1000)
    return statistics.median(runs), runs
