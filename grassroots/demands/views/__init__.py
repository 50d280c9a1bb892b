"""Pages of the demand lifecycle, split by area (see each module)."""
