"""Every write of the clubs app. Split by area; import from here."""

from microfuture.clubs.services.audit import audit
from microfuture.clubs.services.charter import (
    club_found,
    club_update_charter,
    member_add,
    member_set_role,
)
from microfuture.clubs.services.money import (
    ClubError,
    ImportOutcome,
    club_create,
    club_import_journal,
    club_record_event,
    club_record_events,
    club_reverse_event,
    club_set_status,
)
from microfuture.clubs.services.privacy import figures_read_for_audit, member_set_consents

__all__ = [
    "ClubError",
    "ImportOutcome",
    "audit",
    "club_create",
    "club_found",
    "club_import_journal",
    "club_record_event",
    "club_record_events",
    "club_reverse_event",
    "club_set_status",
    "club_update_charter",
    "figures_read_for_audit",
    "member_add",
    "member_set_consents",
    "member_set_role",
]
