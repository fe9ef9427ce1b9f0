from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from fugong.core.navigation import nav_for, sections_of


def navigation(request: HttpRequest) -> dict[str, Any]:
    items = nav_for(getattr(request, "user", None))
    return {"nav_items": items, "nav_sections": sections_of(items)}
