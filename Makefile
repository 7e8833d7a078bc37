# Microfuture Hub: `make run` serves the site with demo data; `make test` runs every check.
SHELL := /bin/bash
PY := .venv/bin/python
STAMP := .venv/.installed

.PHONY: run serve test lint bench bench-full messages clean

$(STAMP): requirements.txt requirements-dev.txt
	@command -v python3 >/dev/null || { echo "python3 is needed"; exit 1; }
	test -x $(PY) || python3 -m venv .venv
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

run: $(STAMP)
	scripts/apt-ensure.sh gettext libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
	mkdir -p var
	DJANGO_DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv -v0
	DJANGO_DEBUG=1 $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=1 $(PY) manage.py seed_demo
	DJANGO_DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

# Debug off, gunicorn, static files by whitenoise; SERVE_HOST, SERVE_PORT, SERVE_WORKERS,
# DATABASE_URL (docs/deployment.md).
serve: $(STAMP)
	scripts/apt-ensure.sh gettext libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
	scripts/serve.sh

test: $(STAMP)
	scripts/test.sh

lint: $(STAMP)
	$(PY) -m ruff check .
	DJANGO_DEBUG=1 $(PY) -m mypy

# The federation bench (docs/performance.md): quick (under 5 minutes) or full; both write
# bench/results.json and the table in docs/performance.md. Locust only for this.
BENCH_STAMP := .venv/.bench-installed
$(BENCH_STAMP): $(STAMP) requirements-bench.txt
	$(PY) -m pip install --quiet -r requirements-bench.txt
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	$(PY) bench/run.py --$(or $(MODE),quick)

bench-full: $(BENCH_STAMP)
	$(PY) bench/run.py --full

messages: $(STAMP)
	DJANGO_DEBUG=1 $(PY) manage.py makemessages -l sl --ignore=.venv --ignore=var --no-obsolete
	DJANGO_DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf var .pytest_cache .mypy_cache .ruff_cache
