"""Who may do what in the stakeholder network (docs/network.md, "Who sees what").

- **Staff** of the network: platform administrators and regional coordinators (of any
  region). They keep the directory, run meetings and the action plan, see everyone, including
  people who have not agreed to be listed, and the registrations of public events.
- **Signed-in people** also see the people who agreed to be listed (never their e-mail or
  phone unless they also agreed to be contacted), and may ask a practice's practitioners a
  question.
- **Anyone** sees the network's public record: organisations, meetings with their agendas,
  minutes, decisions, action items and what they led to (an owner who is a person is named
  only if listed), joint initiatives, and the public events, which anyone may register for.
Attendees' and registrants' personal data are never public.
"""

from __future__ import annotations

from typing import Any

from microfuture.accounts.models import RoleGrant


def is_staff(user: Any) -> bool:
    """A platform administrator or a coordinator of any region."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return RoleGrant.objects.filter(user=user, role=RoleGrant.Role.COORDINATOR).exists()


def coordinator_regions(user: Any) -> set[str]:
    """The regions a coordinator covers (every region for an administrator: empty set means
    none)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    if user.is_superuser:
        from microfuture.regions import REGIONS

        return set(REGIONS)
    return set(RoleGrant.objects.filter(user=user, role=RoleGrant.Role.COORDINATOR)
               .values_list("region", flat=True))


def is_member(user: Any) -> bool:
    """Signed in: sees listed people, the network's meetings and the plan."""
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def sees_person(user: Any, person: Any) -> bool:
    """Staff see everyone; signed-in people those listed with consent; anonymous nobody."""
    if is_staff(user):
        return True
    return is_member(user) and person.listed
