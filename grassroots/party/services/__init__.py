"""Every write on the party tree and its roll (docs/new-app.md §4)."""

from .checks import size_warnings
from .members import (
    member_add,
    member_columns_update,
    member_enrol,
    member_remove,
    member_transfer,
    post_end,
    post_grant,
)
from .orgs import (
    organisation_close,
    organisation_create,
    organisation_move,
    organisation_update,
    secretary_set,
    term_renew,
)

__all__ = [
    "member_add", "member_columns_update", "member_enrol", "member_remove", "member_transfer", "organisation_close",
    "organisation_create", "organisation_move", "organisation_update", "post_end", "post_grant",
    "secretary_set", "size_warnings", "term_renew",
]
