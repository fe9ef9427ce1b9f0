from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from fugong.core.navigation import nav_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    return {"nav_items": nav_for(getattr(request, "user", None))}
