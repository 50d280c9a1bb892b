"""What the records sub-area registers (called from PartyMembersConfig.ready)."""


def ready() -> None:
    from grassroots.core.periodic import register_job

    from . import transitions  # noqa: F401 - names the transfer and reduction tables

    register_job("party_transfers_expire",
                 "grassroots.partymembers.records.services.transfers:transfers_expire", 3600)
    register_job("party_dues_arrears", "grassroots.partymembers.records.services.dues:arrears_remind",
                 86400)

    from grassroots.partymembers.development.services import introducer_checks

    from .services import under_party_probation

    introducer_checks.register(under_party_probation)

    from grassroots.core.dashboard import register_cards

    from . import nav  # noqa: F401 - registers the records' links
    from .home import home_items

    register_cards(home_items)
