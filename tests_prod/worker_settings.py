"""Settings of the Celery worker started by the reliability tests: the test settings (same
database as the test process, via DATABASE_URL) plus a real Redis broker and a short visibility
timeout so the tasks of a killed worker come back within seconds, not an hour."""

import os

from config.settings.test import *  # noqa: F403

CELERY_BROKER_URL = os.environ["GRASSROOTS_TEST_BROKER"]
CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("GRASSROOTS_TEST_QUEUE", "grassroots_reliability")
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 8}
GRASSROOTS_CITY12345_CALLBACK_URL = os.environ.get("GRASSROOTS_TEST_CALLBACK", "")
