"""Settings shared by every environment. Values come from the environment where they differ."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parents[2]
VAR_DIR = Path(os.environ.get("GRASSROOTS_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = env("DJANGO_SECRET_KEY", "insecure-development-key-change-me")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "axes",
    "grassroots.core",
    "grassroots.places",
    "grassroots.orgs",
    "grassroots.people",
    "grassroots.workcal",
    "grassroots.rulesets",
    "grassroots.party",
    "grassroots.publicity",
    "grassroots.demands",
    "grassroots.triage",
    "grassroots.supervision",
    "grassroots.gridwork",
    "grassroots.meetings",
    "grassroots.integrations",
    "grassroots.talent",
    "grassroots.partymembers",
    "grassroots.partyday",
    "grassroots.assessment",
    "grassroots.twonew",
    "grassroots.offline",
    "grassroots.api",
    "grassroots.demo",
    "grassroots.audit",
    "django_otp",
    "django_otp.plugins.otp_totp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything that answers with a message (the NUL check's 400 included).
    "grassroots.core.middleware.LanguageMiddleware",
    "grassroots.core.middleware.RejectNullBytesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "grassroots.core.middleware.SessionTouchMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "grassroots.core.middleware.SessionExpiredMiddleware",
    "grassroots.audit.middleware.SecondFactorMiddleware",
    "grassroots.audit.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "grassroots" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "grassroots.core.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'grassroots.sqlite3'}"),
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the in-process scheduler write while pages read.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiles the statistics queries for 100-350 ms, more than it saves on a
    # month of a county's rows; these are short analytical queries, not hour-long reports.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "people.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Citizens sign in with their phone, looked up by its hash (their username is not the phone).
    "grassroots.people.backends.PhoneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "grassroots.people.validators.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "grassroots.people.validators.CharacterClassValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Idle sessions end after 30 minutes (等保 2.0: session timeout). Activity slides the expiry,
# but a request that changes nothing writes the session at most once a minute
# (core.middleware.SessionTouchMiddleware): the timeout is between 29 and 30 idle minutes.
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_TOUCH_INTERVAL = 60
SESSION_COOKIE_HTTPONLY = True

AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.5  # hours
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "people/lockout.html"
# What axes records and logs as the username: a phone typed to sign in is kept masked + hashed.
AXES_USERNAME_CALLABLE = "grassroots.people.backends.axes_username"
# TOTP second factor for every role that may reveal PII or read the audit log (on in production).
GRASSROOTS_REQUIRE_2FA = env_bool("GRASSROOTS_REQUIRE_2FA", False)

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "grassroots" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "grassroots" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Uploads live outside the web root and are served by a scope-checked view, never statically.
MEDIA_ROOT = Path(env("GRASSROOTS_MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media-not-served/"
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "grassroots@localhost")

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Celery: with no broker configured the embedded default runs tasks in-process.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE

# The county this installation serves (demand numbers start with its prefix).
GRASSROOTS_COUNTY_PREFIX = env("GRASSROOTS_COUNTY_PREFIX", "JX")
GRASSROOTS_MAX_TEAMS_PER_CADRE = int(env("GRASSROOTS_MAX_TEAMS_PER_CADRE", "3"))

# The city 12345 link (docs/operations.md): the shared HMAC secret and where reports go back.
# Empty: the public development secret and the simulator on localhost (services fall back).
GRASSROOTS_CITY12345_SECRET = env("GRASSROOTS_CITY12345_SECRET", "")
GRASSROOTS_CITY12345_CALLBACK_URL = env("GRASSROOTS_CITY12345_CALLBACK_URL", "")

# SMS one-time codes proving a citizen's phone (grassroots/people/sms.py, verification.py).
# The console sender logs the message (development, demo, tests); production sets the HTTP
# gateway sender and its address (config/settings/production.py).
GRASSROOTS_SMS_BACKEND = env("GRASSROOTS_SMS_BACKEND", "grassroots.people.sms.ConsoleSender")
GRASSROOTS_SMS_GATEWAY_URL = env("GRASSROOTS_SMS_GATEWAY_URL", "")
GRASSROOTS_SMS_GATEWAY_TOKEN = env("GRASSROOTS_SMS_GATEWAY_TOKEN", "")
GRASSROOTS_SMS_SIGN = env("GRASSROOTS_SMS_SIGN", "基层治理")
GRASSROOTS_SMS_TIMEOUT = float(env("GRASSROOTS_SMS_TIMEOUT", "5"))
GRASSROOTS_PHONE_CODE_TTL = int(env("GRASSROOTS_PHONE_CODE_TTL", "300"))  # seconds
GRASSROOTS_PHONE_CODE_MAX_ATTEMPTS = int(env("GRASSROOTS_PHONE_CODE_MAX_ATTEMPTS", "5"))

# Working hours of the county offices (Beijing time), used by the work calendar.
WORKCAL_PERIODS = [("08:30", "12:00"), ("13:30", "17:30")]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"jieba": {"level": "WARNING"}, "celery": {"level": "WARNING"}},
}

# Key material for field-level encryption of phone and ID numbers (django-fernet-encrypted-fields).
SALT_KEY = env("GRASSROOTS_FIELD_KEY", "development-field-key-change-me")
