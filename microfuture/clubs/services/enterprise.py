"""Enterprise writes: an entrepreneur registers their enterprise and keeps its details."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from microfuture.clubs import legal_form as law
from microfuture.clubs import permissions
from microfuture.clubs.core import from_cents, to_cents
from microfuture.clubs.models import Enterprise
from microfuture.clubs.permissions import Actor
from microfuture.clubs.services.audit import audit
from microfuture.clubs.services.money import ClubError
from microfuture.regions import REGIONS


def _capital_cents(share_capital: Decimal | None) -> int | None:
    if share_capital is None:
        return None
    if share_capital <= 0:
        raise ClubError(_("The share capital must be more than zero."))
    cents = to_cents(share_capital)
    if from_cents(cents) != share_capital:
        raise ClubError(_("The share capital can have at most two decimals."))
    return cents


def _legal_problem(legal_form: str, social_enterprise: bool, capital: int | None) -> None:
    """Refuse a form we do not know, the status on a sole trader, capital on a sole trader."""
    if legal_form and legal_form not in law.LegalForm.values:
        raise ClubError(_("Choose the legal form from the list."))
    problem = law.status_problem(
        legal_form=legal_form, social_enterprise=social_enterprise
    ) or law.share_capital_problem(legal_form=legal_form, has_share_capital=capital is not None)
    if problem:
        raise ClubError(problem)


@transaction.atomic
def enterprise_register(
    *, actor: Actor, name: str, legal_form: str = "", social_enterprise: bool = False,
    region: str = "", description: str = "", share_capital: Decimal | None = None,
    contact_email: str = "",
) -> Enterprise:
    """A new enterprise; the person registering it becomes its representative.

    `legal_form` is a code of `LegalForm` (empty: not recorded); `social_enterprise` is the
    registered so.p. status, which a sole trader cannot hold."""
    user = permissions.person(actor)
    if user is None or not permissions.may_register_enterprise(actor):
        raise ClubError(_("Sign in to register an enterprise."))
    name = name.strip()
    if not name:
        raise ClubError(_("The enterprise needs a name."))
    if Enterprise.objects.filter(name__iexact=name).exists():
        raise ClubError(_("An enterprise called %(name)s is already registered.") % {"name": name})
    if region and region not in REGIONS:
        raise ClubError(_("Unknown region."))
    capital = _capital_cents(share_capital)
    legal_form = legal_form.strip()
    _legal_problem(legal_form, social_enterprise, capital)
    slug = base = slugify(name)[:150] or "enterprise"
    n = 1
    while Enterprise.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    enterprise = Enterprise.objects.create(
        name=name, slug=slug, legal_form=legal_form, social_enterprise=social_enterprise,
        region=region,
        description=description.strip(), share_capital_cents=capital,
        contact_email=contact_email.strip(),
    )
    enterprise.representatives.add(user)
    audit(club=None, actor=actor, action="enterprise.registered", enterprise=name,
          slug=slug, legal_form=legal_form, social_enterprise=social_enterprise)
    return enterprise


@transaction.atomic
def enterprise_update_details(
    *, enterprise: Enterprise, actor: Actor, legal_form: str, description: str,
    share_capital: Decimal | None, contact_email: str, social_enterprise: bool = False,
) -> Enterprise:
    """Its representatives keep the details up to date (clubs check stakes on the capital)."""
    locked = Enterprise.objects.select_for_update().get(pk=enterprise.pk)
    if not permissions.may_edit_enterprise(actor, locked):
        raise ClubError(_("Only the enterprise's representatives can change its details."))
    old_capital = locked.share_capital_cents
    old_form = [locked.legal_form, locked.social_enterprise]
    capital = _capital_cents(share_capital)
    legal_form = legal_form.strip()
    _legal_problem(legal_form, social_enterprise, capital)
    locked.legal_form = legal_form
    locked.social_enterprise = social_enterprise
    locked.description = description.strip()
    locked.share_capital_cents = capital
    locked.contact_email = contact_email.strip()
    locked.save(update_fields=["legal_form", "social_enterprise", "description",
                               "share_capital_cents", "contact_email"])
    audit(club=None, actor=actor, action="enterprise.details", enterprise=locked.name,
          legal_form=[old_form[0], legal_form],
          social_enterprise=[old_form[1], social_enterprise],
          share_capital=[
              str(from_cents(old_capital)) if old_capital is not None else None,
              str(from_cents(locked.share_capital_cents))
              if locked.share_capital_cents is not None else None,
          ])
    return locked
