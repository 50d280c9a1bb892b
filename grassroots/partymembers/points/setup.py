"""What the points sub-area registers when the app is ready (called from apps.py)."""


def points_ready() -> None:
    from grassroots.core.periodic import register_job
    from grassroots.publicity.subjects import register_subject

    from . import transitions  # noqa: F401 - names the scheme and entry tables
    from .services.rating import POSTED_LABEL, posting_pii

    register_job("party_points_nightly",
                 "grassroots.partymembers.points.services.auto:points_nightly_job", 86400)
    register_subject("partymembers.pointsposting", labels=[POSTED_LABEL], pii=posting_pii)

    from grassroots.core.dashboard import register_nav

    from .home import points_nav

    register_nav(points_nav)
