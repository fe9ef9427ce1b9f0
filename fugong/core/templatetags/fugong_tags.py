"""Template helpers shared by every app."""

from __future__ import annotations

from django import template

from fugong.core.audit import action_label

register = template.Library()
register.filter("audit_action", action_label)
