"""Keep the search index (search.py) in step with the library.

Every save or delete of a practice, of one of its success factors or indicators, and every
rename of a success factor re-indexes the practices concerned, in the same transaction.
Bulk `QuerySet.update()` / `bulk_create()` send no signals: call `search.reindex_all()` (or
`reindex_practice`) after them.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_migrate, post_save
from django.dispatch import receiver

from microfuture.practices import search
from microfuture.practices.models import Indicator, Practice, PracticeFactor, SuccessFactor


@receiver(post_save, sender=Practice, dispatch_uid="practices_search_practice_saved")
def practice_saved(sender: Any, instance: Practice, raw: bool = False,
                   using: str | None = None, **kwargs: Any) -> None:
    search.reindex_practice(instance.pk, using=using)


@receiver(post_delete, sender=Practice, dispatch_uid="practices_search_practice_deleted")
def practice_deleted(sender: Any, instance: Practice, using: str | None = None,
                     **kwargs: Any) -> None:
    search.remove_from_index(instance.pk, using=using)


@receiver(post_save, sender=PracticeFactor, dispatch_uid="practices_search_factor_link_saved")
@receiver(post_delete, sender=PracticeFactor, dispatch_uid="practices_search_factor_link_deleted")
@receiver(post_save, sender=Indicator, dispatch_uid="practices_search_indicator_saved")
@receiver(post_delete, sender=Indicator, dispatch_uid="practices_search_indicator_deleted")
def part_changed(sender: Any, instance: PracticeFactor | Indicator, using: str | None = None,
                 **kwargs: Any) -> None:
    # On a cascading delete of the practice itself this re-adds the entry for a moment;
    # the practice's own post_delete (sent after its children's) removes it again.
    search.reindex_practice(instance.practice_id, using=using)


@receiver(post_save, sender=SuccessFactor, dispatch_uid="practices_search_success_factor_saved")
def success_factor_saved(sender: Any, instance: SuccessFactor, created: bool = False,
                         using: str | None = None, **kwargs: Any) -> None:
    if created:
        return
    ids = PracticeFactor.objects.using(using).filter(factor=instance).values_list(
        "practice_id", flat=True
    )
    for practice_id in sorted(set(ids)):
        search.reindex_practice(practice_id, using=using)


@receiver(post_delete, sender=SuccessFactor, dispatch_uid="practices_search_success_factor_deleted")
def success_factor_deleted(sender: Any, instance: SuccessFactor, **kwargs: Any) -> None:
    # A factor still in use cannot be deleted (PROTECT); its links' own signals cover the rest.
    return None


def index_after_migrate(sender: Any, using: str = "default", plan: Any = None,
                        **kwargs: Any) -> None:
    """After `migrate`: index the records if the index is missing some (first install of
    migration 0002 on a library that already has records, or a restored database)."""
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    applied = MigrationRecorder(connections[using]).applied_migrations()
    if ("practices", "0002_search_index") not in applied:
        return
    if Practice.objects.using(using).count() != search.index_size(using=using):
        search.reindex_all(using=using)


def connect_post_migrate(app_config: Any) -> None:
    post_migrate.connect(index_after_migrate, sender=app_config,
                         dispatch_uid="practices_search_after_migrate")
