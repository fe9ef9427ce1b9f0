"""Where each bench data set lives, and the environment its subprocess runs with.

Settings read DATABASE_URL once, at import; so every size runs in its own subprocess whose
environment points at that size's database, never at the demo's var/fugong.sqlite3.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parent.parent
BENCH_VAR = REPO / "var" / "bench"
DEMO_DATABASE = REPO / "var" / "fugong.sqlite3"
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/fugong_bench"
ENGINES = ("sqlite", "postgres")


class BenchConfigError(RuntimeError):
    """The bench was pointed at a database it must not use."""


def default_engine() -> str:
    return "postgres" if os.environ.get("BENCH_DATABASE_URL") else "sqlite"


def database_url(size: str, engine: str) -> str:
    """SQLite file var/bench/<size>.sqlite3, or database <name>_<size> on the PostgreSQL server."""
    if engine == "sqlite":
        return f"sqlite:///{(BENCH_VAR / f'{size}.sqlite3').resolve()}"
    if engine != "postgres":
        raise BenchConfigError(f"unknown database engine {engine!r}; use one of {ENGINES}")
    base = urlsplit(os.environ.get("BENCH_DATABASE_URL") or DEFAULT_POSTGRES_URL)
    name = base.path.strip("/") or "fugong_bench"
    return urlunsplit(base._replace(path=f"/{name}_{size}"))


def check_not_demo(url: str) -> None:
    """Refuse the demo's database and whatever DATABASE_URL the caller's shell points at."""
    demo_urls = {f"sqlite:///{DEMO_DATABASE.resolve()}", os.environ.get("DATABASE_URL", "")}
    if url in demo_urls or url.endswith("/fugong.sqlite3"):
        raise BenchConfigError(f"refusing to generate bench data into {url}")


def subprocess_env(size: str, engine: str) -> dict[str, str]:
    url = database_url(size, engine)
    check_not_demo(url)
    BENCH_VAR.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "fugong.settings",
            "DATABASE_URL": url,
            # Development settings with DEBUG off: no query log growing in memory while timing.
            "FUGONG_ENV": "development",
            "FUGONG_DEBUG": "0",
            # The task queue's SQLite file and static root live beside the bench data too.
            "FUGONG_VAR_DIR": str(BENCH_VAR),
            "LOG_LEVEL": os.environ.get("BENCH_LOG_LEVEL", "ERROR"),
            "BENCH_ENGINE": engine,
        }
    )
    return env
