"""Every write of routine assessment (see the sub-modules)."""
