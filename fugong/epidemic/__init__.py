"""Epidemic prevention (DESIGN §3.3): policy, screening, check-ins, health status, observation,
cases, presence, contact tracing, clusters and alerts."""
