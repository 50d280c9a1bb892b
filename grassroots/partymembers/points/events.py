"""Event codes of the points sub-area (register_event_codes("partymembers", {...}))."""
