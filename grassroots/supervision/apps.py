from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "grassroots.supervision"
    verbose_name = _("督办与统计")

    def ready(self):
        from grassroots.core.dashboard import register_cards, register_nav
        from grassroots.core.periodic import register_job
        from grassroots.core.timeline import register_action_labels

        from .services.watch import register_assignment_watch
        from .transitions import Action

        register_action_labels(Action)
        # The supervision office watches the assignments' deadlines (the kernel's deadline
        # watch, job ``deadline_watch``, runs every registered case type).
        register_assignment_watch()
        _register_origin()
        # Hourly: at the start of a month this compiles last month's bulletin (once).
        register_job("bulletin_compile", "grassroots.supervision.tasks:bulletin_compile_due", 3600)
        # Nightly: the closed months' volumes behind the dashboard trend.
        register_job("month_volumes", "grassroots.supervision.tasks:month_volumes_refresh", 86400)
        register_nav(_nav)
        register_cards(_cards)


def _register_origin():
    """Demands raised at a special-topic meeting (专题会议) link to it."""
    from grassroots.demands.origins import OriginKind, register_origin_kind

    register_origin_kind(OriginKind(
        code="meeting", label=_("专题会议"), model="supervision.Meeting",
        describe=_describe_meeting, url_name="supervision:meeting"))


def _describe_meeting(meeting) -> str:
    return f"{meeting.held_on:%Y-%m-%d} {meeting.topic}"


def _nav(user, scope):
    from django.urls import reverse

    from grassroots.core.policy import allows

    items = []
    if allows(scope, "supervision.stats_menu"):
        items.append({"label": _("统计分析"), "url": reverse("supervision:dashboard"), "section": "supervision"})
    if allows(scope, "supervision.notices_menu"):
        items.append({"label": _("督办"), "url": reverse("supervision:notices"), "section": "supervision"})
    if allows(scope, "core.staff"):
        items.append({"label": _("通报"), "url": reverse("supervision:bulletins"), "section": "supervision"})
    return items


def _cards(user, scope):
    from .selectors import landing_cards

    return landing_cards(user)
