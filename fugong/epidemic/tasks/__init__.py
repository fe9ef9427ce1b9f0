"""Huey tasks of the epidemic app, one module per area (imported here so that the consumer
and the web process, see apps.py, register them all)."""

from fugong.epidemic.tasks import health, observation, tracing  # noqa: F401
