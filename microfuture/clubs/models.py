"""Solidarity investment clubs: charter, members, enterprises, events, governance, mentoring.

Money is never stored here as a total: every money event is a `ClubEvent` row tied to one
balanced `ledger.JournalEntry`, and every figure is computed from the events by the pure
core (`clubs/core`). Amounts are integer cents; rates are kept as the decimal text given.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from microfuture.clubs.legal_form import LegalForm
from microfuture.ledger.models import JournalEntry, Ledger
from microfuture.regions import REGION_CHOICES, REGIONS


class Club(models.Model):
    class Status(models.TextChoices):
        FORMING = "forming", _("Forming")
        ACTIVE = "active", _("Active")
        RENEWED = "renewed", _("Renewed")
        MANAGEMENT = "management", _("In management")
        DISSOLVED = "dissolved", _("Dissolved")

    class SharePolicy(models.TextChoices):
        UNITS = "units", _("Units (unit value)")
        CONTRIBUTIONS = "contributions", _("Pro rata to contributions")

    class DecisionRule(models.TextChoices):
        MAJORITY = "majority", _("Simple majority")
        TWO_THIRDS = "two_thirds", _("Two thirds")
        UNANIMITY = "unanimity", _("Unanimity")

    name = models.CharField(_("name"), max_length=150, unique=True)
    slug = models.SlugField(max_length=160, unique=True)
    region = models.CharField(_("region"), max_length=5, choices=REGION_CHOICES)
    # A club whose members live across a regional border (Litija in Zasavska, Šmartno pri
    # Litiji in Osrednjeslovenska) names the other regions it covers: region codes, never
    # `region` itself. A coordinator of any of them reads the club (permissions.py).
    other_regions = models.JSONField(_("other regions"), default=list, blank=True)
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    start_date = models.DateField(_("start date"))
    term_years = models.PositiveSmallIntegerField(_("term in years"), default=5)
    share_policy = models.CharField(
        _("share policy"), max_length=20, choices=SharePolicy.choices, default=SharePolicy.UNITS
    )
    initial_unit_value_cents = models.BigIntegerField(default=1000)
    decision_rule = models.CharField(
        _("decision rule"), max_length=20, choices=DecisionRule.choices,
        default=DecisionRule.MAJORITY,
    )
    quorum_percent = models.PositiveSmallIntegerField(_("quorum (% of members)"), default=50)
    max_enterprise_share_percent = models.PositiveSmallIntegerField(
        _("largest share of the club's assets in one enterprise (%)"), default=30
    )
    max_stake_percent = models.PositiveSmallIntegerField(
        _("largest stake in an enterprise's capital (%)"), default=33
    )
    monthly_pledge_cents = models.BigIntegerField(default=2500)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.FORMING
    )
    open_to_projects = models.BooleanField(_("open to new projects"), default=True)
    description = models.TextField(_("description"), blank=True)
    # Privacy and four eyes, decided by the members like the rest of the charter
    # (docs/privacy.md, docs/governance.md).
    open_books = models.BooleanField(
        _("every member sees every member's figures"), default=False
    )
    secret_ballot = models.BooleanField(_("online votes are secret"), default=True)
    manager_appoints_officers = models.BooleanField(
        _("the manager appoints and removes the treasurer and the secretary"), default=False
    )
    second_officer_above_cents = models.BigIntegerField(
        _("payments out above this need a second officer's confirmation"), default=100000
    )
    contact_email = models.EmailField(_("club contact e-mail"), blank=True)
    ledger = models.OneToOneField(Ledger, on_delete=models.PROTECT, related_name="club")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(quorum_percent__lte=100), name="club_quorum_le_100"),
            models.CheckConstraint(
                condition=Q(max_enterprise_share_percent__gte=1)
                & Q(max_enterprise_share_percent__lte=100),
                name="club_enterprise_share_1_100",
            ),
            models.CheckConstraint(
                condition=Q(max_stake_percent__gte=1) & Q(max_stake_percent__lte=100),
                name="club_stake_1_100",
            ),
            models.CheckConstraint(
                condition=Q(monthly_pledge_cents__gte=0), name="club_pledge_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(initial_unit_value_cents__gt=0), name="club_unit_value_positive"
            ),
            models.CheckConstraint(
                condition=Q(term_years__gte=1) & Q(term_years__lte=10), name="club_term_1_10"
            ),
            models.CheckConstraint(
                condition=Q(second_officer_above_cents__gte=0),
                name="club_second_officer_threshold_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def regions(self) -> tuple[str, ...]:
        """Every region the club covers: its own first, then the others."""
        return (self.region, *(self.other_regions or ()))

    @property
    def regions_display(self) -> str:
        """The club's regions by name, its own first (proper nouns, alike in both languages)."""
        return ", ".join(REGIONS.get(code, code) for code in self.regions)

    @property
    def end_date(self) -> date:
        """End of the current term: start + term, doubled once the club has renewed."""
        years = self.term_years * (2 if self.status in {"renewed", "management"} else 1)
        try:
            return self.start_date.replace(year=self.start_date.year + years)
        except ValueError:  # 29 February
            return self.start_date.replace(year=self.start_date.year + years, day=28)

    @property
    def takes_savings(self) -> bool:
        return self.status in {self.Status.FORMING, self.Status.ACTIVE, self.Status.RENEWED}


class ClubStage(models.Model):
    """One stage of a club's life and the date from which it was in force.

    A statement reports the stage in force on its date, not today's (docs/clubs.md).
    """

    club = models.ForeignKey(Club, on_delete=models.CASCADE, related_name="stages")
    status = models.CharField(max_length=20, choices=Club.Status.choices)
    since = models.DateField()
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["club", "since", "id"]

    def __str__(self) -> str:
        return f"{self.club}: {self.status} since {self.since}"


class Member(models.Model):
    """A person in a club, named as in the journal; optionally linked to an account."""

    class Role(models.TextChoices):
        MANAGER = "manager", _("Manager")
        TREASURER = "treasurer", _("Treasurer")
        SECRETARY = "secretary", _("Secretary")
        MEMBER = "member", _("Member")

    club = models.ForeignKey(Club, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("name"), max_length=150)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="club_memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    exited_on = models.DateField(_("left on"), null=True, blank=True)
    pledge_cents = models.BigIntegerField(null=True, blank=True)
    # Consents given by the member themself (never by an officer on their behalf).
    name_public = models.BooleanField(
        _("my name may be shown publicly as the club's contact"), default=False
    )
    coordinator_may_read = models.BooleanField(
        _("the regional coordinator may read my personal statement"), default=False
    )

    class Meta:
        ordering = ["joined_on", "name"]
        constraints = [
            models.UniqueConstraint(fields=["club", "name"], name="member_name_unique_in_club"),
            models.UniqueConstraint(
                fields=["club", "user"], condition=Q(user__isnull=False),
                name="member_user_unique_in_club",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.joined_on is not None and self.exited_on is None

    @property
    def monthly_pledge_cents(self) -> int:
        own = self.pledge_cents
        return own if own is not None else self.club.monthly_pledge_cents


class Enterprise(models.Model):
    """A (social) enterprise that clubs may fund; represented by entrepreneurs' accounts."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    slug = models.SlugField(max_length=160, unique=True)
    # A code of LegalForm (empty: not recorded yet); "so.p." is a status, not a form
    # (clubs/legal_form.py).
    legal_form = models.CharField(
        _("legal form"), max_length=20, choices=LegalForm.choices, blank=True
    )
    social_enterprise = models.BooleanField(_("registered social enterprise (so.p.)"),
                                            default=False)
    region = models.CharField(_("region"), max_length=5, choices=REGION_CHOICES, blank=True)
    description = models.TextField(_("description"), blank=True)
    share_capital_cents = models.BigIntegerField(null=True, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    # The enterprise agreed that its name may appear in open data (impact spec §4).
    listed_in_open_data = models.BooleanField(
        _("agreed to be named in open data"), default=False)
    representatives = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="enterprises"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            # Only a legal person can hold the status (ZSocP); a sole trader is not one.
            models.CheckConstraint(
                condition=~(models.Q(legal_form="sp") & models.Q(social_enterprise=True)),
                name="enterprise_sole_trader_not_social_enterprise",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ClubEvent(models.Model):
    """One event of a club's journal (spec §4), in journal order, with its ledger entry.

    Append-only in the database (migration 0006: triggers refuse UPDATE and DELETE on every
    backend; the one exception is filling in an empty `proposal` once) and chained by hashes
    per club in `seq` order (`clubs/chain.py`), because statements are replayed from these
    rows.
    """

    class Type(models.TextChoices):
        JOIN = "join", _("Member joins")
        CONTRIBUTION = "contribution", _("Contribution")
        INVESTMENT = "investment", _("Investment")
        REPAYMENT = "repayment", _("Repayment")
        INCOME = "income", _("Income")
        EXPENSE = "expense", _("Expense")
        VALUATION = "valuation", _("Valuation")
        SALE = "sale", _("Sale")
        WRITE_OFF = "write_off", _("Write-off")
        EXIT = "exit", _("Member exits")
        DISSOLVE = "dissolve", _("Dissolution")

    club = models.ForeignKey(Club, on_delete=models.PROTECT, related_name="events")
    seq = models.PositiveIntegerField()
    date = models.DateField()
    type = models.CharField(max_length=20, choices=Type.choices)
    member = models.CharField(max_length=150, blank=True)
    enterprise = models.CharField(max_length=150, blank=True)
    instrument = models.CharField(max_length=20, blank=True)
    amount_cents = models.BigIntegerField(null=True, blank=True)
    rate = models.CharField(max_length=20, blank=True)
    term = models.PositiveIntegerField(null=True, blank=True)
    grace = models.PositiveIntegerField(null=True, blank=True)
    method = models.CharField(max_length=10, blank=True)
    first_due = models.DateField(null=True, blank=True)
    reference = models.CharField(max_length=100, blank=True)
    note = models.CharField(max_length=500, blank=True)
    entry = models.OneToOneField(
        JournalEntry, on_delete=models.PROTECT, related_name="club_event"
    )
    proposal = models.ForeignKey(
        "Proposal", null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    prev_hash = models.CharField(max_length=64, default="", editable=False)
    hash = models.CharField(max_length=64, default="", editable=False)

    class Meta:
        ordering = ["club", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["club", "seq"], name="event_seq_unique_in_club"),
            models.UniqueConstraint(
                fields=["club", "reference"], condition=~Q(reference=""),
                name="event_reference_unique_in_club",
            ),
            models.CheckConstraint(
                condition=Q(amount_cents__isnull=True) | Q(amount_cents__gte=0),
                name="event_amount_not_negative",
            ),
        ]
        # The investments alone (a few in a hundred events): the dashboards and the open data
        # ask which enterprises a set of clubs backed, and since when any club did, without
        # reading every event of the federation.
        indexes = [
            models.Index(fields=["club", "date"], condition=Q(type="investment"),
                         name="event_investment_club"),
            models.Index(fields=["enterprise", "date"], condition=Q(type="investment"),
                         name="event_investment_name"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.type} {self.member or self.enterprise}".strip()


class EventReversal(models.Model):
    """A correction: the event no longer counts; its entry is mirrored by a reversing one.

    Append-only in the database like the events (a reversal is undone by nothing but a new
    event)."""

    event = models.OneToOneField(ClubEvent, on_delete=models.PROTECT, related_name="reversal")
    entry = models.OneToOneField(JournalEntry, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=500)
    reversed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    reversed_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Reversal of {self.event}"


class BookCheckpoint(models.Model):
    """The state of a club's book at the end of a closed month (`ClubBook.state()`), so that a
    statement replays only the events after it (`books.load_book`).

    It holds exactly the club's unreversed events with `seq` up to `last_seq`, which are also
    exactly those dated on or before `as_of`. Every write that would break this deletes it in
    the same transaction: an event dated on or before `as_of` (`_store`), the reversal of an
    event it holds or dated on or before `as_of`, an erased name. `verify_ledger` replays the
    club and compares each one (docs/performance.md, "Book checkpoints").
    """

    club = models.ForeignKey(Club, on_delete=models.CASCADE, related_name="checkpoints")
    as_of = models.DateField()
    last_seq = models.PositiveIntegerField()
    events = models.PositiveIntegerField()
    state = models.BinaryField()
    made_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["club", "as_of"], name="checkpoint_unique_day"),
        ]

    def __str__(self) -> str:
        return f"{self.club_id} at {self.as_of} ({self.events} events)"


class AuditLog(models.Model):
    """Who did what and when: every decision, money event and state change of a club.

    Append-only in the database (triggers refuse UPDATE and DELETE), never deleted with its
    club or its actor (PROTECT: a club with history is never deleted; a closed account stays
    as an anonymous shell), and chained by hashes per club in id order (`clubs/chain.py`).
    """

    club = models.ForeignKey(
        Club, null=True, blank=True, on_delete=models.PROTECT, related_name="audit_log"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(max_length=60)
    detail = models.JSONField(default=dict)
    # Set by the service before the row's hash is computed (not auto_now_add, which would
    # overwrite it on insert).
    at = models.DateTimeField(default=timezone.now, editable=False)
    prev_hash = models.CharField(max_length=64, default="", editable=False)
    hash = models.CharField(max_length=64, default="", editable=False)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["club", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"


# Governance ------------------------------------------------------------------------------


class Meeting(models.Model):
    club = models.ForeignKey(Club, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    location = models.CharField(_("place"), max_length=200, blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    held = models.BooleanField(_("held"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        return f"{self.club}: {self.title}"


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="attendance")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="attendance_once")
        ]

    def __str__(self) -> str:
        return f"{self.member} at {self.meeting}"


class Proposal(models.Model):
    """An enterprise's funding proposal to a club, with due diligence and the vote."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        VOTING = "voting", _("Vote open")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        FUNDED = "funded", _("Funded")

    class Instrument(models.TextChoices):
        EQUITY = "equity", _("Shares (equity)")
        LOAN = "loan", _("Loan")
        ADVANCE = "advance", _("Shareholder advance")
        PARTICIPATORY = "participatory", _("Participatory securities")

    class Kind(models.TextChoices):
        FUNDING = "funding", _("Funding for an enterprise")
        CHARTER = "charter", _("Change of the charter")
        ROLE = "role", _("Appointment or removal of an officer")

    club = models.ForeignKey(Club, on_delete=models.CASCADE, related_name="proposals")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.FUNDING)
    enterprise = models.ForeignKey(
        Enterprise, null=True, blank=True, on_delete=models.PROTECT, related_name="proposals"
    )
    # A charter proposal: {field: new value}; a role proposal: {"member": id, "role": code}.
    changes = models.JSONField(default=dict, blank=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("what the money is for"))
    instrument = models.CharField(
        _("instrument"), max_length=20, choices=Instrument.choices, blank=True
    )
    amount_cents = models.BigIntegerField(null=True, blank=True)
    rate = models.CharField(_("annual interest rate (%)"), max_length=20, blank=True)
    term = models.PositiveIntegerField(_("term (months)"), null=True, blank=True)
    grace = models.PositiveIntegerField(_("grace (months)"), null=True, blank=True)
    method = models.CharField(_("repayment method"), max_length=10, blank=True)
    due_diligence = models.TextField(_("due-diligence notes"), blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="proposals"
    )
    vote_deadline = models.DateTimeField(_("online vote until"), null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(max_length=500, blank=True)
    # The charter in force when the vote opened decides it, whatever changes meanwhile.
    rule_at_open = models.CharField(max_length=20, blank=True)
    quorum_at_open = models.PositiveSmallIntegerField(null=True, blank=True)
    # Whether the ballot was secret when the vote opened: a ballot cast in secret stays so.
    secret_at_open = models.BooleanField(null=True, blank=True)
    # The decision as codes and figures, rendered in the reader's language.
    decision = models.JSONField(default=dict, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_cents__isnull=True) | Q(amount_cents__gt=0),
                name="proposal_amount_positive",
            ),
            models.CheckConstraint(
                condition=~Q(kind="funding")
                | (Q(enterprise__isnull=False) & Q(amount_cents__isnull=False)),
                name="funding_proposal_has_enterprise_and_amount",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise}: {self.title}"


class Vote(models.Model):
    class Choice(models.TextChoices):
        YES = "yes", _("Yes")
        NO = "no", _("No")
        ABSTAIN = "abstain", _("Abstain")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="votes")
    choice = models.CharField(max_length=10, choices=Choice.choices)
    cast_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["proposal", "member"], name="one_vote_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.choice}"


# Mentoring -------------------------------------------------------------------------------


class Mentorship(models.Model):
    """A club member who mentors a funded enterprise (one or two per enterprise)."""

    club = models.ForeignKey(Club, on_delete=models.CASCADE, related_name="mentorships")
    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.CASCADE, related_name="mentorships"
    )
    mentor = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="mentorships")
    since = models.DateField(_("since"))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["club", "enterprise", "mentor"], name="mentor_once_per_enterprise"
            )
        ]

    def __str__(self) -> str:
        return f"{self.mentor} mentors {self.enterprise}"


class MentoringSession(models.Model):
    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField(_("date"))
    minutes = models.PositiveIntegerField(_("duration in minutes"))
    topic = models.CharField(_("topic"), max_length=200)
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-date"]
        constraints = [
            models.CheckConstraint(condition=Q(minutes__gt=0), name="session_has_duration")
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.topic}"


class EnterpriseUpdate(models.Model):
    """The enterprise's own news: jobs, turnover, milestones."""

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField(_("date"))
    jobs = models.PositiveIntegerField(_("jobs (full-time equivalent)"), null=True, blank=True)
    turnover_cents = models.BigIntegerField(null=True, blank=True)
    milestone = models.TextField(_("milestone or news"), blank=True)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.enterprise} {self.date}"


# Four eyes, invitations and people's requests -----------------------------------------------


class EnterpriseReport(models.Model):
    """What an enterprise reports once a year (by its representative or its mentor): jobs,
    turnover band, whether it still trades, and finance obtained after a club's investment
    (leverage). Summed in the impact figures (docs/impact.md)."""

    class TurnoverBand(models.TextChoices):
        NONE = "none", _("No turnover yet")
        UNDER_10K = "under_10k", _("Under €10,000")
        FROM_10K = "10k_50k", _("€10,000 to €50,000")
        FROM_50K = "50k_200k", _("€50,000 to €200,000")
        FROM_200K = "200k_1m", _("€200,000 to €1 million")
        OVER_1M = "over_1m", _("Over €1 million")

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="reports")
    year = models.PositiveSmallIntegerField(_("year"))
    trading = models.BooleanField(_("still trading at the end of the year"), default=True)
    jobs_created = models.PositiveIntegerField(_("jobs created in the year"), default=0)
    jobs_kept = models.PositiveIntegerField(_("jobs kept"), default=0)
    jobs_target_groups = models.PositiveIntegerField(
        _("of these jobs, held by people of the finder's target groups"), default=0)
    turnover_band = models.CharField(_("turnover"), max_length=20,
                                     choices=TurnoverBand.choices, blank=True)
    # Bank, fund or public finance obtained in the year after a club's investment.
    leverage_bank_cents = models.BigIntegerField(default=0)
    leverage_fund_cents = models.BigIntegerField(default=0)
    leverage_public_cents = models.BigIntegerField(default=0)
    note = models.TextField(_("note"), blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    reported_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["enterprise", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "year"], name="one_report_per_year"),
            models.CheckConstraint(
                condition=models.Q(jobs_target_groups__lte=models.F("jobs_created")
                                   + models.F("jobs_kept")),
                name="target_group_jobs_within_jobs"),
            models.CheckConstraint(
                condition=models.Q(leverage_bank_cents__gte=0, leverage_fund_cents__gte=0,
                                   leverage_public_cents__gte=0),
                name="leverage_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} {self.year}"


class VolunteerTime(models.Model):
    """Hours a club officer or member gave to the club (meetings, books, due diligence);
    mentoring hours come from the mentoring log."""

    club = models.ForeignKey(Club, on_delete=models.CASCADE, related_name="volunteer_time")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="volunteer_time")
    date = models.DateField(_("date"))
    minutes = models.PositiveIntegerField(_("duration in minutes"))
    activity = models.CharField(_("what for"), max_length=200)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(minutes__gt=0),
                                   name="volunteer_time_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.member} {self.date} {self.minutes}"


class PaymentApproval(models.Model):
    """A large payment out of a club (an investment or an exit payout) waiting for a second
    officer: one officer asks, another confirms, and only then is the event recorded."""

    class Kind(models.TextChoices):
        INVESTMENT = "investment", _("Investment")
        EXIT = "exit", _("Member exits")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a second officer")
        CONFIRMED = "confirmed", _("Confirmed")
        CANCELLED = "cancelled", _("Cancelled")

    club = models.ForeignKey(Club, on_delete=models.CASCADE, related_name="payment_approvals")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    proposal = models.ForeignKey(
        Proposal, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    member = models.ForeignKey(
        Member, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    amount_cents = models.BigIntegerField()
    # What will be recorded once confirmed (the event's fields as JSON-safe values).
    payload = models.JSONField(default=dict)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    event = models.OneToOneField(
        ClubEvent, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_cents__gt=0), name="payment_approval_amount_positive"
            ),
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True) | ~Q(decided_by=models.F("requested_by")),
                name="payment_approval_four_eyes",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.club}: {self.kind} {self.amount_cents} ({self.status})"


class Invitation(models.Model):
    """An invitation by e-mail to join a club; the person accepts it with their account."""

    club = models.ForeignKey(Club, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail address"))
    name = models.CharField(_("name in the club's books"), max_length=150)
    token = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.club}: {self.email}"


class InterestRequest(models.Model):
    """A signed-up person says they want to join a club near them, or register their
    enterprise; the club (when named) and the region's coordinators see it."""

    class Kind(models.TextChoices):
        JOIN_CLUB = "join_club", _("Wants to join a club")
        ENTERPRISE = "enterprise", _("Wants to register an enterprise")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interest_requests"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    region = models.CharField(_("region"), max_length=5, choices=REGION_CHOICES)
    club = models.ForeignKey(
        Club, null=True, blank=True, on_delete=models.SET_NULL, related_name="interest_requests"
    )
    enterprise = models.ForeignKey(
        Enterprise, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind} {self.region}"
