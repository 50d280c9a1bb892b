"""Periodic jobs (Celery beat in production, the embedded scheduler otherwise): they only call
services."""


def bulletin_compile_due():
    from .services.bulletins import bulletin_compile_due as run

    return run()


def month_volumes_refresh():
    from .services.volumes import month_volumes_refresh as run

    return run()
