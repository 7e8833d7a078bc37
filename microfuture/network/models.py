"""The stakeholder network: the directory, meetings with their decisions and action items, the
regional action plan, knowledge exchange, joint initiatives and public awareness events
(`../shared/specs/collaboration.md`; our choices in `docs/network.md`).

Texts people write (agendas, minutes, decisions, items) are kept as written, in the language
they were written in (`language`); the vocabularies are codes, shown in the reader's language.
Personal data: `Person`, `Registration`, `ClubInterest` and the authors of `ThreadMessage`.
Erasing a person (`services_personal.py`) keeps every row and replaces the name by
`erased person #<id>` (the spec's §7).
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from microfuture.clubs.models import Club
from microfuture.finder.models import Mechanism
from microfuture.practices.models import Interview, Practice


def new_token() -> str:
    """A secret for a link in an e-mail (cancel a registration, answer a question)."""
    return secrets.token_urlsafe(24)


class Language(models.TextChoices):
    SL = "sl", _("Slovenian")
    EN = "en", _("English")


# The directory -----------------------------------------------------------------------------


class Organisation(models.Model):
    """An organisation of the network. Organisations are not personal data: the directory
    of organisations is public; their people are not (see `Person`)."""

    class Kind(models.TextChoices):
        SOCIAL_ENTERPRISE = "social_enterprise", _("Social enterprise")
        FINANCIAL_INSTITUTION = "financial_institution", _("Financial institution")
        POLICYMAKER = "policymaker", _("Policymaker")
        VULNERABLE_GROUP_ORG = "vulnerable_group_org", _("Organisation of vulnerable groups")
        SUPPORT_ORG = "support_org", _("Support organisation")
        CITIZEN_CLUB = "citizen_club", _("Citizen club")
        RESEARCH = "research", _("Research")

    name = models.CharField(_("name"), max_length=250, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    country = models.CharField(_("country"), max_length=2, default="SI")
    region = models.CharField(_("region (NUTS)"), max_length=5, blank=True)
    website = models.URLField(_("website"), blank=True)
    about_sl = models.TextField(_("about (Slovenian)"), blank=True)
    about_en = models.TextField(_("about (English)"), blank=True)
    mechanisms = models.ManyToManyField(
        Mechanism, blank=True, related_name="organisations",
        verbose_name=_("finance mechanisms it offers"),
    )
    practices = models.ManyToManyField(
        Practice, blank=True, related_name="organisations",
        verbose_name=_("good practices it runs"),
    )
    clubs = models.ManyToManyField(
        Club, blank=True, related_name="organisations", verbose_name=_("the clubs it is"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """A person of the network. Without consent to be listed they are seen by the network's
    staff only; without consent to be contacted nobody mails them from here."""

    name = models.CharField(_("name"), max_length=200)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="people",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True, db_index=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    # Consent: the day it was given and its scope (listed in the directory, contacted).
    consent_on = models.DateField(_("consent given on"), null=True, blank=True)
    consent_listed = models.BooleanField(_("agreed to be listed in the directory"),
                                         default=False)
    consent_contacted = models.BooleanField(_("agreed to be contacted by e-mail"),
                                            default=False)
    consent_text = models.TextField(_("what they agreed to"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="network_people",
    )
    erased_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.CheckConstraint(
                condition=Q(consent_on__isnull=False)
                | Q(consent_listed=False, consent_contacted=False),
                name="person_consent_has_a_date",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def listed(self) -> bool:
        return self.consent_listed and self.erased_at is None

    @property
    def contactable(self) -> bool:
        return self.consent_contacted and bool(self.email) and self.erased_at is None


# Meetings ----------------------------------------------------------------------------------


class Meeting(models.Model):
    """A meeting of the network; `public` ones are awareness events anyone may register for."""

    class Kind(models.TextChoices):
        STAKEHOLDER_MEETING = "stakeholder_meeting", _("Stakeholder meeting")
        LEARNING_EVENT = "learning_event", _("Interregional learning event")
        STUDY_VISIT = "study_visit", _("Study visit")
        CLUB_GENERAL_MEETING = "club_general_meeting", _("Club general meeting")
        PITCH_EVENT = "pitch_event", _("Pitch event or project fair")
        INFO_SESSION = "info_session", _("Info session")
        WORKSHOP = "workshop", _("Workshop")
        FOUNDING_MEETING = "founding_meeting", _("Founding meeting of a club")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    title_sl = models.CharField(_("title (Slovenian)"), max_length=250, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=250, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=250, blank=True)
    url = models.URLField(_("link"), blank=True)
    municipality = models.CharField(_("municipality"), max_length=3, blank=True)
    region = models.CharField(_("region (NUTS)"), max_length=5, blank=True)
    organiser = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="organised_meetings", verbose_name=_("organiser"),
    )
    language = models.CharField(_("language of the agenda and minutes"), max_length=2,
                                choices=Language.choices, default=Language.SL)
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    public = models.BooleanField(
        _("public event (anyone may register)"), default=False,
    )
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # A club general meeting or a founding meeting belongs to a club (the founding meeting
    # gets it when the club is created there).
    club = models.ForeignKey(
        Club, null=True, blank=True, on_delete=models.SET_NULL, related_name="network_meetings",
    )
    # RFC 5545: the same UID for every version of the event, SEQUENCE raised on each change.
    uid = models.CharField(max_length=80, unique=True, default=new_token, editable=False)
    sequence = models.PositiveIntegerField(default=0)
    invitations_sent_at = models.DateTimeField(null=True, blank=True)
    minutes_sent_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_at", "-id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(condition=~Q(title_sl="", title_en=""),
                                   name="meeting_has_a_title"),
            models.CheckConstraint(condition=Q(ends_at__gte=models.F("starts_at")),
                                   name="meeting_ends_after_it_starts"),
        ]
        indexes = [models.Index(fields=["public", "starts_at"])]

    def __str__(self) -> str:
        return self.title_en or self.title_sl


class Participant(models.Model):
    """An organisation or a person invited to a meeting, and whether they came."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participants")
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE,
        related_name="participations",
    )
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="participations",
    )
    invited = models.BooleanField(_("invited"), default=True)
    attended = models.BooleanField(_("attended"), default=False)
    invitation_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=False, person__isnull=True)
                | Q(organisation__isnull=True, person__isnull=False),
                name="participant_is_one_organisation_or_one_person",
            ),
            models.UniqueConstraint(fields=["meeting", "organisation"],
                                    condition=Q(organisation__isnull=False),
                                    name="organisation_once_per_meeting"),
            models.UniqueConstraint(fields=["meeting", "person"],
                                    condition=Q(person__isnull=False),
                                    name="person_once_per_meeting"),
        ]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.organisation or self.person}"


class Document(models.Model):
    """A document of a meeting: a named link (slides, a report, the minutes' annex)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=250)
    url = models.URLField(_("address"))
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]

    def __str__(self) -> str:
        return self.title


class Decision(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.TextField(_("decision"))
    language = models.CharField(max_length=2, choices=Language.choices, default=Language.SL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "position", "id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return self.text[:80]


# Joint initiatives -------------------------------------------------------------------------


class Initiative(models.Model):
    """A partnership between stakeholders towards one goal (e.g. the first pilot clubs)."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ACTIVE = "active", _("Under way")
        COMPLETED = "completed", _("Completed")
        STOPPED = "stopped", _("Stopped")

    title_sl = models.CharField(_("title (Slovenian)"), max_length=250, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=250, blank=True)
    goal_sl = models.TextField(_("goal (Slovenian)"), blank=True)
    goal_en = models.TextField(_("goal (English)"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.PLANNED)
    partners = models.ManyToManyField(Organisation, blank=True, related_name="initiatives",
                                      verbose_name=_("partners"))
    meetings = models.ManyToManyField(Meeting, blank=True, related_name="initiatives",
                                      verbose_name=_("meetings"))
    started_on = models.DateField(_("started on"), null=True, blank=True)
    # When it was completed or stopped: the period report counts an initiative as active in
    # every period between started_on and ended_on (services_initiatives.py sets both).
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("joint initiative")
        verbose_name_plural = _("joint initiatives")
        constraints = [
            models.CheckConstraint(condition=~Q(title_sl="", title_en=""),
                                   name="initiative_has_a_title"),
        ]

    def __str__(self) -> str:
        return self.title_en or self.title_sl


# The action plan ---------------------------------------------------------------------------


class ActionItem(models.Model):
    """Something someone agreed to do, where it came from and what it led to."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    CLOSED = (Status.DONE, Status.DROPPED)

    title = models.CharField(_("what"), max_length=300)
    details = models.TextField(_("details"), blank=True)
    language = models.CharField(max_length=2, choices=Language.choices, default=Language.SL)
    owner_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="action_items",
        verbose_name=_("owner (person)"),
    )
    owner_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT,
        related_name="action_items", verbose_name=_("owner (organisation)"),
    )
    due_on = models.DateField(_("due on"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.OPEN)
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="action_items",
        verbose_name=_("meeting it came from"),
    )
    decision = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="action_items",
        verbose_name=_("decision it came from"),
    )
    initiative = models.ForeignKey(
        Initiative, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="action_items", verbose_name=_("joint initiative"),
    )
    region = models.CharField(_("region"), max_length=5, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        constraints = [
            models.CheckConstraint(
                condition=Q(owner_person__isnull=False) | Q(owner_organisation__isnull=False),
                name="action_item_has_an_owner",
            ),
        ]
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self) -> str:
        return self.title


class StatusChange(models.Model):
    """One step of an item's status history (append-only: written by the services only)."""

    item = models.ForeignKey(ActionItem, on_delete=models.CASCADE, related_name="history")
    old_status = models.CharField(max_length=20, choices=ActionItem.Status.choices, blank=True)
    new_status = models.CharField(max_length=20, choices=ActionItem.Status.choices)
    note = models.TextField(_("note"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.item}: {self.old_status} -> {self.new_status}"


class Outcome(models.Model):
    """What an action item led to: exactly one record of the kind named."""

    class Kind(models.TextChoices):
        PRACTICE = "practice", _("Good practice")
        INTERVIEW = "interview", _("Practitioner interview")
        CLUB = "club", _("Club")
        MECHANISM = "mechanism", _("Finance mechanism")
        MEETING = "meeting", _("Meeting")
        INITIATIVE = "initiative", _("Joint initiative")

    item = models.ForeignKey(ActionItem, on_delete=models.CASCADE, related_name="outcomes")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    practice = models.ForeignKey(Practice, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+")
    interview = models.ForeignKey(Interview, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    club = models.ForeignKey(Club, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+")
    mechanism = models.ForeignKey(Mechanism, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="led_from")
    initiative = models.ForeignKey(Initiative, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="led_from")
    added_at = models.DateTimeField(auto_now_add=True)

    TARGETS = ("practice", "interview", "club", "mechanism", "meeting", "initiative")

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="practice", practice__isnull=False, interview__isnull=True,
                      club__isnull=True, mechanism__isnull=True, meeting__isnull=True,
                      initiative__isnull=True)
                    | Q(kind="interview", practice__isnull=True, interview__isnull=False,
                        club__isnull=True, mechanism__isnull=True, meeting__isnull=True,
                        initiative__isnull=True)
                    | Q(kind="club", practice__isnull=True, interview__isnull=True,
                        club__isnull=False, mechanism__isnull=True, meeting__isnull=True,
                        initiative__isnull=True)
                    | Q(kind="mechanism", practice__isnull=True, interview__isnull=True,
                        club__isnull=True, mechanism__isnull=False, meeting__isnull=True,
                        initiative__isnull=True)
                    | Q(kind="meeting", practice__isnull=True, interview__isnull=True,
                        club__isnull=True, mechanism__isnull=True, meeting__isnull=False,
                        initiative__isnull=True)
                    | Q(kind="initiative", practice__isnull=True, interview__isnull=True,
                        club__isnull=True, mechanism__isnull=True, meeting__isnull=True,
                        initiative__isnull=False)
                ),
                name="outcome_names_one_record_of_its_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item}: {self.kind}"

    @property
    def target(self) -> models.Model:
        return getattr(self, self.kind)  # type: ignore[no-any-return]


class Reminder(models.Model):
    """An item was reminded for this date: `send_action_reminders` never reminds it twice for
    the same date."""

    item = models.ForeignKey(ActionItem, on_delete=models.CASCADE, related_name="reminders")
    on_date = models.DateField()
    email = models.EmailField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item", "on_date"], name="one_reminder_per_date"),
        ]

    def __str__(self) -> str:
        return f"{self.item}: {self.on_date}"


# Knowledge exchange ------------------------------------------------------------------------


class Thread(models.Model):
    """A stakeholder's question to the practitioners behind a practice, and the replies."""

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for an answer")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", _("Closed")

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="threads")
    to_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="questions_received",
        verbose_name=_("asked of"),
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="network_questions",
    )
    asker_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="questions_asked",
    )
    subject = models.CharField(_("subject"), max_length=250)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    # The practitioners answer through a link with this secret (they need no account).
    reply_token = models.CharField(max_length=64, unique=True, default=new_token,
                                   editable=False)
    # The answer kept with the practice as an insight (with the practitioner's consent).
    insight = models.ForeignKey(Interview, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.subject


class ThreadMessage(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    # A practitioner answering through the link writes the name they want shown.
    author_name = models.CharField(_("name"), max_length=200, blank=True)
    from_practitioners = models.BooleanField(default=False)
    text = models.TextField(_("message"))
    consent_to_keep = models.BooleanField(
        _("may be kept with the practice as an insight, without a name"), default=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:60]


# Awareness events and the road to a club ---------------------------------------------------


class Registration(models.Model):
    """Someone registered for a public event: a name, an e-mail and their consent."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="registrations")
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    consent_at = models.DateTimeField(_("consent given at"))
    consent_text = models.TextField(_("what they agreed to"))
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    attended = models.BooleanField(_("attended"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "email"],
                                    condition=Q(cancelled_at__isnull=True) & ~Q(email=""),
                                    name="one_live_registration_per_address"),
        ]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.name}"


#: A citizens' savings club (Clubs CIGALES) has 5 to 20 members: a municipality with this
#: many people interested is enough for an info session, and a club is founded with at most
#: `CLUB_MOST` founders (fewer than `CLUB_LEAST` is allowed, with a warning: the club stays
#: forming until it has them).
CLUB_LEAST = 5
CLUB_MOST = 20


class ClubInterest(models.Model):
    """Someone would like to join (or start) a club near them; the coordinators of the
    region see interest by municipality and invite people to an info session."""

    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    municipality = models.CharField(_("municipality"), max_length=3)
    region = models.CharField(_("region"), max_length=5)
    note = models.TextField(_("anything you would like to add"), blank=True)
    consent_at = models.DateTimeField(_("consent given at"))
    consent_text = models.TextField(_("what they agreed to"))
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    invited_to = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="interest_invited")
    invited_at = models.DateTimeField(null=True, blank=True)
    club = models.ForeignKey(Club, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["region", "municipality"])]
        constraints = [
            models.UniqueConstraint(fields=["email"],
                                    condition=Q(withdrawn_at__isnull=True) & ~Q(email=""),
                                    name="one_live_interest_per_address"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.municipality})"
