"""The finder's catalogue at rest, and anonymous counts of what the finder showed.

A `Provider` offers `Mechanism`s (spec: shared/specs/finance-finder.md §1). Texts are kept
in both languages side by side (`name_sl`, `name_en`). Amounts are integer cents in euros;
FTE counts and shares are kept as the decimal text given, so nothing passes through a float.
Lists of codes (countries, regions, …) are JSON lists; `catalogue.py` checks them on import
and the admin form checks them the same way.

The usage counters hold no personal data: per day, how often each mechanism was shown in
each result group, and how often each criterion was the one that failed.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from microfuture.finder import catalogue

KIND_CHOICES = [
    ("microloan", _("Microloan")),
    ("loan", _("Loan")),
    ("guarantee", _("Guarantee")),
    ("grant", _("Grant")),
    ("equity", _("Equity investment")),
    ("savings_club", _("Savings club of citizens")),
    ("crowdfunding", _("Crowdfunding")),
    ("advice", _("Advice and mentoring")),
]
PROVIDER_KIND_CHOICES = [
    ("public_fund", _("Public fund")),
    ("bank", _("Bank")),
    ("microfinance_institution", _("Microfinance institution")),
    ("guarantee_society", _("Guarantee society")),
    ("cooperative", _("Cooperative")),
    ("foundation", _("Foundation")),
    ("citizen_club_network", _("Network of citizen clubs")),
    ("crowdfunding_platform", _("Crowdfunding platform")),
    ("ministry", _("Ministry")),
]
ENTITY_TYPE_CHOICES = [
    ("individual", _("A person, not yet registered")),
    ("sole_trader", _("Sole trader (s.p.)")),
    ("company", _("Company")),
    ("cooperative", _("Cooperative")),
    ("association", _("Association")),
    ("institute", _("Institute (zavod)")),
]
TARGET_GROUP_CHOICES = [
    ("unemployed", _("Unemployed people")),
    ("long_term_unemployed", _("Long-term unemployed people")),
    ("youth", _("Young people")),
    ("women", _("Women")),
    ("migrants", _("Migrants")),
    ("disability", _("People with disabilities")),
    ("roma", _("Roma")),
    ("over_50", _("People over 50")),
    ("minimum_income", _("People on minimum income")),
    ("social_economy", _("Social economy organisations")),
]
PURPOSE_CHOICES = [
    ("start_up", _("Starting a business")),
    ("investment", _("Investment")),
    ("working_capital", _("Working capital")),
    ("equipment", _("Equipment")),
    ("training", _("Training")),
    ("social_impact", _("Social impact")),
]
SECTOR_CHOICES = [(letter, letter) for letter in "ABCDEFGHIJKLMNOPQRSTU"]


class Provider(models.Model):
    """Who offers mechanisms: a fund, a bank, a ministry, a network of clubs."""

    slug = models.SlugField(_("slug"), max_length=catalogue.SLUG_MAX, unique=True)
    name_sl = models.CharField(_("name (Slovenian)"), max_length=catalogue.NAME_MAX, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=catalogue.NAME_MAX, blank=True)
    kind = models.CharField(_("kind"), max_length=40, choices=PROVIDER_KIND_CHOICES)
    country = models.CharField(_("country (ISO code)"), max_length=2, blank=True)
    website = models.URLField(_("website"), max_length=catalogue.URL_MAX, blank=True)
    contact = models.CharField(_("contact"), max_length=catalogue.CONTACT_MAX, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("finance provider")
        verbose_name_plural = _("finance providers")
        constraints = [
            models.CheckConstraint(condition=~Q(name_sl="", name_en=""),
                                   name="finder_provider_has_name"),
        ]

    def __str__(self) -> str:
        return self.name_en or self.name_sl or self.slug


class Mechanism(models.Model):
    """A way to finance a project: a microloan, a guarantee, a grant, a savings club, …"""

    slug = models.SlugField(_("slug"), max_length=catalogue.SLUG_MAX, unique=True)
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT,
                                 related_name="mechanisms", verbose_name=_("provider"))
    name_sl = models.CharField(_("name (Slovenian)"), max_length=catalogue.NAME_MAX, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=catalogue.NAME_MAX, blank=True)
    summary_sl = models.TextField(_("summary (Slovenian)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    how_to_apply_sl = models.TextField(_("how to apply (Slovenian)"), blank=True)
    how_to_apply_en = models.TextField(_("how to apply (English)"), blank=True)
    url = models.URLField(_("web page"), max_length=catalogue.URL_MAX, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=KIND_CHOICES)

    # Terms, shown to the applicant.
    amount_min_cents = models.BigIntegerField(_("smallest amount (cents)"), null=True, blank=True)
    amount_max_cents = models.BigIntegerField(_("largest amount (cents)"), null=True, blank=True)
    rate_sl = models.CharField(_("interest rate (Slovenian)"),
                               max_length=catalogue.SHORT_TEXT_MAX, blank=True)
    rate_en = models.CharField(_("interest rate (English)"),
                               max_length=catalogue.SHORT_TEXT_MAX, blank=True)
    term_months_max = models.PositiveIntegerField(_("longest term (months)"),
                                                  null=True, blank=True)
    grace_months_max = models.PositiveIntegerField(_("longest grace period (months)"),
                                                   null=True, blank=True)
    collateral_sl = models.CharField(_("collateral (Slovenian)"),
                                     max_length=catalogue.SHORT_TEXT_MAX, blank=True)
    collateral_en = models.CharField(_("collateral (English)"),
                                     max_length=catalogue.SHORT_TEXT_MAX, blank=True)
    own_share_pct = models.CharField(_("own share (%)"), max_length=12, blank=True,
                                     help_text=_("A decimal number, e.g. 15 or 12.5."))

    # Criteria.
    countries = models.JSONField(_("countries"), default=list, blank=True,
                                 help_text=_("ISO codes; empty means any country."))
    regions = models.JSONField(_("regions"), default=list, blank=True,
                               help_text=_("NUTS-3 codes; empty means the whole country."))
    entity_types = models.JSONField(_("legal forms"), default=list, blank=True)
    requires_social_enterprise_status = models.BooleanField(
        _("needs the social-enterprise status"), default=False)
    employees_min = models.CharField(_("fewest employees (FTE)"), max_length=12, blank=True)
    employees_max = models.CharField(_("most employees (FTE)"), max_length=12, blank=True)
    age_months_min = models.PositiveIntegerField(_("youngest age (months)"),
                                                 null=True, blank=True)
    age_months_max = models.PositiveIntegerField(_("oldest age (months)"),
                                                 null=True, blank=True)
    founded_before = models.DateField(_("founded before"), null=True, blank=True)
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    purposes = models.JSONField(_("purposes"), default=list, blank=True)
    credit_rating_min = models.CharField(_("worst credit rating accepted"),
                                         max_length=catalogue.CODE_MAX, blank=True)
    excluded_sectors = models.JSONField(_("excluded sectors (NACE)"), default=list, blank=True)
    open_from = models.DateField(_("open from"), null=True, blank=True)
    open_until = models.DateField(_("open until"), null=True, blank=True)
    open_until_estimated = models.BooleanField(
        _("closing date is an estimate"), default=False,
        help_text=_("The source gives no closing date yet; the date above is the curator's "
                    "best estimate."))
    requires_no_tax_debts = models.BooleanField(
        _("no unpaid taxes or blocked account"), default=False,
        help_text=_("The applicant must have no unpaid taxes and no blocked bank account."))
    de_minimis = models.BooleanField(
        _("de minimis aid"), default=False,
        help_text=_("Given as de minimis aid: counts towards the applicant's ceiling over "
                    "three years."))
    municipalities = models.JSONField(
        _("municipalities"), default=list, blank=True,
        help_text=_("Official codes of the municipalities it is limited to; empty = any."))

    # Keeping the catalogue true (spec finance-finder §5).
    verified_on = models.DateField(
        _("last checked on"), null=True, blank=True,
        help_text=_("The day a curator last checked this entry against its sources."))
    standing = models.BooleanField(
        _("standing product"), default=True,
        help_text=_("A permanent product or service; untick for a call that opens and closes "
                    "(a call needs a closing date)."))
    product = models.SlugField(
        _("product"), max_length=catalogue.SLUG_MAX, blank=True,
        help_text=_("For a call: the slug shared by all the calls of one product (for example "
                    "every yearly call of one microloan)."))

    # Shown, not criteria.
    contact = models.CharField(_("contact"), max_length=catalogue.CONTACT_MAX, blank=True,
                               help_text=_("Leave empty to show the provider's contact."))
    # Curators' notes (what the sources leave open, our own readings of them): shown to
    # curators in the admin and on the result page, never to visitors, who read a plain
    # "confirm with the provider" instead.
    uncertain_sl = models.TextField(_("curators' notes (Slovenian)"), blank=True)
    uncertain_en = models.TextField(_("curators' notes (English)"), blank=True)
    sources = models.TextField(_("sources"), blank=True, help_text=_("One web address a line."))
    active = models.BooleanField(_("active"), default=True,
                                 help_text=_("Only active mechanisms are shown by the finder."))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("finance mechanism")
        verbose_name_plural = _("finance mechanisms")
        constraints = [
            models.CheckConstraint(condition=~Q(name_sl="", name_en=""),
                                   name="finder_mechanism_has_name"),
            models.CheckConstraint(
                condition=Q(amount_min_cents__isnull=True) | Q(amount_min_cents__gte=0),
                name="finder_mechanism_amount_min_not_negative"),
            models.CheckConstraint(
                condition=Q(amount_min_cents__isnull=True) | Q(amount_max_cents__isnull=True)
                | Q(amount_min_cents__lte=models.F("amount_max_cents")),
                name="finder_mechanism_amount_min_le_max"),
            models.CheckConstraint(
                condition=Q(open_from__isnull=True) | Q(open_until__isnull=True)
                | Q(open_from__lte=models.F("open_until")),
                name="finder_mechanism_window_ordered"),
        ]

    def __str__(self) -> str:
        return self.name_en or self.name_sl or self.slug

    def source_list(self) -> list[str]:
        return [line.strip() for line in self.sources.splitlines() if line.strip()]


class SourceCheck(models.Model):
    """The latest answer of one source address, written by `check_catalogue` (one row per url).

    Kept per address, not per mechanism: two mechanisms citing one page share its check, and a
    mechanism's sources are read from its own `sources` text.
    """

    url = models.URLField(_("web address"), max_length=catalogue.URL_MAX, unique=True)
    checked_on = models.DateField(_("checked on"))
    ok = models.BooleanField(_("answers"), default=False)
    status = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    error = models.CharField(_("problem"), max_length=300, blank=True,
                             help_text=_("Why the address did not answer, in plain words."))

    class Meta:
        ordering = ["url"]
        verbose_name = _("source check")
        verbose_name_plural = _("source checks")

    def __str__(self) -> str:
        return f"{self.url} {self.checked_on}: {'ok' if self.ok else self.error or self.status}"


class ResultGroup(models.TextChoices):
    ELIGIBLE = "eligible", _("Eligible")
    POSSIBLE = "possible", _("Possible")
    NEAR_MISS = "near_miss", _("Near miss")
    CLOSED = "closed", _("Closed")


class MechanismShown(models.Model):
    """How many times a mechanism was shown in a result group on one day (no personal data)."""

    day = models.DateField(_("day"))
    # The slug, not a key: the counts outlive a mechanism's removal from the catalogue.
    mechanism = models.CharField(_("mechanism"), max_length=catalogue.SLUG_MAX)
    group = models.CharField(_("result group"), max_length=20, choices=ResultGroup.choices)
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        ordering = ["-day", "mechanism", "group"]
        verbose_name = _("mechanism shown (count)")
        verbose_name_plural = _("mechanisms shown (counts)")
        constraints = [
            models.UniqueConstraint(fields=["day", "mechanism", "group"],
                                    name="finder_unique_mechanism_shown"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.mechanism} {self.group}: {self.count}"


class CriterionFailed(models.Model):
    """How many times a criterion was the one a near miss failed, on one day."""

    day = models.DateField(_("day"))
    criterion = models.CharField(_("criterion"), max_length=50)
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        ordering = ["-day", "criterion"]
        verbose_name = _("criterion failed (count)")
        verbose_name_plural = _("criteria failed (counts)")
        constraints = [
            models.UniqueConstraint(fields=["day", "criterion"],
                                    name="finder_unique_criterion_failed"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.criterion}: {self.count}"


#: A search's applicant type when it gave none the finder knows (`SearchCount.applicant_type`).
APPLICANT_TYPE_NOT_GIVEN = "not_given"
#: The `target_group` under which every search is counted once, whatever groups it named.
ALL_TARGET_GROUPS = ""


class SearchCount(models.Model):
    """How many searches people of one applicant type and target group made on one day
    (anonymous; the denominator of the policy signals, docs/impact.md)."""

    day = models.DateField(_("day"))
    applicant_type = models.CharField(_("applicant type"), max_length=30)
    target_group = models.CharField(_("target group"), max_length=40, blank=True)
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        ordering = ["-day", "applicant_type", "target_group"]
        constraints = [
            models.UniqueConstraint(fields=["day", "applicant_type", "target_group"],
                                    name="finder_unique_search_count"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.applicant_type} {self.target_group}: {self.count}"


class CriterionFailedBy(models.Model):
    """How many searches of one applicant type and target group failed a criterion (on at
    least one mechanism) on one day: the numerator of the policy signals."""

    day = models.DateField(_("day"))
    applicant_type = models.CharField(_("applicant type"), max_length=30)
    target_group = models.CharField(_("target group"), max_length=40, blank=True)
    criterion = models.CharField(_("criterion"), max_length=50)
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        ordering = ["-day", "applicant_type", "target_group", "criterion"]
        constraints = [
            models.UniqueConstraint(
                fields=["day", "applicant_type", "target_group", "criterion"],
                name="finder_unique_criterion_failed_by"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.applicant_type} {self.target_group} {self.criterion}"
