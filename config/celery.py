import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
app = Celery("grassroots")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_finalize.connect
def setup_periodic_tasks(sender, **kwargs):
    """Beat runs the same job registry as the embedded scheduler."""
    from grassroots.core.periodic import JOBS

    for name, job in JOBS.items():
        sender.add_periodic_task(job.every_seconds, sender.signature(
            "grassroots.run_periodic", args=(name,)), name=name)
