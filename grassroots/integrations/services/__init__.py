"""Every write of the integrations app (tokens, city 12345 inbox and outbox, Open311 intake)."""
