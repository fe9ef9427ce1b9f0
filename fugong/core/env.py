"""Typed readers for environment variables.

Following healthchecks' envbool/envint: a value that cannot be parsed stops start-up with a
message that names the variable, instead of silently falling back to a default.

A variable that is set but empty (``AXES_ENABLED=``, often a template placeholder left blank)
is refused too: it used to read as "false" or "the default", so a blank line in an env file
could silently turn login throttling off or move the database. To mean "the default", leave
the variable out. Only ``envstr(..., allow_empty=True)`` accepts an empty value, for settings
where empty is a meaningful value of its own (none today).
"""

from __future__ import annotations

import os


class ConfigError(RuntimeError):
    """Raised at start-up when an environment variable holds an unusable value."""


def _raw(name: str) -> str | None:
    """The value of NAME, None when unset; a set-but-blank value is a ConfigError."""
    raw = os.environ.get(name)
    if raw is not None and raw.strip() == "":
        raise ConfigError(
            f"{name} is set but empty; give it a value or remove it to use the default"
        )
    return raw


def envstr(name: str, default: str = "", *, allow_empty: bool = False) -> str:
    raw = os.environ.get(name) if allow_empty else _raw(name)
    return default if raw is None else raw


def envsecret(name: str, default: str = "") -> str:
    """Read NAME, or the contents of the file named by NAME_FILE (for Docker/K8s secrets)."""
    path = _raw(f"{name}_FILE")
    if path:
        try:
            with open(path, encoding="utf-8") as fh:
                value = fh.read().strip()
        except OSError as exc:
            raise ConfigError(f"{name}_FILE={path!r} cannot be read: {exc}") from exc
        if not value:
            raise ConfigError(f"{name}_FILE={path!r} is empty")
        return value
    raw = _raw(name)
    return default if raw is None else raw


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def envbool(name: str, default: bool = False) -> bool:
    raw = _raw(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigError(
        f"{name}={raw!r} is not a boolean; use one of 1/0, true/false, yes/no, on/off"
    )


def envint(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = _raw(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise ConfigError(f"{name}={raw!r} is not a whole number") from exc
    if minimum is not None and value < minimum:
        raise ConfigError(f"{name}={value} must be at least {minimum}")
    return value


def envlist(name: str, default: list[str] | None = None) -> list[str]:
    raw = _raw(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def envchoice(name: str, default: str, choices: set[str]) -> str:
    raw = _raw(name)
    if raw is None:
        return default
    if raw not in choices:
        raise ConfigError(f"{name}={raw!r} is not one of {sorted(choices)}")
    return raw
