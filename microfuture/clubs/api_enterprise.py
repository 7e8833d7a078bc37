"""JSON API for an enterprise's own details: registering it, and keeping its legal form,
social-enterprise status, share capital and contact up to date.

Mounted with the clubs router at /api/v1/clubs/. The legal form is a code of
`clubs.legal_form.LegalForm`; "so.p." is the separate `social_enterprise` status, which a
sole trader cannot hold. The services refuse with ClubError, which becomes a 400 with its
plain message; anyone who does not represent the enterprise gets the 404 of a missing one.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.decorators import decorate_view

from microfuture.api import django_auth
from microfuture.clubs import legal_form as law
from microfuture.clubs.core import from_cents
from microfuture.clubs.lookup import enterprise_represented_by
from microfuture.clubs.models import Enterprise
from microfuture.clubs.services import ClubError
from microfuture.clubs.services import enterprise as enterprise_service
from microfuture.kernel.idempotency import idempotent
from microfuture.kernel.money import fmt_cents

router = Router(tags=["enterprises"])

AMOUNT = r"^[0-9]{1,12}(\.[0-9]{1,2})?$"
LegalFormCode = Literal["", "doo", "dd", "zadruga", "zavod", "drustvo", "ustanova", "sp",
                        "other"]


class Error(Schema):
    detail: str


ERRORS: dict[int, Any] = {400: Error, 401: Error, 403: Error, 404: Error, 422: Error}


class EnterpriseOut(Schema):
    name: str
    slug: str
    legal_form: str = Field(description="a legal form code; empty when not recorded")
    legal_form_label: str
    social_enterprise: bool = Field(description="registered social enterprise (so.p.)")
    region: str
    description: str
    share_capital: str | None
    contact_email: str
    equity_note: str | None = Field(
        description="what a club must know before taking shares (a social enterprise's "
                    "capped profit distribution), or null"
    )
    takes_equity: bool = Field(description="false when the legal form has no shares")


class EnterpriseIn(Schema):
    name: str = Field(min_length=1, max_length=150)
    legal_form: LegalFormCode = ""
    social_enterprise: bool = False
    region: str = Field("", max_length=5)
    description: str = Field("", max_length=5000)
    share_capital: str | None = Field(None, pattern=AMOUNT)
    contact_email: str = Field("", max_length=254)


class EnterpriseDetailsIn(Schema):
    """Only the fields sent change; the others keep their value."""

    legal_form: LegalFormCode | None = None
    social_enterprise: bool | None = None
    description: str | None = Field(None, max_length=5000)
    share_capital: str | None = Field(None, pattern=AMOUNT)
    contact_email: str | None = Field(None, max_length=254)


def enterprise_out(ent: Enterprise) -> EnterpriseOut:
    label = law.LegalForm(ent.legal_form).label if ent.legal_form in law.LegalForm.values else ""
    return EnterpriseOut(
        name=ent.name, slug=ent.slug, legal_form=ent.legal_form, legal_form_label=str(label),
        social_enterprise=ent.social_enterprise, region=ent.region,
        description=ent.description,
        share_capital=None if ent.share_capital_cents is None
        else fmt_cents(ent.share_capital_cents),
        contact_email=ent.contact_email,
        equity_note=law.equity_note(social_enterprise=ent.social_enterprise),
        takes_equity=ent.legal_form not in law.WITHOUT_SHARES,
    )


# Not POST /enterprises: the clubs router's GET /{slug} answers that path first.
@router.post("/enterprises/new", response={201: EnterpriseOut, **ERRORS}, auth=django_auth)
@decorate_view(idempotent)
def register_enterprise(request: HttpRequest, payload: EnterpriseIn) -> Any:
    """Register an enterprise; you become its representative."""
    try:
        ent = enterprise_service.enterprise_register(
            actor=request.user, name=payload.name, legal_form=payload.legal_form,
            social_enterprise=payload.social_enterprise, region=payload.region,
            description=payload.description,
            share_capital=Decimal(payload.share_capital) if payload.share_capital else None,
            contact_email=payload.contact_email,
        )
    except ClubError as exc:
        return Status(400, Error(detail=str(exc)))
    return Status(201, enterprise_out(ent))


@router.get("/enterprises/{ent_slug}/details", response={200: EnterpriseOut, **ERRORS},
            auth=django_auth)
def enterprise_details(request: HttpRequest, ent_slug: str) -> Any:
    """The enterprise's details (its representatives only)."""
    return enterprise_out(enterprise_represented_by(request.user, ent_slug))


@router.patch("/enterprises/{ent_slug}/details", response={200: EnterpriseOut, **ERRORS},
              auth=django_auth)
def update_enterprise_details(
    request: HttpRequest, ent_slug: str, payload: EnterpriseDetailsIn
) -> Any:
    """Change the legal form, status, description, share capital or contact address."""
    # Anyone else gets the 404 of a missing enterprise: no oracle (docs/security.md).
    ent = enterprise_represented_by(request.user, ent_slug)
    sent = payload.model_fields_set
    capital: Decimal | None
    if "share_capital" in sent:
        capital = Decimal(payload.share_capital) if payload.share_capital else None
    else:
        capital = from_cents(ent.share_capital_cents) if ent.share_capital_cents is not None \
            else None
    try:
        ent = enterprise_service.enterprise_update_details(
            enterprise=ent, actor=request.user,
            legal_form=payload.legal_form if payload.legal_form is not None else ent.legal_form,
            social_enterprise=payload.social_enterprise
            if payload.social_enterprise is not None else ent.social_enterprise,
            description=payload.description if payload.description is not None
            else ent.description,
            share_capital=capital,
            contact_email=payload.contact_email if payload.contact_email is not None
            else ent.contact_email,
        )
    except ClubError as exc:
        return Status(400, Error(detail=str(exc)))
    return enterprise_out(ent)
