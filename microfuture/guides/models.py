"""Guides and the glossary (`../shared/specs/guides.md`).

A guide is language-neutral (`Guide`: its slug, the finder kind it explains or none for a task
guide, the people's questions it answers, its sources and the day they were checked) with one
`GuideText` per language: any language code Django knows, Slovenian and English required for
publishing. Every change of a text or of the guide's facts writes a `GuideRevision` (append-only).
The glossary is the same shape: `GlossaryTerm` + one `GlossaryText` per language. Counts are
anonymous: one row per guide and day (`GuideView`), and per guide, day and the finder place a
reader came from (`GuideReferral`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from microfuture.finder.mechanism import KINDS

#: The questions a person comes with (spec §3): the index page groups the guides by them.
QUESTIONS = (
    ("idea_no_money", _("I have an idea but no money")),
    ("unemployed", _("I am unemployed and want to work for myself")),
    ("working_capital", _("I run a social enterprise and need working capital")),
    ("invest_savings", _("I want to invest my savings locally")),
    ("debts", _("I am worried about debts or about repaying")),
)
QUESTION_KEYS = tuple(key for key, _label in QUESTIONS)

#: The languages a guide must have before it is published.
REQUIRED_LANGUAGES = ("sl", "en")


class Guide(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    # The finder kind this guide explains (its slug is then the kind), or null for a task guide.
    kind = models.CharField(max_length=20, choices=[(k, k) for k in KINDS], null=True,
                            blank=True, unique=True)
    questions = models.JSONField(default=list, blank=True)
    position = models.PositiveIntegerField(default=100)
    checked_on = models.DateField()
    # [{"title": "...", "url": "https://..."}]
    sources = models.JSONField(default=list)
    published = models.BooleanField(default=False)
    # Who published it and when (a curator other than the last one to propose its text; empty
    # when seeded from the repository's files).
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+")
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "slug"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__isnull=True) | Q(slug=models.F("kind")),
                                   name="guide_of_a_kind_is_named_by_it"),
        ]

    def __str__(self) -> str:
        return self.slug

    def get_absolute_url(self) -> str:
        return f"/guides/{self.slug}/"


class GuideText(models.Model):
    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(max_length=10)
    title = models.CharField(max_length=200)
    # What it is, in two sentences (plain text).
    summary = models.TextField()
    # The rest, in the guides' markup (guides/text.py).
    body = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["guide", "language"]
        constraints = [
            models.UniqueConstraint(fields=["guide", "language"],
                                    name="one_guide_text_per_language"),
        ]

    def __str__(self) -> str:
        return f"{self.guide.slug} ({self.language})"


class GuideRevision(models.Model):
    """A guide's text in one language as proposed, with the guide's facts then.

    Four eyes: a curator's change is `proposed`; another curator applies it (the live
    `GuideText` then takes it) or declines it. Seeding from the repository's files applies
    directly (`made_by` empty). Only the state and the approver are ever written after creation.
    """

    class State(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        APPLIED = "applied", _("applied")
        DECLINED = "declined", _("declined")

    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="revisions")
    language = models.CharField(max_length=10)
    title = models.CharField(max_length=200)
    summary = models.TextField()
    body = models.TextField()
    checked_on = models.DateField()
    sources = models.JSONField(default=list)
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                blank=True, related_name="+")
    made_at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=200, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PROPOSED)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["guide", "language", "-made_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.guide.slug} ({self.language}) {self.made_at:%Y-%m-%d %H:%M}"


class GlossaryTerm(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    sources = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.slug

    def get_absolute_url(self) -> str:
        return f"/glossary/#{self.slug}"


class GlossaryText(models.Model):
    term = models.ForeignKey(GlossaryTerm, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(max_length=10)
    name = models.CharField(max_length=120)
    abbr = models.CharField(max_length=20, blank=True)
    # The word forms that mark the term in a text (lower case; the abbreviation matches as written).
    forms = models.JSONField(default=list, blank=True)
    definition = models.TextField()
    example = models.TextField(blank=True)

    class Meta:
        ordering = ["term", "language"]
        constraints = [
            models.UniqueConstraint(fields=["term", "language"],
                                    name="one_glossary_text_per_language"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.language})"


class GuideView(models.Model):
    """How many times a guide's page was read on a day: a count, nothing about the reader."""

    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="views")
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-day", "guide"]
        constraints = [
            models.UniqueConstraint(fields=["guide", "day"], name="one_guide_view_row_per_day"),
        ]

    def __str__(self) -> str:
        return f"{self.guide_id} {self.day}: {self.count}"


class GuideReferral(models.Model):
    """How many readers came to a guide from a place of the finder on a day."""

    class Source(models.TextChoices):
        RESULT = "result", _("a finder result")
        NEAR_MISS = "near_miss", _("a near miss (what would change that)")
        PATHWAY = "pathway", _("a pathway")
        MECHANISM = "mechanism", _("a mechanism's page")

    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="referrals")
    day = models.DateField()
    source = models.CharField(max_length=20, choices=Source.choices)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-day", "guide", "source"]
        constraints = [
            models.UniqueConstraint(fields=["guide", "day", "source"],
                                    name="one_guide_referral_row_per_day_and_source"),
        ]

    def __str__(self) -> str:
        return f"{self.guide_id} {self.day} {self.source}: {self.count}"
