"""Start the production web stack (gunicorn + production settings) against a given database,
for the reliability tests and bench/bench_load.py."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def production_env(database_url: str, *, redis_db: int = 12, **extra) -> dict:
    work = Path(tempfile.mkdtemp(prefix="grassroots-stack-"))
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("DJANGO_", "DATABASE_", "GRASSROOTS_", "REDIS_", "CELERY_",
                                "PYTEST"))}
    env.update({
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
        "GRASSROOTS_FIELD_KEY": secrets.token_urlsafe(40),
        "GRASSROOTS_CITY12345_SECRET": secrets.token_urlsafe(40),
        "GRASSROOTS_CITY12345_CALLBACK_URL": "http://127.0.0.1:8765/callback",
        # No gateway runs here: codes fail cleanly ("短信发送失败"), and check --deploy is clean.
        "GRASSROOTS_SMS_GATEWAY_URL": "http://127.0.0.1:9/sms",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "false", "DJANGO_SECURE_COOKIES": "false",
        "DATABASE_URL": database_url, "DATABASE_CONNECT_TIMEOUT": "2",
        "REDIS_URL": f"redis://127.0.0.1:6379/{redis_db}",
        "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": "2525", "DEFAULT_FROM_EMAIL": "stack@localhost",
        "GRASSROOTS_MEDIA_ROOT": str(work / "media"), "GRASSROOTS_STATIC_ROOT": str(work / "static"),
        "GRASSROOTS_VAR_DIR": str(work / "var"), "LOG_LEVEL": "WARNING",
        "GRASSROOTS_API_RATE_LIMIT": "100000/min",
        "GRASSROOTS_RATE_CITIZEN_SUBMIT": "100000/min",
    })
    env.update(extra)
    return env


def manage(env, *args, check=True) -> str:
    result = subprocess.run([str(BIN / "python"), "manage.py", *args], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=600)
    if check and result.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def prepare(env) -> dict:
    """Migrate, collect static files, create an administrator with a write token and a
    citizen; return what the callers need."""
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    out = manage(env, "shell", "-c", """
from grassroots.people.models import User, Person
from grassroots.integrations.services.tokens import api_token_create
admin = User.objects.create_superuser('stack_admin', 'a@localhost', 'Stack-Pass-2026!')
print('TOKEN', api_token_create(actor=admin, name='stack', user=admin, scopes=['read', 'write'])[1])
""")
    token = next(line.split()[1] for line in out.splitlines() if line.startswith("TOKEN"))
    return {"token": token}


class Gunicorn:
    def __init__(self, env, *, workers: int = 2, threads: int = 1, port: int | None = None):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = Path(env["GRASSROOTS_VAR_DIR"]).parent / "gunicorn.log"
        self.log.parent.mkdir(parents=True, exist_ok=True)
        self.proc = subprocess.Popen(
            [str(BIN / "gunicorn"), "config.wsgi", "-b", f"127.0.0.1:{self.port}",
             "-w", str(workers), "--threads", str(threads), "--timeout", "30"],
            cwd=ROOT, env=env, stdout=self.log.open("w"), stderr=subprocess.STDOUT,
            start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + "/login/", timeout=2)
                return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError("gunicorn did not start:\n" + self.log.read_text()[-3000:])

    def stop(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)


class TwoRoleDatabase:
    """The documented production database (docs/operations.md, "Database roles"): a fresh
    database owned by a non-superuser owner role that migrates, and a serving role that owns
    nothing. ``superuser_url`` is any superuser connection to the same server."""

    def __init__(self, superuser_url: str, name: str):
        import uuid

        suffix = uuid.uuid4().hex[:8]
        self.superuser_url = superuser_url
        self.name, self.owner, self.app = name, f"gr_owner_{suffix}", f"gr_app_{suffix}"
        base = superuser_url.rsplit("/", 1)[0]
        self.owner_url = f"{base.replace('//postgres@', f'//{self.owner}@')}/{name}"
        self.app_url = f"{base.replace('//postgres@', f'//{self.app}@')}/{name}"
        self.sql(f"CREATE ROLE {self.owner} LOGIN NOSUPERUSER NOCREATEROLE")
        self.sql(f"CREATE ROLE {self.app} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE")
        self.sql(f'CREATE DATABASE "{name}" OWNER {self.owner}')

    def sql(self, statement: str, db: str = "postgres") -> str:
        url = self.superuser_url.rsplit("/", 1)[0] + "/" + db
        return subprocess.run(["psql", url, "-v", "ON_ERROR_STOP=1", "-Atqc", statement],
                              check=True, capture_output=True, text=True).stdout

    def migrate(self, env: dict) -> None:
        """``migrate`` as the owner, naming the serving role (it grants the serving role)."""
        manage({**env, "DATABASE_URL": self.owner_url, "GRASSROOTS_DB_APP_ROLE": self.app},
               "migrate", "--noinput", "-v0")

    def drop(self) -> None:
        self.sql(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        self.sql(f"DROP ROLE IF EXISTS {self.app}")
        self.sql(f"DROP ROLE IF EXISTS {self.owner}")


def browser_login(base_url: str, username: str, password: str):
    """A requests session signed in through the login form (CSRF included)."""
    import re

    import requests

    session = requests.Session()
    page = session.get(base_url + "/login/", timeout=15)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    response = session.post(base_url + "/login/", timeout=15, allow_redirects=False,
                            data={"csrfmiddlewaretoken": token, "username": username,
                                  "password": password},
                            headers={"Referer": base_url + "/login/"})
    return session, response
