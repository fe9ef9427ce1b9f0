"""Background tasks of the epidemic app, one module per area (Huey imports ``<app>.tasks``)."""

from fugong.epidemic.tasks import tracing  # noqa: F401  (registers the tracing tasks)
