"""Event codes of the disposal sub-area (register_event_codes("partymembers", {...}))."""
