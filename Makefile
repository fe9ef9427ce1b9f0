# fugong — the README's two commands are `make run` and `make test`.
PY := .venv/bin/python

.PHONY: run dev install test test-postgres bench lint format messages

run: install          ## install everything, build the demo world, serve as production (gunicorn + worker, DEBUG off)
	scripts/run.sh

dev: install          ## the same demo with runserver's autoreload and DEBUG on, for development
	scripts/dev.sh

install:
	scripts/install.sh

test: install         ## the whole suite on SQLite (DATABASE_URL=postgres://... for PostgreSQL)
	scripts/test.sh

test-postgres: install
	createdb -h 127.0.0.1 -U postgres fugong 2>/dev/null || true
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/fugong scripts/test.sh

bench: install        ## performance workloads of DESIGN §5; writes bench/results/
	$(PY) -m bench

format:
	.venv/bin/ruff format . && .venv/bin/ruff check --fix .

messages:             ## refresh the catalogues after changing user-facing strings
	$(PY) manage.py makemessages --no-location -l zh_Hans -l en --ignore=.venv --ignore=node_modules --ignore=bench
	$(PY) manage.py makemessages --no-location -d djangojs -l zh_Hans -l en --ignore=.venv --ignore=node_modules --ignore=var || true
