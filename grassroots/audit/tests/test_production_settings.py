"""Production settings: every value from the environment, refuse to start without one, and
`check --deploy` clean (HTTPS, HSTS, secure cookies, CSP)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from grassroots.integrations.services.signing import DEV_SECRET

ROOT = Path(__file__).resolve().parents[3]

PROD_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": "k3V9q!x2Lr8sT0wZ-pB7nY4cD6fH1jM5aQeUoIiGhXvNbRtSyWl_u",
    "DJANGO_ALLOWED_HOSTS": "grassroots.example.gov.cn",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/grassroots_never_used",
    "REDIS_URL": "redis://127.0.0.1:6379/15",
    "EMAIL_HOST": "smtp.example.gov.cn",
    "DEFAULT_FROM_EMAIL": "noreply@example.gov.cn",
    "GRASSROOTS_MEDIA_ROOT": "/tmp/grassroots-media-check",
    "GRASSROOTS_FIELD_KEY": "f1eld-Key-0123456789abcdefghijklmnopqrstuv",
    "GRASSROOTS_SMS_GATEWAY_URL": "https://sms.example.gov.cn/send",
    "GRASSROOTS_CITY12345_SECRET": "c1ty-12345-Secret-0123456789abcdefghijkl",
    "GRASSROOTS_CITY12345_CALLBACK_URL": "https://12345.example.gov.cn/callback",
}


def manage(*args, env):
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith(("DJANGO_", "DATABASE_", "GRASSROOTS_", "REDIS_", "CELERY_"))}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, **env},
                          capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean():
    """Clean but for the database role of the audit log, which needs a live database (the
    settings point at none here; .ci/prod_smoke.sh and tests_prod run the whole check)."""
    result = manage("check", "--deploy", "--fail-level", "ERROR", env=PROD_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout + result.stderr
    assert "(audit.W001) Could not check the database role of the audit log" in out
    assert "System check identified 1 issue" in out


def test_check_deploy_warns_without_an_sms_gateway_and_refuses_the_console_sender():
    env = {k: v for k, v in PROD_ENV.items() if k != "GRASSROOTS_SMS_GATEWAY_URL"}
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0 and "grassroots.W101" in result.stdout + result.stderr
    result = manage("check", env={**PROD_ENV,
                                  "GRASSROOTS_SMS_BACKEND": "grassroots.people.sms.ConsoleSender"})
    assert result.returncode != 0
    assert "Production cannot send SMS codes to the log" in result.stdout + result.stderr


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DATABASE_URL", "REDIS_URL",
                                     "DJANGO_ALLOWED_HOSTS", "EMAIL_HOST", "GRASSROOTS_FIELD_KEY",
                                     "GRASSROOTS_MEDIA_ROOT", "GRASSROOTS_CITY12345_SECRET",
                                     "GRASSROOTS_CITY12345_CALLBACK_URL"])
def test_refuses_to_start_without_a_value(missing):
    env = {k: v for k, v in PROD_ENV.items() if k != missing}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert f"Production needs the environment variable {missing}" in result.stderr


@pytest.mark.parametrize(("name", "value", "message"), [
    ("DJANGO_SECRET_KEY", "insecure-development-key-change-me", "DJANGO_SECRET_KEY must be"),
    ("DATABASE_URL", "sqlite:////tmp/x.sqlite3", "Production runs on PostgreSQL"),
    ("GRASSROOTS_FIELD_KEY", "development-field-key-change-me", "GRASSROOTS_FIELD_KEY must be"),
    ("GRASSROOTS_CITY12345_SECRET", DEV_SECRET,
     "GRASSROOTS_CITY12345_SECRET must be the random secret"),
    ("GRASSROOTS_CITY12345_SECRET", "short-secret", "GRASSROOTS_CITY12345_SECRET must be"),
    ("GRASSROOTS_CITY12345_CALLBACK_URL", "ftp://x", "GRASSROOTS_CITY12345_CALLBACK_URL must be"),
])
def test_refuses_development_values(name, value, message):

    result = manage("check", env={**PROD_ENV, name: value})
    assert result.returncode != 0 and message in result.stderr


def test_production_requires_2fa_and_installs_the_guards():
    code = ("from django.conf import settings as s; "
            "print(s.GRASSROOTS_REQUIRE_2FA, s.SESSION_COOKIE_AGE, s.AXES_FAILURE_LIMIT, "
            "'grassroots.audit.middleware.SecondFactorMiddleware' in s.MIDDLEWARE, "
            "'grassroots.core.middleware.ContentSecurityPolicyMiddleware' in s.MIDDLEWARE, "
            "s.CELERY_TASK_ACKS_LATE, s.CELERY_WORKER_PREFETCH_MULTIPLIER)")
    result = manage("shell", "-c", code, env=PROD_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-7:] == ["True", "1800", "5", "True", "True", "True", "1"]
