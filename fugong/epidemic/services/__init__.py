"""Writes of the epidemic app, one module per area (observation, status, alert, ...)."""
