"""What the development sub-area registers when the app is ready (called from apps.py)."""


def development_ready() -> None:
    from grassroots.core.dashboard import register_cards, register_nav
    from grassroots.publicity.subjects import register_subject

    from . import gate_tables, transitions  # noqa: F401 - register the tables
    from .home import development_cards, development_nav
    from .services.lifecycle import PUBLISHED_LABELS

    register_subject("partymembers.developmentcase", labels=PUBLISHED_LABELS,
                     pii=_case_pii, url_name="partymembers:dev_case")
    register_nav(development_nav)
    register_cards(development_cards)


def _case_pii(case) -> list[str]:
    person = case.person
    return [getattr(person, "id_number_masked", ""), getattr(person, "phone_masked", "")]
