"""The production start refuses the development 12345 secret; a stored file missing on disk is
a 404 on the production stack, not a 500."""

import subprocess
import uuid

import pytest

from grassroots.integrations.services.signing import DEV_SECRET

from .conftest import db_url, psql
from .stack import BIN, ROOT, Gunicorn, browser_login, free_port, manage, prepare, production_env

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("value", [DEV_SECRET, None])
def test_gunicorn_refuses_to_start_with_the_development_12345_secret(value):
    env = production_env(db_url("postgres"))
    if value is None:
        del env["GRASSROOTS_CITY12345_SECRET"]
    else:
        env["GRASSROOTS_CITY12345_SECRET"] = value
    result = subprocess.run([str(BIN / "gunicorn"), "config.wsgi", "-b",
                             f"127.0.0.1:{free_port()}", "-w", "1"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    expected = ("GRASSROOTS_CITY12345_SECRET must be the random secret" if value
                else "Production needs the environment variable GRASSROOTS_CITY12345_SECRET")
    assert expected in result.stdout + result.stderr
    # The Celery worker does not start either.
    worker = subprocess.run([str(BIN / "celery"), "-A", "config", "inspect", "ping"], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=120)
    assert worker.returncode != 0 and expected in worker.stdout + worker.stderr


@pytest.fixture
def stack(postgres):
    name = f"grassroots_guard_{uuid.uuid4().hex[:8]}"
    psql(f'CREATE DATABASE "{name}"')
    env = production_env(db_url(name), redis_db=9, GRASSROOTS_REQUIRE_2FA="false")
    try:
        prepare(env)
        web = Gunicorn(env)
        yield env, web
        web.stop()
    finally:
        psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_missing_stored_file_is_a_404(stack):
    env, web = stack
    out = manage(env, "shell", "-c", """
import datetime
from django.core.files.base import ContentFile
from grassroots.gridwork.models.training import TrainingKind, TrainingMaterial, TrainingSession
s = TrainingSession.objects.create(title='培训', kind=TrainingKind.values[0],
                                   date=datetime.date(2026, 11, 2), place='会议室')
m = TrainingMaterial(session=s, original_name='a.pdf', content_type='application/pdf', size=3,
                     sha256='0' * 64, extension='.pdf')
m.file.save('a.pdf', ContentFile(b'pdf'), save=True)
m.file.storage.delete(m.file.name)
print('MATERIAL', m.pk)
""")
    pk = next(line.split()[1] for line in out.splitlines() if line.startswith("MATERIAL"))
    session, login = browser_login(web.url, "stack_admin", "Stack-Pass-2026!")
    assert login.status_code == 302, login.text[:500]
    response = session.get(f"{web.url}/grid/trainings/materials/{pk}/", timeout=15)
    assert response.status_code == 404
    assert "Traceback" not in web.log.read_text()
