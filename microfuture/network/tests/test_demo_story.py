"""`seed_demo` tells the story of the MICROFUTURE stakeholder meetings in Slovenia: the
meetings abroad and at home, the 3rd stakeholder meeting in Ljubljana with the Ministry's
choice of Clubs CIGALES, the next steps as action items with owners and what they led to,
the first pilot clubs, upcoming public events and interest in clubs; a second run adds
nothing."""

from __future__ import annotations

import io
from collections import Counter
from datetime import date

import pytest
from django.core.management import call_command
from django.utils import timezone

from microfuture.accounts.models import User
from microfuture.network import demo
from microfuture.network.models import (
    ActionItem,
    ClubInterest,
    Decision,
    Document,
    Initiative,
    Meeting,
    Organisation,
    Outcome,
    Participant,
    Person,
    Registration,
    StatusChange,
)

pytestmark = pytest.mark.django_db


def seed() -> Meeting:
    call_command("seed_demo", stdout=io.StringIO())
    return Meeting.objects.get(uid=demo.LJUBLJANA_UID)


def test_seed_demo_tells_the_story_of_the_stakeholder_meetings() -> None:
    # One seeding (it takes seconds: the demo clubs' books), checked part by part.
    seeded = seed()
    check_the_ljubljana_meeting_with_its_decisions_and_the_cigales_choice(seeded)
    check_every_decision_has_items_with_owners_statuses_and_history(seeded)
    check_items_led_to_records_of_several_kinds(seeded)
    check_the_first_pilot_clubs_initiative(seeded)
    check_the_directory_has_each_kind_with_its_links_and_consent()
    check_interregional_meetings_and_the_kamnik_study_visits()
    check_public_events_upcoming_with_registrations_and_interest()


def check_the_ljubljana_meeting_with_its_decisions_and_the_cigales_choice(seeded: Meeting) -> None:
    assert seeded.kind == Meeting.Kind.STAKEHOLDER_MEETING
    assert timezone.localtime(seeded.starts_at).date() == date(2024, 7, 24)
    assert "Ljubljana" in seeded.place
    assert seeded.organiser is not None and seeded.organiser.name == demo.AGENCY
    # The year is our inference, and the minutes say so; the source is linked.
    assert "sklepanje" in seeded.minutes and demo.SRC_LJUBLJANA in seeded.minutes
    assert "Pariz" in seeded.agenda and "osmih dobrih praks" in seeded.agenda
    assert Document.objects.filter(meeting=seeded, url=demo.SRC_LJUBLJANA).exists()
    # The practices presented are linked from the meeting's documents.
    assert Document.objects.filter(meeting=seeded, url__contains="/cigales-clubs/").exists()
    decisions = list(Decision.objects.filter(meeting=seeded))
    assert len(decisions) == 4
    assert all(d.language == "sl" for d in decisions)
    assert "Clubs CIGALES" in decisions[0].text and "Ministrstvo" in decisions[0].text
    attended = set(Participant.objects.filter(meeting=seeded, attended=True)
                   .values_list("organisation__name", flat=True))
    assert {demo.AGENCY, demo.MINISTRY} <= attended
    assert Participant.objects.filter(meeting=seeded, attended=False).exists()


def check_every_decision_has_items_with_owners_statuses_and_history(seeded: Meeting) -> None:
    today = timezone.localdate()
    for decision in Decision.objects.filter(meeting=seeded):
        from_decision = list(ActionItem.objects.filter(decision=decision))
        assert from_decision, decision.text
        for item in from_decision:
            assert item.owner_person_id or item.owner_organisation_id
            steps = list(StatusChange.objects.filter(item=item).order_by("changed_at", "id"))
            assert steps[0].old_status == "" and steps[0].new_status == "open"
            assert steps[-1].new_status == item.status
    items = ActionItem.objects.filter(meeting=seeded)
    assert items.filter(status=ActionItem.Status.DONE).count() >= 3
    assert items.filter(status=ActionItem.Status.IN_PROGRESS).exists()
    overdue = items.filter(status=ActionItem.Status.OPEN, due_on__lt=today)
    assert overdue.count() == 1
    # The coordinator's person is her account's.
    katja = Person.objects.get(email="koordinatorka@example.org")
    assert katja.user == User.objects.get(username="koordinatorka")
    assert items.filter(owner_person=katja).count() >= 3


def check_items_led_to_records_of_several_kinds(seeded: Meeting) -> None:
    outcomes = Outcome.objects.filter(item__meeting=seeded)
    kinds = Counter(outcomes.values_list("kind", flat=True))
    assert {"practice", "club", "mechanism", "meeting", "initiative"} <= set(kinds)
    cigales = outcomes.get(item__decision__position=1, kind="practice").practice
    assert cigales is not None and cigales.slug == "cigales-clubs"
    assert outcomes.filter(kind="meeting", meeting__uid=demo.INFO_SESSION_UID).exists()
    assert outcomes.filter(kind="meeting", meeting__kind=Meeting.Kind.LEARNING_EVENT).exists()
    assert outcomes.filter(kind="mechanism", mechanism__provider__slug="mgts").exists()


def check_the_first_pilot_clubs_initiative(seeded: Meeting) -> None:
    initiative = Initiative.objects.get(title_sl="Prvi pilotni klubi")
    assert initiative.title_en == "First pilot clubs"
    assert initiative.status == Initiative.Status.ACTIVE
    kinds = set(initiative.partners.values_list("kind", flat=True))
    assert {"support_org", "financial_institution", "policymaker"} <= kinds
    assert seeded in initiative.meetings.all()
    assert initiative.action_items.count() >= 2
    assert Outcome.objects.filter(kind="initiative", initiative=initiative).exists()


def check_the_directory_has_each_kind_with_its_links_and_consent() -> None:
    kinds = set(Organisation.objects.values_list("kind", flat=True))
    assert kinds == set(Organisation.Kind.values)
    fund = Organisation.objects.get(name=demo.FUND)
    assert fund.mechanisms.filter(provider__slug="sef").exists()
    # The practice's contact made the federation first; the demo filled in what was blank.
    federation = Organisation.objects.get(name=demo.CIGALES_FEDERATION)
    assert federation.practices.filter(slug="cigales-clubs").exists()
    assert federation.website == "http://cigales.asso.fr/" and federation.about_en
    club_org = Organisation.objects.get(name=demo.HOME_CLUB)
    assert club_org.kind == "citizen_club" and club_org.clubs.get().name == demo.HOME_CLUB
    assert Organisation.objects.get(name="Region Örebro län").country == "SE"
    listed = Person.objects.filter(consent_listed=True)
    assert listed.count() >= 3 and not listed.filter(consent_on__isnull=True).exists()
    assert Person.objects.filter(consent_listed=False, consent_on__isnull=True).count() == 1


def check_interregional_meetings_and_the_kamnik_study_visits() -> None:
    learning = Meeting.objects.filter(kind=Meeting.Kind.LEARNING_EVENT)
    places = " ".join(learning.values_list("place", flat=True))
    for town in ("Bologna", "Bukarešta", "Seine-Saint-Denis", "Kamnik"):
        assert town in places
    visits = Meeting.objects.filter(kind=Meeting.Kind.STUDY_VISIT)
    assert sorted(v.title_en for v in visits) == ["Study visit: ETRI, Ljubljana",
                                                  "Study visit: KNOF, Krško"]
    assert {v.region for v in visits} == {"SI036", "SI041"}


def check_public_events_upcoming_with_registrations_and_interest() -> None:
    now = timezone.now()
    public = Meeting.objects.filter(public=True, starts_at__gt=now)
    assert {m.kind for m in public} == {Meeting.Kind.INFO_SESSION, Meeting.Kind.PITCH_EVENT}
    info = public.get(kind=Meeting.Kind.INFO_SESSION)
    assert info.municipality == "060" and info.region == "SI035"
    registrations = Registration.objects.filter(meeting__in=public)
    assert registrations.count() == 5
    assert all(r.consent_text and r.consent_at for r in registrations)
    by_municipality = Counter(ClubInterest.objects.values_list("municipality", flat=True))
    assert by_municipality["060"] >= 5  # enough for an info session in Litija
    assert by_municipality["194"] and by_municipality["142"]
    regions = dict(ClubInterest.objects.values_list("municipality", "region").distinct())
    assert regions == {"060": "SI035", "194": "SI041", "142": "SI035"}


def test_a_second_run_adds_nothing() -> None:
    seed()
    models = (Organisation, Person, Meeting, Participant, Document, Decision, ActionItem,
              StatusChange, Outcome, Initiative, Registration, ClubInterest)

    def counts() -> list[int]:
        return [m.objects.count() for m in models]

    before = counts()
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert counts() == before
    assert "Stakeholder network" not in out.getvalue()
    assert demo.seed_network() is False
    assert counts() == before
