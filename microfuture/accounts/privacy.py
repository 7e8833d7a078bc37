"""The privacy notice's version: people agree to a version, recorded with its date.

Change PRIVACY_NOTICE_VERSION whenever the notice (web/templates/web/privacy.html) changes
in substance; consents already given keep the version they were given for. The version is the
day the text changed (YYYY-MM-DD), with the time (HH:MM, the site's time zone) when a day saw
more than one version, so that versions sort in the order they were written.
`web/tests/test_privacy_notice_version.py` fails when the template changes and this does not.

Versions: "2026-12-01" (the first notice); "2026-12-01 17:19" (failed sign-ins kept in the
database, erasure and one's own data described); "2026-12-01 19:20" (a closed account's name
in a club's books becomes "erased person #N"); "2026-12-01 21:10" (the stakeholder network's
directory, event registrations and club-interest records, and their erasure).
"""

PRIVACY_NOTICE_VERSION = "2026-12-01 21:10"
