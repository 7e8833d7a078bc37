#!/usr/bin/env bash
# The whole test suite: lint and types, then every test on SQLite and on a throwaway
# PostgreSQL cluster, browser tests in Debian's headless Chromium included.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
start=$(date +%s)

scripts/apt-ensure.sh gettext postgresql chromium libpango-1.0-0 libpangoft2-1.0-0 \
  fonts-dejavu-core poppler-utils

export DJANGO_DEBUG=1 DJANGO_ALLOW_ASYNC_UNSAFE=true
unset DATABASE_URL
$PY manage.py compilemessages --ignore=.venv -v0

echo "== ruff"; $PY -m ruff check .
echo "== mypy"; $PY -m mypy

echo "== tests on SQLite"
$PY -m pytest -q -p no:cacheprovider "$@"

echo "== tests on PostgreSQL"
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PGDATA=$(mktemp -d /tmp/mf-pgdata.XXXXXX); PGSOCK=$(mktemp -d /tmp/mf-pgsock.XXXXXX)
PGPORT=${PGPORT:-55432}
AS=""
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  chown postgres: "$PGDATA" "$PGSOCK"; AS="runuser -u postgres --"
fi
stop_pg() { $AS "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null 2>&1 || true; rm -rf "$PGDATA" "$PGSOCK"; }
trap stop_pg EXIT
$AS "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
$AS "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w -o "-k $PGSOCK -p $PGPORT \
  -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
export DATABASE_URL="postgres://postgres@/microfuture?host=$PGSOCK&port=$PGPORT"
$PY -m pytest -q -p no:cacheprovider "$@"

echo "== all passed in $(( $(date +%s) - start )) s"
