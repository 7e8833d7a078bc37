"""The governance pages, driven like a person would: meetings, proposals, the vote."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from microfuture.clubs.models import Attendance, Meeting, Member, Proposal


def test_schedule_a_meeting_record_attendance_and_minutes(club, client, secretary, member):
    client.force_login(secretary)
    starts = (timezone.localtime() + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(f"/clubs/{club.slug}/meetings/", {
        "title": "April meeting", "starts_at": starts, "place": "Knjižnica",
        "agenda": "1. The bakery's proposal"}, follow=True)
    meeting = Meeting.objects.get()
    assert response.redirect_chain[-1][0] == f"/clubs/{club.slug}/meetings/{meeting.pk}/"
    assert "The meeting is scheduled." in response.content.decode()
    assert (meeting.location, meeting.held) == ("Knjižnica", False)

    present = list(Member.objects.filter(club=club, name__in=["Maja", "Miha"]))
    client.post(f"/clubs/{club.slug}/meetings/{meeting.pk}/", {
        "action": "attendance", "present": [m.pk for m in present]})
    assert set(Attendance.objects.values_list("member__name", flat=True)) == {"Maja", "Miha"}

    client.post(f"/clubs/{club.slug}/meetings/{meeting.pk}/", {
        "action": "minutes", "minutes": "We agreed to vote online."})
    meeting.refresh_from_db()
    assert meeting.held and meeting.minutes == "We agreed to vote online."

    client.force_login(member)
    page = client.get(f"/clubs/{club.slug}/meetings/{meeting.pk}/").content.decode()
    assert "We agreed to vote online." in page and "Save the minutes" not in page
    listing = client.get(f"/clubs/{club.slug}/meetings/").content.decode()
    assert "April meeting" in listing and "Schedule the meeting" not in listing


def test_meeting_form_shows_errors(club, client, manager):
    client.force_login(manager)
    response = client.post(f"/clubs/{club.slug}/meetings/", {"title": "", "starts_at": "soon"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in html
    assert not Meeting.objects.exists()


def test_officer_files_a_loan_proposal_and_a_vote_at_a_meeting(club, client, manager,
                                                               enterprise, member):
    client.force_login(manager)
    base = {"enterprise": enterprise.pk, "title": "Delivery van", "summary": "An electric van.",
            "instrument": "loan", "amount": "4000.00"}
    refused = client.post(f"/clubs/{club.slug}/proposals/", base)
    assert "A loan needs an interest rate." in refused.content.decode()
    response = client.post(f"/clubs/{club.slug}/proposals/", {
        **base, "rate": "2.5", "term": "36", "grace": "3", "method": "linear"}, follow=True)
    proposal = Proposal.objects.get()
    assert (proposal.amount_cents, proposal.rate, proposal.term, proposal.grace,
            proposal.method) == (400_000, "2.5", 36, 3, "linear")
    assert "The proposal is filed." in response.content.decode()

    meeting = Meeting.objects.create(club=club, title="May", starts_at=timezone.now())
    url = f"/clubs/{club.slug}/proposals/{proposal.pk}/"
    client.post(url, {"action": "open_vote", "how": "meeting", "meeting": meeting.pk})
    proposal.refresh_from_db()
    assert (proposal.status, proposal.meeting) == (Proposal.Status.VOTING, meeting)
    meeting_page = client.get(f"/clubs/{club.slug}/meetings/{meeting.pk}/")
    assert "Delivery van" in meeting_page.content.decode()

    client.force_login(member)
    page = client.get(url).content.decode()
    assert 'type="radio" name="choice" value="yes"' in page
    assert "Close the vote" not in page
    listing = client.get(f"/clubs/{club.slug}/proposals/").content.decode()
    assert "Vote open" in listing and "Delivery van" in listing


def test_closing_shows_the_decision(club, client, manager, enterprise):
    from microfuture.clubs.services.governance import proposal_open_vote, proposal_submit

    proposal = proposal_submit(club=club, enterprise=enterprise, actor=manager, title="Oven",
                               summary="Oven.", instrument="equity", amount=Decimal("100"))
    meeting = Meeting.objects.create(club=club, title="May", starts_at=timezone.now())
    proposal_open_vote(proposal=proposal, actor=manager, meeting=meeting)
    client.force_login(manager)
    response = client.post(f"/clubs/{club.slug}/proposals/{proposal.pk}/",
                           {"action": "close_vote"}, follow=True)
    html = response.content.decode()
    assert "Quorum not reached: 0 of 5 members voted, 3 needed." in html
    assert "Rejected" in html


def test_entrepreneur_withdraws_from_their_page(club, client, entrepreneur, enterprise):
    from microfuture.clubs.services.governance import proposal_submit

    proposal = proposal_submit(club=club, enterprise=enterprise, actor=entrepreneur,
                               title="Oven", summary="Oven.", instrument="equity",
                               amount=Decimal("100"))
    client.force_login(entrepreneur)
    # Not a club member: the club's pages stay closed to them (as if there were no club).
    assert client.get(f"/clubs/{club.slug}/proposals/{proposal.pk}/").status_code == 404
    response = client.post(f"/clubs/enterprise/{enterprise.slug}/",
                           {"action": "withdraw", "proposal": proposal.pk}, follow=True)
    assert "The proposal is withdrawn." in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.WITHDRAWN


def test_invest_from_the_page_shows_the_limit(club, client, manager, treasurer, enterprise):
    from datetime import date

    from microfuture.clubs.core import Event
    from microfuture.clubs.models import ClubEvent
    from microfuture.clubs.services.money import club_record_event

    club_record_event(club=club, recorded_by=treasurer, event=Event(
        date=date(2026, 2, 1), type="contribution", member="Miha", amount=Decimal("1000")))
    proposal = Proposal.objects.create(
        club=club, enterprise=enterprise, title="Oven", summary="Oven.", instrument="equity",
        amount_cents=40_000, status=Proposal.Status.APPROVED)
    client.force_login(treasurer)
    url = f"/clubs/{club.slug}/proposals/{proposal.pk}/"
    page = client.get(url).content.decode()
    assert "Invest from this proposal" in page
    assert "at most 300.00 EUR" in page
    assert "First instalment due" not in page  # shares have no schedule
    refused = client.post(url, {"action": "invest", "on": "2026-03-01"}, follow=True)
    assert "more than 30 % of its net asset value of 1000.00 EUR" in refused.content.decode()
    assert not ClubEvent.objects.filter(type="investment").exists()
    Proposal.objects.filter(pk=proposal.pk).update(amount_cents=30_000)
    done = client.post(url, {"action": "invest", "on": "2026-03-01"}, follow=True)
    assert "The investment is recorded" in done.content.decode()
    assert ClubEvent.objects.get(type="investment").amount_cents == 30_000
