"""The privacy notice's version: people agree to a version, recorded with its date.

Change PRIVACY_NOTICE_VERSION whenever the notice (web/templates/web/privacy.html) changes
in substance; consents already given keep the version they were given for.
"""

PRIVACY_NOTICE_VERSION = "2026-12-01"
