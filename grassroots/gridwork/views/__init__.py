"""Pages of grid work, split by sub-area; each view is thin and calls selectors and services."""
