#!/usr/bin/env bash
# Serves the site with debug off through gunicorn (`make serve`; docs/deployment.md).
#
#   SERVE_HOST (127.0.0.1), SERVE_PORT (8000), SERVE_WORKERS (2): where and how many.
#   DATABASE_URL: PostgreSQL in production; unset, the SQLite file var/microfuture.sqlite3.
#   DJANGO_SECRET_KEY: unset, a key is made once and kept in var/secret_key (mode 600), a
#     convenience for a one-machine demo; a second server must be given the same key.
#   DJANGO_ALLOWED_HOSTS: unset, 127.0.0.1,localhost.
#
# Bound to a loopback address and not behind a proxy, this is the plain-HTTP demo: it sets
# DJANGO_INSECURE_LOCAL_HTTP=1 (no HTTPS redirect, cookies without Secure; the settings refuse
# it for a public host name or behind a proxy) and loads the demo data into an empty database.
# Anything else is production: HTTPS is enforced and no demo data is loaded.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
HOST=${SERVE_HOST:-127.0.0.1}
PORT=${SERVE_PORT:-8000}
WORKERS=${SERVE_WORKERS:-2}
VAR=${SERVE_VAR:-var}  # where the demo's secret key is kept

export DJANGO_DEBUG=0
unset DJANGO_INSECURE_LOCAL_HTTP
mkdir -p var "$VAR"
if [ -z "${DJANGO_SECRET_KEY:-}" ]; then
  if [ ! -s "$VAR/secret_key" ]; then
    (umask 077 && "$PY" -c 'import secrets; print(secrets.token_urlsafe(64))' > "$VAR/secret_key")
    echo "A secret key was made and kept in $VAR/secret_key (set DJANGO_SECRET_KEY to use your own)."
  fi
  chmod 600 "$VAR/secret_key"
  DJANGO_SECRET_KEY=$(cat "$VAR/secret_key")
  export DJANGO_SECRET_KEY
fi
export DJANGO_ALLOWED_HOSTS=${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost}

demo=0
case "$HOST" in
  127.*|::1|localhost) [ "${DJANGO_BEHIND_PROXY:-0}" = 1 ] || demo=1 ;;
esac

"$PY" manage.py compilemessages --ignore=.venv -v0
# The production settings as they are, warnings included: a bad setting stops here.
"$PY" manage.py check --deploy --fail-level WARNING
"$PY" manage.py collectstatic --noinput -v0
"$PY" manage.py migrate --noinput -v0
if [ "$demo" = 1 ]; then
  export DJANGO_INSECURE_LOCAL_HTTP=1
  if ! "$PY" manage.py shell -c "from django.contrib.auth import get_user_model; \
raise SystemExit(0 if get_user_model().objects.exists() else 3)"; then
    "$PY" manage.py seed_demo
  fi
  echo "Demo over plain HTTP on http://$HOST:$PORT/ (loopback only)."
fi
exec "$PY" -m gunicorn microfuture.wsgi:application --bind "$HOST:$PORT" --workers "$WORKERS" \
  --access-logfile - --forwarded-allow-ips 127.0.0.1
