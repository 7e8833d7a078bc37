#!/usr/bin/env bash
# Fold Slovenian translations kept in locale/sl/parts/*.po into the catalogue, re-extract the
# strings from the code and compile. Serialised with a lock, so several people can run it.
set -euo pipefail
cd "$(dirname "$0")/.."
exec 9>/tmp/microfuture-merge-po.lock
flock 9
PO=locale/sl/LC_MESSAGES/django.po
export DJANGO_DEBUG=1
shopt -s nullglob
parts=(locale/sl/parts/*.po)
if [ ${#parts[@]} -gt 0 ]; then
  tmp=$(mktemp -d)
  msgattrib --translated --no-fuzzy --no-obsolete "$PO" -o "$tmp/done.po"
  # The catalogue's header and existing translations come first and win.
  msgcat --use-first "$tmp/done.po" "${parts[@]}" -o "$PO"
  rm -rf "$tmp"
fi
.venv/bin/python manage.py makemessages -l sl --ignore=.venv --ignore=var --no-obsolete -v0
.venv/bin/python manage.py compilemessages --ignore=.venv -v0
msgfmt --statistics -o /dev/null "$PO"
