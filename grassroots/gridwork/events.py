"""The event codes the grid-work services write (core.events registry)."""

from grassroots.core.events import register_event_codes

from .timeline import ACTION_LABELS

# The team seat events are written by grassroots.people (its events.py declares them).
register_event_codes("gridwork", {code: label for code, label in ACTION_LABELS.items()
                                  if not code.startswith("team_member_")})
