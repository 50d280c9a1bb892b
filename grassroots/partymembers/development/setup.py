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
    # An open development case moves with the person when the transfer is accepted.
    from ..records.services import register_transfer_listener

    register_transfer_listener(_case_follows_transfer)


def _case_follows_transfer(member, from_org, to_org, actor) -> None:
    from .services import case_follow_transfer

    case_follow_transfer(person=member.person, from_org=from_org, to_org=to_org, actor=actor)


def _case_pii(case) -> list[str]:
    person = case.person
    return [getattr(person, "id_number_masked", ""), getattr(person, "phone_masked", "")]
