"""Test settings: the same code paths, faster hashing, no external services."""

from .base import *  # noqa: F403
from .base import DATABASES, INSTALLED_APPS, VAR_DIR

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
AXES_ENABLED = True
MEDIA_ROOT = VAR_DIR / "test-media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": ""}  # in memory
# Django empties the database between transactional tests with TRUNCATE, which the audit log's
# guard refuses (grassroots/audit/dbsecurity.py); its tests install it in a rolled-back transaction.
GRASSROOTS_AUDIT_TRUNCATE_GUARD = False

# The worked example of docs/new-app.md, held to the same tests as every app.
INSTALLED_APPS = [*INSTALLED_APPS, "grassroots.testing.example", "grassroots.testing.rulecase"]
