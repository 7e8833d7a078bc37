"""Finding a club by its address without telling outsiders that it exists.

A club the asker may not know about answers exactly like a club that does not exist: the
same 404, the same body, on pages and in the API (docs/security.md, "Oracles"). Those who
may know it: whoever may read it (`permissions.can_read_club`: its active members, its
region's coordinators, administrators) and its former members, who still read their own
statement. Everyone else (signed in or not) learns nothing from the status; a club's
existence is public only where the club chose it (the list of clubs open to new projects and
the finder), and those pages link to nothing an outsider may open.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404

from microfuture.clubs import permissions
from microfuture.clubs.models import Club, Enterprise

NO_SUCH_CLUB = "There is no such club."


def may_know_club(user: Any, club: Club) -> bool:
    return permissions.can_read_club(user, club) or permissions.membership(user, club) is not None


def club_known_to(user: Any, slug: str) -> Club:
    """The club at `slug` if `user` may know it exists; otherwise the 404 of a missing club."""
    club = Club.objects.filter(slug=slug).first()
    if club is None or not may_know_club(user, club):
        raise Http404(NO_SUCH_CLUB)
    return club


NO_SUCH_ENTERPRISE = "There is no such enterprise."


def enterprise_represented_by(user: Any, slug: str) -> Enterprise:
    """The enterprise at `slug` if `user` represents it; otherwise the 404 of a missing one
    (its loans and its news are its representatives' alone)."""
    enterprise = Enterprise.objects.filter(slug=slug).first()
    if enterprise is None or not permissions.represents(user, enterprise):
        raise Http404(NO_SUCH_ENTERPRISE)
    return enterprise
