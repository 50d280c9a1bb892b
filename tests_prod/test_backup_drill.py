"""Backup drill: back up a live database and the uploads with tools/backup.sh, restore them into a
fresh database and directory with tools/restore.sh, and compare every table's row count and
checksum and every file's hash — 0 rows lost, 0 bytes changed."""

import hashlib
import subprocess
import uuid
from pathlib import Path

import pytest
from django.db import connection

from .conftest import ROOT, clean_env, db_url, psql

pytestmark = pytest.mark.slow


def table_fingerprints(dbname: str) -> dict[str, tuple[int, str]]:
    tables = psql("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
                  dbname).split()
    out = {}
    for table in tables:
        row = psql(f'SELECT count(*), coalesce(md5(string_agg(t::text, \'|\' ORDER BY t::text)), '
                   f'\'\') FROM "{table}" t', dbname).strip()
        count, digest = row.split("|")
        out[table] = (int(count), digest)
    return out


def file_hashes(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def live_data(postgres, transactional_db, county, tmp_path):
    """Committed rows in many tables (county, demands, events, audit) and some uploads."""
    from grassroots.audit.services import audit_record
    from grassroots.demands.models import Category
    from grassroots.demands.services import demand_create, demand_dispatch

    category = Category.objects.create(name="供水（演练）", code="BK01", level=1)
    for i in range(20):
        demand = demand_create(actor=county.dispatcher, channel="phone", type="help",
                               title=f"演练诉求{i}", text="备份演练：小区水压低。" * 3,
                               category=category, division=county.village_a,
                               citizen_phone=f"1391234{i:04d}", citizen_name=f"演练{i}")
        if i % 2:
            demand_dispatch(actor=county.dispatcher, demand=demand, lead_unit=county.water)
        audit_record(category="pii", action="reveal_phone", actor=county.dispatcher,
                     target=demand.citizen, reason="演练")
    media = tmp_path / "media"
    (media / "attachments" / "2026").mkdir(parents=True)
    for i in range(5):
        (media / "attachments" / "2026" / f"photo{i}.jpg").write_bytes(uuid.uuid4().bytes * 500)
    return media


def test_backup_and_restore_lose_nothing(live_data, tmp_path):
    source = connection.settings_dict["NAME"]
    target = f"grassroots_restore_{uuid.uuid4().hex[:8]}"
    backups = tmp_path / "backups"
    backups.mkdir()
    result = subprocess.run([str(ROOT / "tools" / "backup.sh"), str(backups)], check=True,
                            capture_output=True, text=True,
                            env=clean_env(DATABASE_URL=db_url(source),
                                          GRASSROOTS_MEDIA_ROOT=str(live_data)))
    backup_dir = Path(result.stdout.strip().splitlines()[-1])
    assert (backup_dir / "db.dump").stat().st_size > 0
    psql(f"CREATE DATABASE {target}")
    try:
        restored_media = tmp_path / "restored-media"
        subprocess.run([str(ROOT / "tools" / "restore.sh"), str(backup_dir)], check=True,
                       capture_output=True, text=True,
                       env=clean_env(DATABASE_URL=db_url(target),
                                     GRASSROOTS_MEDIA_ROOT=str(restored_media)))
        before, after = table_fingerprints(source), table_fingerprints(target)
        assert before["demands_demand"][0] == 20 and before["audit_auditlog"][0] >= 20
        assert set(after) == set(before)
        lost = {t: (before[t], after[t]) for t in before if before[t] != after[t]}
        assert lost == {}, f"tables differ after restore: {lost}"
        assert file_hashes(restored_media) == file_hashes(live_data)
        # The restored audit log is still append-only.
        trigger = psql("SELECT count(*) FROM pg_trigger WHERE tgname = 'audit_auditlog_append_only'",
                       target)
        assert trigger.strip() == "1"
        # A second restore into the now non-empty database is refused.
        again = subprocess.run([str(ROOT / "tools" / "restore.sh"), str(backup_dir)],
                               capture_output=True, text=True,
                               env=clean_env(DATABASE_URL=db_url(target),
                                             GRASSROOTS_MEDIA_ROOT=str(tmp_path / "m2")))
        assert again.returncode == 3 and "fresh database" in again.stderr
    finally:
        psql(f"DROP DATABASE IF EXISTS {target} WITH (FORCE)")


def test_a_corrupted_backup_is_refused(live_data, tmp_path):
    source = connection.settings_dict["NAME"]
    result = subprocess.run([str(ROOT / "tools" / "backup.sh"), str(tmp_path)], check=True,
                            capture_output=True, text=True,
                            env=clean_env(DATABASE_URL=db_url(source),
                                          GRASSROOTS_MEDIA_ROOT=str(live_data)))
    backup_dir = Path(result.stdout.strip().splitlines()[-1])
    with (backup_dir / "db.dump").open("r+b") as f:
        f.seek(100)
        f.write(b"\x00\x00\x00\x00")
    bad = subprocess.run([str(ROOT / "tools" / "restore.sh"), str(backup_dir)],
                         capture_output=True, text=True,
                         env=clean_env(DATABASE_URL=db_url("postgres"),
                                       GRASSROOTS_MEDIA_ROOT=str(tmp_path / "m")))
    assert bad.returncode == 2 and "checksum mismatch" in bad.stderr
