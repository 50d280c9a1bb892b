"""Every write of the points sub-area (docs/new-app.md §4)."""

from .auto import points_nightly, points_nightly_job
from .common import (
    register_guide_comments,
    register_point_source,
    register_unqualified_listener,
)
from .entries import entries_confirm, entry_confirm, entry_dispute, entry_propose, entry_rule
from .rating import (
    composite,
    grade_of,
    org_rate,
    peer_rate,
    posting_publish,
    results_compute,
    round_close,
    round_open,
)
from .scheme import (
    item_add,
    item_remove,
    item_set,
    scheme_close,
    scheme_create,
    scheme_publish,
    scheme_settings_set,
)

__all__ = [
    "composite", "entries_confirm", "entry_confirm", "entry_dispute", "entry_propose",
    "entry_rule", "grade_of", "item_add", "item_remove", "item_set", "org_rate", "peer_rate", "points_nightly",
    "points_nightly_job", "posting_publish", "register_guide_comments", "register_point_source",
    "register_unqualified_listener", "results_compute", "round_close", "round_open",
    "scheme_close", "scheme_create", "scheme_publish", "scheme_settings_set",
]
