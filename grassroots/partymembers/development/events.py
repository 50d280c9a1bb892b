"""Event codes of the development sub-area (register_event_codes("partymembers", {...}))."""
