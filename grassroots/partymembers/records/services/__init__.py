"""Every write of the records sub-area (docs/new-app.md §4)."""

from .dues import (
    arrears_remind,
    dues_amount,
    dues_base_declare,
    dues_bills_issue,
    dues_pay,
    dues_reduction_decide,
    dues_reduction_propose,
    paid_through,
)
from .profile import (
    contact_search_log,
    member_category_set,
    member_contact_restore,
    member_exempt,
    member_lost_contact,
    member_mobile_end,
    member_mobile_set,
    member_remove_lapsed,
    member_restore,
    member_suspend,
    mobile_contact_log,
    party_probation_record,
    party_probation_restore,
    under_party_probation,
    work_assign,
    work_done,
)
from .transfers import (
    register_transfer_listener,
    transfer_accept,
    transfer_cancel,
    transfer_issue,
    transfer_return,
    transfers_expire,
)

__all__ = [
    "arrears_remind", "contact_search_log", "dues_amount", "dues_base_declare",
    "dues_bills_issue", "dues_pay", "dues_reduction_decide", "dues_reduction_propose",
    "member_category_set", "member_contact_restore", "member_exempt", "member_lost_contact",
    "member_mobile_end", "member_mobile_set", "member_remove_lapsed", "member_restore",
    "member_suspend", "mobile_contact_log", "party_probation_record", "party_probation_restore",
    "under_party_probation",
    "paid_through", "register_transfer_listener", "transfer_accept", "transfer_cancel",
    "transfer_issue", "transfer_return", "transfers_expire", "work_assign", "work_done",
]
