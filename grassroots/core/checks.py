"""Start-up checks of the kernel's declarations."""

from django.core.checks import Error, register


@register()
def transition_codes_declared(app_configs=None, **kwargs):
    """Every action of every transition table is a declared event code (the engine records
    the action as the event's code)."""
    from .events import event_codes
    from .transitions import registered_tables

    codes = event_codes()
    errors = []
    for name, table in registered_tables().items():
        for action in table.action_codes:
            if action not in codes:
                errors.append(Error(
                    f"transition table {name!r} uses the event code {action!r}, which no app "
                    "declares", hint="Add it to the app's events.py (register_event_codes).",
                    id="grassroots.E001"))
    return errors
