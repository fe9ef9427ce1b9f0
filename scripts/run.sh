#!/usr/bin/env bash
# `make run`: fugong as production serves it -- gunicorn, DEBUG off, static files collected and
# served by whitenoise -- with the Huey worker beside it, on SQLite with the demo world, at
# http://127.0.0.1:${PORT:-8000}. Plain http on the loopback only (see scripts/run.env).
# Ctrl-C or TERM stops the web server and the worker together.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
VAR_DIR=${FUGONG_VAR_DIR:-$PWD/var}
mkdir -p "$VAR_DIR"

# The demo world is a development fixture (it creates `admin` with a known password), so it is
# built before the server switches to production settings.
FUGONG_ENV=development $PY manage.py migrate -v0
FUGONG_ENV=development $PY manage.py demo_world

set -a
# shellcheck source=run.env
. scripts/run.env
set +a

# Production settings refuse to start without a secret key. Generate one once and keep it
# (readable by this user only), so sessions survive a restart.
if [ -z "${SECRET_KEY:-}" ] && [ -z "${SECRET_KEY_FILE:-}" ]; then
  key_file="$VAR_DIR/secret_key"
  if [ ! -s "$key_file" ]; then
    (umask 077 && $PY -c 'import secrets; print(secrets.token_urlsafe(50))' >"$key_file")
  fi
  chmod 600 "$key_file"
  export SECRET_KEY_FILE="$key_file"
fi

$PY manage.py collectstatic --noinput -v0
$PY manage.py check --fail-level ERROR >/dev/null

pids=()
stop() {
  trap - INT TERM EXIT
  kill -TERM "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
}
trap stop INT TERM EXIT

$PY manage.py run_huey --quiet &
pids+=($!)
# 2 processes x 4 threads suits a 2-core machine: requests mostly wait on SQLite and templates.
# 60 s is above the slowest page (a large roster export) and below a browser's patience.
.venv/bin/gunicorn fugong.wsgi:application \
  --bind "127.0.0.1:${PORT:-8000}" \
  --workers "${WEB_CONCURRENCY:-2}" --threads "${WEB_THREADS:-4}" \
  --timeout 60 --graceful-timeout 20 \
  --access-logfile - --log-level warning &
pids+=($!)
echo "fugong: http://127.0.0.1:${PORT:-8000}  (gunicorn pid ${pids[1]}, worker pid ${pids[0]})"
# Whichever of the two stops first, the other is stopped with it.
wait -n
