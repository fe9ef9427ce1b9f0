"""Reads of the epidemic app, one module per area (policy, status, ...)."""
