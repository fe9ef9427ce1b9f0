#!/usr/bin/env bash
# The whole test suite: lint, format, types, Django checks, migrations, then pytest
# (including the headless-Chromium browser test). DATABASE_URL selects PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export FUGONG_ENV=test
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy fugong bench
$PY manage.py check
$PY manage.py makemigrations --check --dry-run
FUGONG_ENV=production SECRET_KEY=check-deploy-only-0123456789abcdefghijklmnopqrstuvwxyz-ABCDEFG \
  ALLOWED_HOSTS=fugong.example $PY manage.py check --deploy --fail-level WARNING
$PY -m pytest -n "${PYTEST_WORKERS:-2}" "$@"
