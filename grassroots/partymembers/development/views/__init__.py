"""The development pipeline's pages (thin: services and selectors hold the rules)."""
