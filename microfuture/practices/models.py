"""The good-practice library: practices, the shared success factors, region profiles,
revisions, and practitioners' insights (spec: shared/specs/good-practices.md).

Texts are kept in Slovenian and English (`*_sl`, `*_en`), with the original language beside
them where a record was written in another one (`original_language`, `original_text`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class SuccessFactor(models.Model):
    """A contextual condition a practice depends on; one vocabulary for the whole library."""

    class Category(models.TextChoices):
        LEGAL = "legal", _("Legal")
        FISCAL = "fiscal", _("Fiscal")
        FINANCIAL = "financial", _("Financial")
        INSTITUTIONAL = "institutional", _("Institutional")
        SOCIAL = "social", _("Social")
        SKILLS = "skills", _("Skills")

    class Kind(models.TextChoices):
        # A precondition must exist (law, tax, public money); a thing a pilot builds never
        # blocks a transfer: it goes on the pilot's to-do list (practices/transfer.py).
        PRECONDITION = "precondition", _("Precondition")
        BUILT_BY_PILOT = "built_by_pilot", _("Built by a pilot")

    key = models.SlugField(_("key"), max_length=80, unique=True)
    name_sl = models.CharField(_("name (Slovenian)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices,
                            default=Kind.PRECONDITION)

    class Meta:
        ordering = ["category", "key"]

    def __str__(self) -> str:
        return self.name_en or self.name_sl or self.key


class Practice(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")
        VALIDATED = "validated", _("Validated")

    PUBLIC = (Status.APPROVED, Status.VALIDATED)

    slug = models.SlugField(max_length=120, unique=True)
    title_sl = models.CharField(_("title (Slovenian)"), max_length=250, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=250, blank=True)
    summary_sl = models.CharField(_("summary (Slovenian)"), max_length=300, blank=True)
    summary_en = models.CharField(_("summary (English)"), max_length=300, blank=True)
    description_sl = models.TextField(_("description (Slovenian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    original_language = models.CharField(_("original language"), max_length=8, blank=True)
    original_text = models.TextField(_("original text"), blank=True)
    country = models.CharField(_("country"), max_length=2)
    region = models.CharField(_("region (NUTS)"), max_length=5, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    main_institution = models.CharField(_("main institution"), max_length=250, blank=True)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    mechanism_kinds = models.JSONField(_("mechanism kinds"), default=list, blank=True)
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    resources_needed_sl = models.TextField(_("resources needed (Slovenian)"), blank=True)
    resources_needed_en = models.TextField(_("resources needed (English)"), blank=True)
    evidence_sl = models.TextField(_("evidence of success (Slovenian)"), blank=True)
    evidence_en = models.TextField(_("evidence of success (English)"), blank=True)
    difficulties_sl = models.TextField(_("difficulties encountered (Slovenian)"), blank=True)
    difficulties_en = models.TextField(_("difficulties encountered (English)"), blank=True)
    transfer_potential_sl = models.TextField(_("potential for transfer (Slovenian)"), blank=True)
    transfer_potential_en = models.TextField(_("potential for transfer (English)"), blank=True)
    lessons_sl = models.TextField(_("lessons from failures (Slovenian)"), blank=True)
    lessons_en = models.TextField(_("lessons from failures (English)"), blank=True)
    sources = models.JSONField(_("sources (URLs)"), default=list, blank=True)
    contacts = models.JSONField(
        _("contacts (organisations)"), default=list, blank=True,
        help_text=_("Organisations of the stakeholder directory, not personal data."),
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    expert_opinion_sl = models.TextField(_("expert opinion (Slovenian)"), blank=True)
    expert_opinion_en = models.TextField(_("expert opinion (English)"), blank=True)
    # Confirmed as one of the eight good practices MICROFUTURE presented (the Ministry quotes
    # the library); every other public record carries a "candidate" mark.
    presented = models.BooleanField(
        _("confirmed as one of the eight practices MICROFUTURE presented"), default=False)
    # Curators' notes (facts still to check, our own readings of the sources): shown to the
    # library's editors only; visitors see a plain sentence that some facts are unconfirmed.
    uncertain_sl = models.TextField(_("curator's notes (Slovenian)"), blank=True)
    uncertain_en = models.TextField(_("curator's notes (English)"), blank=True)
    review_comment = models.TextField(_("editor's comment"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="practices",
    )
    factors: models.ManyToManyField[SuccessFactor, PracticeFactor] = models.ManyToManyField(
        SuccessFactor, through="PracticeFactor", blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["slug"]
        indexes = [models.Index(fields=["status", "country"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(title_sl="", title_en=""), name="practice_has_a_title"
            ),
        ]

    def __str__(self) -> str:
        return self.title_en or self.title_sl or self.slug

    @property
    def is_public(self) -> bool:
        return self.status in self.PUBLIC

    @property
    def running(self) -> bool:
        return self.ended_on is None

    @property
    def is_candidate(self) -> bool:
        """Not confirmed as one of the eight presented practices."""
        return not self.presented


class Indicator(models.Model):
    """A figure of the evidence of success: name / value / unit / year."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="indicators")
    name_sl = models.CharField(max_length=200, blank=True)
    name_en = models.CharField(max_length=200, blank=True)
    value = models.CharField(max_length=40, help_text=_("A number, written as given."))
    unit = models.CharField(max_length=40, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["practice", "position"]

    def __str__(self) -> str:
        return f"{self.name_en or self.name_sl}: {self.value} {self.unit}"


class PracticeFactor(models.Model):
    class Weight(models.IntegerChoices):
        HELPS = 1, _("helps")
        IMPORTANT = 2, _("important")
        ESSENTIAL = 3, _("essential")

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE,
                                 related_name="practice_factors")
    factor = models.ForeignKey(SuccessFactor, on_delete=models.PROTECT, related_name="uses")
    weight = models.PositiveSmallIntegerField(choices=Weight.choices)

    class Meta:
        ordering = ["practice", "-weight", "factor__key"]
        constraints = [
            models.UniqueConstraint(fields=["practice", "factor"], name="factor_once_per_practice"),
            models.CheckConstraint(condition=Q(weight__gte=1) & Q(weight__lte=3),
                                   name="factor_weight_1_to_3"),
        ]

    def __str__(self) -> str:
        return f"{self.practice} – {self.factor} ({self.weight})"


class Revision(models.Model):
    """A snapshot of a practice after a change, with who and when; restorable."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    data = models.JSONField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["practice", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["practice", "number"], name="revision_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.practice} r{self.number}"


class RegionProfile(models.Model):
    """A region's answers to the success factors (Slovenia, or one of its regions)."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=150)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class FactorAnswer(models.Model):
    class Answer(models.TextChoices):
        PRESENT = "present", _("present")
        PARTIAL = "partial", _("partial")
        ABSENT = "absent", _("absent")
        UNKNOWN = "unknown", _("unknown")

    region = models.ForeignKey(RegionProfile, on_delete=models.CASCADE, related_name="answers")
    factor = models.ForeignKey(SuccessFactor, on_delete=models.CASCADE, related_name="answers")
    answer = models.CharField(max_length=10, choices=Answer.choices)
    note = models.TextField(blank=True)  # in English (the facts' language)
    note_sl = models.TextField(_("note (Slovenian)"), blank=True)
    # Our own reading of the sources, what was not researched: for editors, never visitors.
    curator_note = models.TextField(_("curator's note"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["region", "factor"], name="one_answer_per_factor")
        ]

    def __str__(self) -> str:
        return f"{self.region.code} {self.factor.key}: {self.answer}"


class QuestionSet(models.Model):
    """The interview guide for practitioners of one practice."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE,
                                 related_name="question_sets")
    title = models.CharField(_("title"), max_length=200)

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    question_set = models.ForeignKey(QuestionSet, on_delete=models.CASCADE,
                                     related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    text_sl = models.CharField(max_length=400, blank=True)
    text_en = models.CharField(max_length=400, blank=True)

    class Meta:
        ordering = ["question_set", "position"]

    def __str__(self) -> str:
        return self.text_en or self.text_sl


class Interview(models.Model):
    """A recorded interview with a practitioner, kept only with their consent."""

    question_set = models.ForeignKey(QuestionSet, on_delete=models.PROTECT,
                                     related_name="interviews")
    interviewee_role = models.CharField(
        _("interviewee's role"), max_length=200,
        help_text=_("Their role, e.g. 'manager of a club in Lyon'; no name needed."),
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    held_on = models.DateField(_("held on"))
    consent_given = models.BooleanField(_("the interviewee agreed to this record"))
    consent_text = models.TextField(_("what they agreed to"), blank=True)
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(consent_given=True),
                                   name="interview_needs_consent"),
        ]

    def __str__(self) -> str:
        return f"{self.interviewee_role} ({self.held_on})"


class InterviewAnswer(models.Model):
    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    text = models.TextField()
    factors = models.ManyToManyField(SuccessFactor, blank=True, related_name="insights")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["interview", "question"], name="answer_once")
        ]

    def __str__(self) -> str:
        return self.text[:60]


class SearchState(models.Model):
    """One row whose token changes with every change to the search index, in the same
    transaction, so each process knows when its in-memory facet data (search_facets.py) is out
    of date. A flush empties it like any other table: no row means "reload every time"."""

    ONLY = 1

    token = models.CharField(max_length=32)

    def __str__(self) -> str:
        return self.token
