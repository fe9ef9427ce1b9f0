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

# A port already taken is refused: each server process listens on a socket of its own on the
# same port (reuse_port in scripts/gunicorn.conf.py), so a second server would otherwise share
# the port with the first without a word. The lock covers a second `make run` started while the
# first still builds the demo world; the probe covers any other server on the port.
PORT=${PORT:-8000}
exec 9>"${TMPDIR:-/tmp}/fugong-run-$PORT.lock"
port_is_free='
import socket, sys
probe = socket.socket()
probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
probe.bind(("127.0.0.1", int(sys.argv[1])))'
if ! flock -n 9 || ! $PY -c "$port_is_free" "$PORT" 2>/dev/null; then
  echo "fugong: port $PORT is in use; stop the server there or choose another PORT" >&2
  exit 1
fi
export PORT

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
.venv/bin/gunicorn fugong.wsgi:application -c scripts/gunicorn.conf.py --access-logfile - &
pids+=($!)
echo "fugong: http://127.0.0.1:${PORT:-8000}  (gunicorn pid ${pids[1]}, worker pid ${pids[0]})"
# Whichever of the two stops first, the other is stopped with it.
wait -n
