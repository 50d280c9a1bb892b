"""The records' pages: thin; reads through the selectors and ``get_for_user`` (the same 404
for missing and not yours), writes through the services."""
