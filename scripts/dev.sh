#!/usr/bin/env bash
# `make dev`: Django's runserver with autoreload and DEBUG on, the Huey worker beside it, on
# SQLite with the demo world. For development only; `make run` is how production serves.
# Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export FUGONG_ENV=development
$PY manage.py migrate -v0
$PY manage.py demo_world
$PY manage.py run_huey --quiet &
worker=$!
trap 'kill $worker 2>/dev/null || true' EXIT INT TERM
echo "fugong (development): http://127.0.0.1:${PORT:-8000}  (worker pid $worker)"
$PY manage.py runserver "127.0.0.1:${PORT:-8000}"
