"""What the disposal sub-area registers when the app is ready (called from apps.py): the nightly
candidates job, the pages' links and cards, and the notice a new candidate sends."""

from django.utils.translation import gettext_noop


def disposal_ready() -> None:
    from grassroots.core.dashboard import register_cards, register_nav
    from grassroots.core.periodic import register_job

    from . import transitions  # noqa: F401 - registers the table
    from .home import disposal_cards, disposal_nav

    register_job("party_disposal_candidates",
                 "grassroots.partymembers.disposal.services.candidates:candidates_job", 86400)
    register_nav(disposal_nav)
    register_cards(disposal_cards)
    # A 不合格 annual points result opens a review candidate (C14), never a disposal.
    from ..points.services import register_unqualified_listener

    register_unqualified_listener(candidate_from_points)


def candidate_from_points(result, actor) -> None:
    from datetime import date

    from .services import candidate_flag
    from .services.common import open_case_of, today

    if open_case_of(result.member) is not None:
        return  # the open case is where the evidence goes (one disposal per facts)
    year = result.scheme.year
    # The evidence is the record's own text (stored in Chinese, as an officer would write it).
    evidence = f"{year}年度“1+4”分类记分综合得分{result.composite}，评定为不合格"
    candidate_flag(actor=actor, member=result.member, source="points", criteria=[
        ("C14", evidence, date(year, 1, 1), min(date(year, 12, 31), today()))])


def disposal_candidate_notify(case) -> int:
    """The branch secretary learns of a candidate (never a disposal) [S6 art. 9]."""
    from grassroots.core.i18n import Message
    from grassroots.core.notifications import notify

    secretary = case.organisation.secretary
    user = getattr(secretary, "user", None) if secretary is not None else None
    return notify(recipients=[user], kind="party_disposal_candidate",
                  title=Message(gettext_noop("处置线索：%(name)s的组织生活、党费或工作计数已满6个月，"
                                             "请支委会研究。"), name=case.member.person.name),
                  url=f"/party/disposal/{case.pk}/", dedup_key=f"dsp_candidate:{case.pk}")
