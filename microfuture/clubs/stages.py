"""Which stages of a club take what: read by the services (which refuse) and the selectors
(which list), so neither imports the other."""

from __future__ import annotations

from microfuture.clubs.models import Club

#: Clubs that take new members: those still saving.
STAGES_TAKING_MEMBERS = (Club.Status.FORMING, Club.Status.ACTIVE, Club.Status.RENEWED)

#: Club stages in which a club takes new projects.
STAGES_TAKING_PROJECTS = {Club.Status.FORMING, Club.Status.ACTIVE, Club.Status.RENEWED}
