"""Event codes of the records sub-area (register_event_codes("partymembers", {...}))."""
