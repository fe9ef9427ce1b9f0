"""Reads that span apps, each one through the scoped path."""

from __future__ import annotations

from typing import Any

from django.apps import apps


def scope_summary(*, actor: Any) -> dict[str, int]:
    """How many enterprises, places and people the actor can see."""
    enterprise = apps.get_model("org", "Enterprise")
    place = apps.get_model("org", "Place")
    person = apps.get_model("people", "Person")
    return {
        "enterprises": enterprise.objects.restrict(actor).count(),
        "places": place.objects.restrict(actor).count(),
        "people": person.objects.restrict(actor).count(),
    }
