"""Production: PostgreSQL, Redis, Celery workers, gunicorn. Every value comes from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import MIDDLEWARE


def required(name):
    value = os.environ.get(name)
    if not value:
        raise ImproperlyConfigured(f"Production needs the environment variable {name}.")
    return value


DEBUG = False
SECRET_KEY = required("DJANGO_SECRET_KEY")
if SECRET_KEY.startswith("insecure") or len(SECRET_KEY) < 40:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be a random value of at least 40 characters.")
ALLOWED_HOSTS = [h.strip() for h in required("DJANGO_ALLOWED_HOSTS").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [f"https://{h}" for h in ALLOWED_HOSTS]

import dj_database_url  # noqa: E402

DATABASES = {"default": dj_database_url.parse(required("DATABASE_URL"), conn_max_age=60,
                                              conn_health_checks=True)}
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("Production runs on PostgreSQL (DATABASE_URL=postgres://...).")

REDIS_URL = required("REDIS_URL")
CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                      "LOCATION": REDIS_URL}}
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = False

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = required("EMAIL_HOST")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "465"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_SSL = EMAIL_PORT == 465
EMAIL_USE_TLS = EMAIL_PORT == 587
DEFAULT_FROM_EMAIL = required("DEFAULT_FROM_EMAIL")
MEDIA_ROOT = required("GRASSROOTS_MEDIA_ROOT")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("DJANGO_SECURE_SSL_REDIRECT", "true") == "true"
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
MIDDLEWARE = [*MIDDLEWARE, "grassroots.core.middleware.ContentSecurityPolicyMiddleware"]

# Refuse to serve while demo accounts exist (checked when the app registry is ready).
GRASSROOTS_REFUSE_DEMO_ACCOUNTS = True
SALT_KEY = required("GRASSROOTS_FIELD_KEY")
