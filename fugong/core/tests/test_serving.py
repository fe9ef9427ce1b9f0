"""Serving as production does (`make run`): settings, error pages, favicon.

Starting the real gunicorn is too slow for every run; the settings `make run` serves with are
loaded here from the same file (scripts/run.env), and the pages are rendered with DEBUG off.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]

SHOW_SETTINGS = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "staticfiles": settings.STORAGES["staticfiles"]["BACKEND"],
    "finders": settings.WHITENOISE_USE_FINDERS,
    "whitenoise": "whitenoise.middleware.WhiteNoiseMiddleware" in settings.MIDDLEWARE,
    "ssl_redirect": settings.SECURE_SSL_REDIRECT,
    "session_secure": settings.SESSION_COOKIE_SECURE,
    "csrf_secure": settings.CSRF_COOKIE_SECURE,
    "secret": settings.SECRET_KEY,
    "static_root": str(settings.STATIC_ROOT),
}))
"""


def run_env() -> dict[str, str]:
    """The variables scripts/run.sh exports before it starts gunicorn."""
    pairs = {}
    for line in (ROOT / "scripts" / "run.env").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, value = line.partition("=")
            pairs[name.strip()] = value.strip()
    return pairs


def child_env(tmp_path: Path, variables: dict[str, str]) -> dict[str, str]:
    """A fresh process's environment: ``variables``, a key file and a var folder in tmp."""
    key = tmp_path / "secret_key"
    key.write_text("generated-for-the-test-" + "x" * 40)
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("FUGONG_", "SECURE_", "SECRET"))
    }
    env.update(variables, SECRET_KEY_FILE=str(key), FUGONG_VAR_DIR=str(tmp_path))
    env["DJANGO_SETTINGS_MODULE"] = "fugong.settings"
    return env


def run(tmp_path: Path, variables: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=child_env(tmp_path, variables),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def load_settings(tmp_path: Path, variables: dict[str, str]) -> dict:
    """The settings as a fresh process loads them with ``variables``."""
    return json.loads(run(tmp_path, variables, "-c", SHOW_SETTINGS))


def test_make_run_settings_are_production_with_whitenoise_manifest_storage(tmp_path):
    loaded = load_settings(tmp_path, run_env())
    assert loaded["DEBUG"] is False
    assert loaded["staticfiles"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert loaded["finders"] is False  # only the collected files, with their hashed names
    assert loaded["whitenoise"] is True
    assert loaded["static_root"] == str(tmp_path / "static")
    assert loaded["secret"].startswith("generated-for-the-test-")


def test_make_run_settings_work_on_plain_http(tmp_path):
    loaded = load_settings(tmp_path, run_env())
    assert loaded["ssl_redirect"] is False
    assert loaded["session_secure"] is False
    assert loaded["csrf_secure"] is False


def test_production_behind_tls_keeps_https_redirect_and_secure_cookies(tmp_path):
    loaded = load_settings(tmp_path, {"FUGONG_ENV": "production"})
    assert loaded["DEBUG"] is False
    assert loaded["ssl_redirect"] is True
    assert loaded["session_secure"] is True
    assert loaded["csrf_secure"] is True


def test_make_run_collects_the_static_files_with_hashed_names(tmp_path):
    """Manifest storage refuses a file that names a missing one (a vendor source map)."""
    run(tmp_path, run_env(), "manage.py", "collectstatic", "--noinput", "-v0")
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())
    assert manifest["paths"]["fugong/favicon.svg"].startswith("fugong/favicon.")
    assert "vendor/htmx/htmx.min.js" in manifest["paths"]


def _run_sh(tmp_path: Path, port: int) -> subprocess.CompletedProcess:
    env = {**os.environ, "PORT": str(port), "FUGONG_VAR_DIR": str(tmp_path)}
    env["TMPDIR"] = str(tmp_path)  # where the port's lock is
    return subprocess.run(
        ["bash", str(ROOT / "scripts" / "run.sh")],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_make_run_refuses_a_port_another_server_listens_on(tmp_path):
    """The server's sockets share their port (reuse_port): a second one must not join in."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = _run_sh(tmp_path, port)
    assert result.returncode == 1
    assert f"port {port} is in use" in result.stderr
    assert not (tmp_path / "fugong.sqlite3").exists()  # refused before anything was built


def test_make_run_refuses_a_port_a_starting_server_holds(tmp_path):
    """A first `make run` still building its demo world does not listen yet; its lock says so."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with open(tmp_path / f"fugong-run-{port}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        result = _run_sh(tmp_path, port)
    assert result.returncode == 1
    assert f"port {port} is in use" in result.stderr
    assert not (tmp_path / "fugong.sqlite3").exists()


def test_make_run_serves_with_one_gunicorn_config_that_spreads_connections():
    """run.sh and the P2 bench start gunicorn with the same file; each worker has its socket."""
    from gunicorn.config import Config

    config = Config()
    namespace: dict = {}
    exec((ROOT / "scripts" / "gunicorn.conf.py").read_text(), namespace)  # noqa: S102
    for name, value in namespace.items():
        if name in config.settings:
            config.set(name, value)
    assert config.reuse_port is True
    assert (config.workers, config.threads, config.timeout) == (2, 4, 60)
    assert "-c scripts/gunicorn.conf.py" in (ROOT / "scripts" / "run.sh").read_text()
    assert '"scripts" / "gunicorn.conf.py"' in (ROOT / "bench" / "p2_checkins.py").read_text()


def test_favicon_ico_redirects_to_the_svg_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].endswith("fugong/favicon.svg")
    assert "max-age=86400" in response["Cache-Control"]


def test_every_page_links_the_favicon_and_shows_the_brand(client, world, chinese):
    client.force_login(world.users.city)
    html = client.get(reverse("home")).content.decode()
    assert 'rel="icon"' in html
    assert "fugong/favicon.svg" in html
    assert "复工复产管理平台" in html


def test_the_brand_is_english_after_the_switch(client, world):
    client.force_login(world.users.city)
    assert "Work Resumption Platform" in client.get(reverse("home")).content.decode()
