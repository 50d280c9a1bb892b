from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GridworkConfig(AppConfig):
    name = "grassroots.gridwork"
    verbose_name = _("网格工作")

    def ready(self):
        from grassroots.core.dashboard import register_cards, register_nav
        from grassroots.core.periodic import register_job
        from grassroots.core.timeline import register_action_labels

        from .dashboard import cards, nav
        from .timeline import ACTION_LABELS

        register_action_labels(ACTION_LABELS)
        _register_origin()
        _register_publicity_subject()

        register_cards(cards)
        register_nav(nav)
        register_job("month_start_reminder",
                     "grassroots.gridwork.services.rhythm:run_month_start_reminder", 3600)
        register_job("month_end_report",
                     "grassroots.gridwork.services.rhythm:run_month_end_report", 3600)


def _register_origin():
    """Demands raised on a visit link to it (来源：走访 …)."""
    from grassroots.demands.origins import OriginKind, register_origin_kind

    from .models import ORIGIN_VISIT

    register_origin_kind(OriginKind(
        code=ORIGIN_VISIT, label=_("走访"), model="gridwork.Visit",
        describe=_describe_visit, url_name="gridwork:visit_detail", select_related=("grid",)))


def _register_publicity_subject():
    """A pioneer round's publicity lists its selected nominees; an upheld objection naming one
    removes them from the list."""
    from grassroots.publicity.subjects import register_subject

    from .services.pioneer import PUBLISHED_LEVEL_LABELS, on_objection_upheld, round_pii

    register_subject("gridwork.pioneerround", labels=PUBLISHED_LEVEL_LABELS.values(),
                     pii=round_pii, on_upheld=on_objection_upheld,
                     url_name="gridwork:round_detail")


def _describe_visit(visit) -> str:
    return f"{visit.date:%Y-%m-%d} {visit.grid.name}"
