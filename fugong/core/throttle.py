"""A per-actor counter in a fixed time window, kept in Django's cache.

Used where repeating a request could reveal something one request does not (number searches
in the people directory: a suffix search answered ten times per digit recovers an ID number).
The cache is shared by the web workers (see CACHES in settings), so the count holds across
processes; an actor is a user or a device, counted separately.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _


class Throttled(Exception):
    """Too many requests of one kind by one actor in the window: answered with 429."""

    def __init__(self, message: Any = None, *, retry_after: int = 0) -> None:
        self.message = message or _(
            "Too many searches by ID number or phone. Please wait a few minutes and try again."
        )
        self.retry_after = retry_after
        super().__init__(str(self.message))


def actor_key(actor: Any) -> str:
    kind = "device" if getattr(actor, "role", "") == "device" else "user"
    return f"{kind}:{getattr(actor, 'pk', None)}"


def throttle_hit(
    *,
    bucket: str,
    actor: Any,
    limit: int,
    window_seconds: int,
    amount: int = 1,
    message: Any = None,
) -> int:
    """Count ``amount`` requests of ``bucket`` by ``actor``; raise Throttled beyond ``limit``.

    The window starts with the first request and lasts ``window_seconds`` (a fixed window,
    not a sliding one: simple, and the limit can at worst be doubled across its edge). The
    start is stored with the count because the file and database caches' ``incr`` would
    reset the expiry; two workers counting at the same instant may lose one increment, which
    a throttle can afford. Returns the count including this request.
    """
    key = f"throttle:{bucket}:{actor_key(actor)}"
    now = time.time()
    started, count = cache.get(key) or (now, 0)
    if now >= started + window_seconds:
        started, count = now, 0
    count += amount
    remaining = max(1, math.ceil(started + window_seconds - now))
    cache.set(key, (started, count), timeout=remaining)
    if count > limit:
        raise Throttled(message, retry_after=remaining)
    return count


class ThrottledMiddleware:
    """A page that raised Throttled answers 429 with a message in the user's language.

    To an htmx request it answers only the message, which the page swaps into its results
    (base.html lets htmx swap a 429); to a browser, a whole page.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        if not isinstance(exc, Throttled):
            return None
        htmx = getattr(request, "htmx", None)
        template = "partials/throttled.html" if htmx and not htmx.boosted else "429.html"
        response = render(request, template, {"message": exc.message}, status=429)
        response["Retry-After"] = str(exc.retry_after)
        return response
