"""Huey finds an app's ``tasks`` module; each area's tasks are imported here."""

from fugong.epidemic.tasks import health  # noqa: F401
