from django.apps import AppConfig


class OfflineConfig(AppConfig):
    """The installable phone app: manifest, service worker, reference data, and the idempotent
    create endpoints the browser's outbox submits to (docs/offline.md)."""

    name = "grassroots.offline"
    label = "offline"
    verbose_name = "离线填报"
    url_prefix = "offline/"
