#!/usr/bin/env bash
# Installs everything fugong needs on a fresh Debian machine: system packages (Chromium and CJK
# fonts for the browser tests, gettext for the catalogues), the Python virtualenv, the front-end
# assets from the npm lockfile, and the compiled translations. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v msgfmt >/dev/null 2>&1 || need_apt+=(gettext)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need_apt+=(fonts-noto-cjk)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check --upgrade pip
.venv/bin/pip install -q --disable-pip-version-check -e '.[dev,redis]'

npm ci --no-audit --no-fund --silent
mkdir -p fugong/static/vendor/htmx fugong/static/vendor/bootstrap fugong/static/vendor/echarts \
  fugong/static/vendor/jsqr
cp node_modules/htmx.org/dist/htmx.min.js fugong/static/vendor/htmx/
# The source maps too: the minified files name them, and `make run`'s collectstatic (manifest
# storage) refuses a reference to a missing file.
cp node_modules/bootstrap/dist/css/bootstrap.min.css{,.map} fugong/static/vendor/bootstrap/
cp node_modules/bootstrap/dist/js/bootstrap.bundle.min.js{,.map} fugong/static/vendor/bootstrap/
# Charts (cluster graph, metrics trends) and the camera QR decoder where the browser has no
# BarcodeDetector.
cp node_modules/echarts/dist/echarts.min.js fugong/static/vendor/echarts/
cp node_modules/jsqr/dist/jsQR.js fugong/static/vendor/jsqr/

.venv/bin/python manage.py compilemessages -v0 --ignore=.venv --ignore=node_modules
echo "fugong installed."
