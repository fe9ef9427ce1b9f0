#!/usr/bin/env bash
# Runs fugong on SQLite with the demo world: the web server and the task worker together, so
# scheduled work happens in the demo too. Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
$PY manage.py migrate -v0
$PY manage.py demo_world
$PY manage.py run_huey --quiet &
worker=$!
trap 'kill $worker 2>/dev/null || true' EXIT INT TERM
echo "fugong: http://127.0.0.1:${PORT:-8000}  (worker pid $worker)"
$PY manage.py runserver "127.0.0.1:${PORT:-8000}"
