"""Keep the guides' search index (search.py) in step with the guides.

Every save or delete of a guide text re-indexes or removes it, and every save of a guide
re-indexes its texts, in the same transaction; so the seeding after `migrate` (seed.py, which
saves row by row) is indexed too. After every `migrate` of this app the index is rebuilt when it
does not hold exactly the texts there are (a first migration over existing guides, a restored
database, a flushed test database). Bulk `update()` / `bulk_create()` send no signals: call
`search.reindex_all()` after them. Connected by `GuidesConfig.ready()`.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_migrate, post_save
from django.dispatch import receiver

from microfuture.guides import search
from microfuture.guides.models import Guide, GuideText


@receiver(post_save, sender=GuideText, dispatch_uid="guides_search_text_saved")
def text_saved(sender: Any, instance: GuideText, using: str | None = None,
               **kwargs: Any) -> None:
    search.reindex_text(instance.pk, using=using)


@receiver(post_delete, sender=GuideText, dispatch_uid="guides_search_text_deleted")
def text_deleted(sender: Any, instance: GuideText, using: str | None = None,
                 **kwargs: Any) -> None:
    search.remove_text(instance.pk, using=using)


@receiver(post_save, sender=Guide, dispatch_uid="guides_search_guide_saved")
def guide_saved(sender: Any, instance: Guide, created: bool = False, using: str | None = None,
                **kwargs: Any) -> None:
    # A new guide has no text yet; its texts index themselves when saved.
    if not created:
        search.reindex_guide(instance.pk, using=using)


def reindex_after_migrate(sender: Any, using: str = "default", **kwargs: Any) -> None:
    """Rebuild the index when it does not hold exactly the guide texts there are. Connected
    after the seeding (seed.connect_post_migrate), so it runs after it."""
    if not search.index_ready(using):
        return
    texts = list(GuideText.objects.using(using).order_by("pk").values_list("pk", flat=True))
    if search.index_ids(using=using) != texts:
        search.reindex_all(using=using)


def connect(app_config: Any) -> None:
    """Called by `GuidesConfig.ready()` (the receivers above connect on import)."""
    post_migrate.connect(reindex_after_migrate, sender=app_config,
                         dispatch_uid="guides_search_after_migrate")
