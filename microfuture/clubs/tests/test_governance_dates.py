"""A vote's deadline in a refusal is written in the page's one date format (it was
2026-12-03 14:05 in both languages)."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django import forms
from django.utils import formats, timezone, translation

from microfuture.clubs.models import Member
from microfuture.clubs.services.governance import proposal_open_vote, proposal_submit
from microfuture.clubs.services.money import ClubError
from microfuture.clubs.tests.voting import vote_as_member

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "when"), [("sl", "3. 12. 2026, 14:05"),
                                                ("en", "3 December 2026, 14:05")])
def test_a_late_vote_is_told_the_deadline_in_the_reader_s_format(club, enterprise, entrepreneur,
                                                                 manager, language, when):
    proposal = proposal_submit(club=club, enterprise=enterprise, actor=entrepreneur,
                               title="Oven", summary="A wood-fired oven.", instrument="equity",
                               amount=Decimal("1000"))
    deadline = timezone.make_aware(datetime(2026, 12, 3, 14, 5))
    proposal_open_vote(proposal=proposal, actor=manager, deadline=deadline,
                       now=deadline - timedelta(days=2))
    with translation.override(language), pytest.raises(ClubError) as refused:
        vote_as_member(proposal=proposal, member=Member.objects.get(club=club, name="Miha"),
                       choice="yes", now=deadline + timedelta(minutes=1))
    assert when in str(refused.value)
    with translation.override(language):
        assert formats.date_format(deadline.date(), "SHORT_DATE_FORMAT") in when


@pytest.mark.parametrize(("language", "day"), [("sl", "(3. 12. 2026)"),
                                               ("en", "(3 December 2026)")])
def test_meetings_to_vote_at_are_named_with_the_reader_s_date(club, manager, language, day):
    from microfuture.clubs.forms_governance import OpenVoteForm
    from microfuture.clubs.services.governance import meeting_schedule

    meeting_schedule(club=club, actor=manager, title="December meeting",
                     starts_at=timezone.make_aware(datetime(2026, 12, 3, 18, 0)), place="",
                     agenda="")
    with translation.override(language):
        field = OpenVoteForm(club=club).fields["meeting"]
        assert isinstance(field, forms.ModelChoiceField) and field.queryset is not None
        choices = [field.label_from_instance(m) for m in field.queryset]
    assert f"December meeting {day}" in choices
