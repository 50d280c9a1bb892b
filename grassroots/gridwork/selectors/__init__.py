"""Reads for grid work, always scope-filtered; every figure is computed by the database."""
