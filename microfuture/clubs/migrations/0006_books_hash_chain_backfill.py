"""Chain the events and audit rows that existed before the chains (clubs/chain.py).

Events per club in `seq` order; audit rows per club (and the rows without a club) in id
order. The chain proves nothing about the rows as they were before this migration ran: it
starts from them as they are.
"""

from django.db import migrations

from microfuture.clubs.chain import EVENT_FIELDS, GENESIS, audit_hash, event_hash


def forward(apps, schema_editor):
    ClubEvent = apps.get_model("clubs", "ClubEvent")
    AuditLog = apps.get_model("clubs", "AuditLog")
    for club_id in ClubEvent.objects.values_list("club_id", flat=True).distinct():
        prev = GENESIS
        for values in ClubEvent.objects.filter(club_id=club_id).order_by("seq").values(
            "id", *EVENT_FIELDS
        ):
            row_hash = event_hash(prev, values)
            ClubEvent.objects.filter(pk=values["id"]).update(prev_hash=prev, hash=row_hash)
            prev = row_hash
    for club_id in set(AuditLog.objects.values_list("club_id", flat=True)):
        prev = GENESIS
        for values in AuditLog.objects.filter(club_id=club_id).order_by("id").values(
            "id", "club_id", "actor_id", "action", "detail", "at"
        ):
            row_hash = audit_hash(prev, values)
            AuditLog.objects.filter(pk=values["id"]).update(prev_hash=prev, hash=row_hash)
            prev = row_hash


class Migration(migrations.Migration):
    dependencies = [("clubs", "0005_books_hash_chain_columns")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
