"""Roster files kept on the server between two requests, under VAR_DIR.

An uploaded roster waits there between its preview and the user's confirmation; a background
export waits there until it is downloaded. Each file belongs to the user who made it (anyone else
is told it does not exist), expires after a set time, and is swept away by a periodic task.

A file is ``<token>.xlsx`` beside ``<token>.json``, its metadata (owner, creation time, state).
The token is random and unguessable, but it is never the only check: the owner is.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

UPLOADS, EXPORTS = "uploads", "exports"
TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{22}")


def _ttl_seconds(kind: str) -> float:
    if kind == UPLOADS:
        return settings.ROSTER_UPLOAD_KEEP_MINUTES * 60.0
    return settings.ROSTER_EXPORT_KEEP_HOURS * 3600.0


def folder(kind: str) -> Path:
    path = Path(settings.VAR_DIR) / "roster" / kind
    path.mkdir(parents=True, exist_ok=True)
    return path


def data_path(kind: str, token: str) -> Path:
    return folder(kind) / f"{token}.xlsx"


def _meta_path(kind: str, token: str) -> Path:
    return folder(kind) / f"{token}.json"


def create(kind: str, *, user: Any, **meta: Any) -> str:
    """A new token owned by ``user``; the caller writes the data to ``data_path``."""
    token = secrets.token_urlsafe(16)
    write_meta(kind, token, {**meta, "user": user.pk, "created": timezone.now().timestamp()})
    return token


def write_meta(kind: str, token: str, meta: dict[str, Any]) -> None:
    # Written aside and renamed, so that a reader (the status page) never sees half a file.
    part = folder(kind) / f"{token}.json.part"
    part.write_text(json.dumps(meta), encoding="utf-8")
    os.replace(part, _meta_path(kind, token))


def _expired(kind: str, meta: dict[str, Any]) -> bool:
    return timezone.now().timestamp() - float(meta.get("created", 0)) > _ttl_seconds(kind)


def read_meta(kind: str, token: str, *, user: Any) -> dict[str, Any] | None:
    """The metadata, if the token exists, belongs to ``user`` and has not expired."""
    if not TOKEN_RE.fullmatch(token or ""):
        return None
    try:
        meta = json.loads(_meta_path(kind, token).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if meta.get("user") != user.pk or _expired(kind, meta):
        return None
    return dict(meta)


def claim(kind: str, token: str, *, user: Any) -> dict[str, Any] | None:
    """Take the token for one use: a second claim (a re-submitted form) finds nothing.

    The rename is atomic, so of two requests racing for the same token exactly one wins.
    """
    meta = read_meta(kind, token, user=user)
    if meta is None:
        return None
    try:
        os.rename(_meta_path(kind, token), folder(kind) / f"{token}.json.claimed")
    except FileNotFoundError:
        return None
    return meta


def release(kind: str, token: str) -> None:
    """Give a claimed token back (the user is shown the preview again)."""
    with contextlib.suppress(FileNotFoundError):
        os.rename(folder(kind) / f"{token}.json.claimed", _meta_path(kind, token))


def delete(kind: str, token: str) -> None:
    for path in folder(kind).glob(f"{token}.*"):
        path.unlink(missing_ok=True)


def expire(kind: str) -> int:
    """Delete every file of ``kind`` older than its time to live; the number of tokens deleted."""
    now, ttl = timezone.now().timestamp(), _ttl_seconds(kind)
    started: dict[str, float] = {}
    for path in folder(kind).iterdir():
        token = path.name.split(".", 1)[0]
        try:
            born = path.stat().st_mtime
            if path.name == f"{token}.json":
                born = float(json.loads(path.read_text(encoding="utf-8")).get("created", born))
        except (OSError, ValueError):
            continue
        started[token] = min(born, started.get(token, born))
    expired = [token for token, born in started.items() if now - born > ttl]
    for token in expired:
        delete(kind, token)
    return len(expired)
