"""Production: PostgreSQL, Redis, Celery workers, gunicorn. Every value comes from the environment.

A missing required variable stops the process with ImproperlyConfigured (nothing falls back to
a development default). docs/operations.md lists every variable; `.ci/prod_smoke.sh` starts the
whole stack with these settings on localhost.
"""

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import MIDDLEWARE, STORAGES, env_bool, env_list


def required(name):
    value = os.environ.get(name)
    if not value:
        raise ImproperlyConfigured(f"Production needs the environment variable {name}.")
    return value


DEBUG = False
SECRET_KEY = required("DJANGO_SECRET_KEY")
if SECRET_KEY.startswith("insecure") or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be a random value of at least 50 characters.")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS") or required("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS") or [
    f"https://{h.lstrip('.')}" for h in ALLOWED_HOSTS if h != "*"]

# --- database: PostgreSQL only ------------------------------------------------------------------
DATABASES = {"default": dj_database_url.parse(
    required("DATABASE_URL"), conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    conn_health_checks=True)}
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("Production runs on PostgreSQL (DATABASE_URL=postgres://...).")
# Fail fast when the server is down, so a request answers 503 instead of hanging.
DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = int(
    os.environ.get("DATABASE_CONNECT_TIMEOUT", "5"))
# The serving role when it differs from the migrating owner (audit-log lock-down, migration
# audit 0002; docs/security.md).
GRASSROOTS_DB_APP_ROLE = os.environ.get("GRASSROOTS_DB_APP_ROLE", "")

# --- cache, broker, background jobs ---------------------------------------------------------------
REDIS_URL = required("REDIS_URL")
# A Redis outage degrades (misses, rate limits fail open, a warning in the log), never a 500
# (grassroots/core/cache.py). Sessions stay in the database, so logins survive it.
CACHES = {"default": {"BACKEND": "grassroots.core.cache.ResilientRedisCache",
                      "LOCATION": REDIS_URL, "KEY_PREFIX": "grassroots",
                      "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2}}}
SESSION_ENGINE = "django.contrib.sessions.backends.db"
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL)
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", REDIS_URL)
CELERY_RESULT_EXPIRES = 24 * 3600
CELERY_TASK_ALWAYS_EAGER = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A task whose worker dies is redelivered after this many seconds (Redis visibility timeout).
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": int(
    os.environ.get("CELERY_VISIBILITY_TIMEOUT", "3600"))}

# --- mail ------------------------------------------------------------------------------------------
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = required("EMAIL_HOST")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "465"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_SSL = EMAIL_PORT == 465
EMAIL_USE_TLS = EMAIL_PORT == 587
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = required("DEFAULT_FROM_EMAIL")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- files: uploads outside the web root, static files by WhiteNoise --------------------------------
MEDIA_ROOT = required("GRASSROOTS_MEDIA_ROOT")
STATIC_ROOT = os.environ.get("GRASSROOTS_STATIC_ROOT", str(STATIC_ROOT))  # noqa: F405
STORAGES = {**STORAGES, "staticfiles": {
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}

# --- HTTPS, cookies, headers --------------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the monitor probes over plain HTTP on localhost
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"

_SECURITY_MIDDLEWARE = ["grassroots.audit.middleware.SecondFactorMiddleware",
                        "grassroots.audit.middleware.DatabaseUnavailableMiddleware"]
MIDDLEWARE = [m for m in MIDDLEWARE if m not in _SECURITY_MIDDLEWARE]
MIDDLEWARE.insert(MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
                  _SECURITY_MIDDLEWARE[0])
MIDDLEWARE.insert(MIDDLEWARE.index(_SECURITY_MIDDLEWARE[0]) + 1, _SECURITY_MIDDLEWARE[1])
if "grassroots.core.middleware.ContentSecurityPolicyMiddleware" not in MIDDLEWARE:
    MIDDLEWARE.append("grassroots.core.middleware.ContentSecurityPolicyMiddleware")

# --- accounts ---------------------------------------------------------------------------------------
# Every role that may reveal PII or read the audit log must pass a TOTP second factor
# (audit/selectors.py needs_second_factor; docs/security.md).
GRASSROOTS_REQUIRE_2FA = env_bool("GRASSROOTS_REQUIRE_2FA", True)
AXES_LOCKOUT_TEMPLATE = "people/lockout.html"
# Behind nginx the client address comes from X-Real-IP (set GRASSROOTS_CLIENT_IP_HEADER=HTTP_X_REAL_IP).
GRASSROOTS_CLIENT_IP_HEADER = os.environ.get("GRASSROOTS_CLIENT_IP_HEADER", "")
if GRASSROOTS_CLIENT_IP_HEADER:
    AXES_IPWARE_META_PRECEDENCE_ORDER = [GRASSROOTS_CLIENT_IP_HEADER, "REMOTE_ADDR"]
GRASSROOTS_AUDIT_RETENTION_DAYS = int(os.environ.get("GRASSROOTS_AUDIT_RETENTION_DAYS", "365"))

# Refuse to serve while demo accounts exist (checked when the app registry is ready).
GRASSROOTS_REFUSE_DEMO_ACCOUNTS = True

# --- secrets and keys that have a development default (issue 15) ----------------------------------
# Each must come from the environment, be long enough and differ from the value in the source tree;
# otherwise the process does not start. (The Django secret key is checked at the top.)
SALT_KEY = required("GRASSROOTS_FIELD_KEY")
if SALT_KEY.startswith("development") or len(SALT_KEY) < 32:
    raise ImproperlyConfigured("GRASSROOTS_FIELD_KEY must be a random value of at least 32 characters.")
# The city 12345 link: the HMAC secret signs callbacks and authenticates inbound items; without it
# the code would fall back to the public development secret (integrations/services/signing.py).
GRASSROOTS_CITY12345_SECRET = required("GRASSROOTS_CITY12345_SECRET")
if (GRASSROOTS_CITY12345_SECRET.startswith("dev-") or len(GRASSROOTS_CITY12345_SECRET) < 32
        or len(set(GRASSROOTS_CITY12345_SECRET)) < 5):
    raise ImproperlyConfigured(
        "GRASSROOTS_CITY12345_SECRET must be the random secret agreed with the city 12345 "
        "platform, at least 32 characters (not the development secret).")
# Without it reports (with callers' details) would go to the simulator's address on localhost.
GRASSROOTS_CITY12345_CALLBACK_URL = required("GRASSROOTS_CITY12345_CALLBACK_URL")
if not GRASSROOTS_CITY12345_CALLBACK_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured("GRASSROOTS_CITY12345_CALLBACK_URL must be an http(s) address.")
# --- end of secrets and keys ----------------------------------------------------------------------

# --- SMS (citizens prove their phone with a one-time code) --------------------------------------
# The HTTP gateway sender; the console sender would write the codes to the log. `check --deploy`
# warns while GRASSROOTS_SMS_GATEWAY_URL is unset (every code request then answers "短信发送失败").
GRASSROOTS_SMS_BACKEND = os.environ.get("GRASSROOTS_SMS_BACKEND",
                                        "grassroots.people.sms.HttpGatewaySender")
if GRASSROOTS_SMS_BACKEND.endswith(".ConsoleSender"):
    raise ImproperlyConfigured("Production cannot send SMS codes to the log: set "
                               "GRASSROOTS_SMS_BACKEND to the HTTP gateway sender.")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"jieba": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}
