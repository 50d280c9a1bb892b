from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "grassroots.core"
    verbose_name = _("基础")

    def ready(self):
        from .dashboard import register_nav
        from .periodic import register_job

        register_nav(_admin_site_nav)
        _admin_in_chinese()

        register_job("idempotency_purge", "grassroots.core.idempotency:idempotency_purge", 86400)

        from django.utils.module_loading import autodiscover_modules

        from . import checks  # noqa: F401 - registers the start-up checks

        # Each app's events.py declares its event codes (core.events.register_event_codes);
        # importing them here, once every model is loaded, fills the registry before any write.
        autodiscover_modules("events")


def _admin_site_nav(user, scope):
    # Django's admin site keeps its own is_staff gate; this only offers the link.
    if not user.is_staff:
        return []
    from django.urls import reverse

    return [{"label": _("后台管理"), "url": reverse("admin:index"), "section": "admin"}]


def _admin_in_chinese():
    """The admin site titled in Chinese, and its sections too: django-axes ships no Chinese
    catalogue, so its section and model names are given here."""
    from django.apps import apps
    from django.contrib import admin

    admin.site.site_header = _("基层治理平台 后台管理")
    admin.site.site_title = _("基层治理平台后台")
    admin.site.index_title = _("后台管理")
    # Third-party apps without a Chinese catalogue: (app label, section, {model: name}).
    for label, section, models in (
        ("axes", _("登录防护"), {"AccessAttempt": _("登录尝试"),
                                  "AccessFailureLog": _("登录失败记录"),
                                  "AccessLog": _("登录记录")}),
        ("otp_totp", _("手机令牌"), {"TOTPDevice": _("手机令牌设备")}),
        ("otp_static", _("备用验证码"), {"StaticDevice": _("备用验证码设备")}),
    ):
        try:
            config = apps.get_app_config(label)
        except LookupError:
            continue
        config.verbose_name = section
        for model in config.get_models():
            if model.__name__ in models:
                model._meta.verbose_name = model._meta.verbose_name_plural = models[model.__name__]
