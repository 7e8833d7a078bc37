"""An enterprise as Slovenian law sees it: its legal form, and the social-enterprise status.

The two are separate facts. The legal form is what the enterprise is registered as (d.o.o.,
zadruga, zavod, društvo, s.p., ...); "socialno podjetje" (so.p.) is a status that a legal
person of private law may acquire on top of its form, and a suffix to its name, never a form
of its own. Sources: the Social Entrepreneurship Act (ZSocP, Uradni list RS 20/2011, amended
by ZSocP-A, 13/2018); evem.gov.si and spot.gov.si, "Socialno podjetje (so.p.)"; the field
review of December 2026 (`/work/shared/domain/field-review.md` §1.3, §1.6, §2.1).

The rules are plain functions of plain values, so the services, the forms and the pages ask
the same ones.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class LegalForm(models.TextChoices):
    """Codes are stored; labels name the form in the reader's language with its abbreviation."""

    DOO = "doo", _("Limited liability company (d.o.o.)")
    DD = "dd", _("Public limited company (d.d.)")
    ZADRUGA = "zadruga", _("Cooperative (zadruga)")
    ZAVOD = "zavod", _("Private institute (zavod)")
    DRUSTVO = "drustvo", _("Association (društvo)")
    USTANOVA = "ustanova", _("Foundation (ustanova)")
    SP = "sp", _("Sole trader (s.p.)")
    OTHER = "other", _("Other legal form")


# Forms in which nobody holds shares, so a club cannot buy any: a sole trader is a natural
# person with no share capital (the field review, §0.6 and §1.6); members of an association
# and the founders of a foundation hold no stake either (§2.1).
WITHOUT_SHARES = frozenset({LegalForm.SP, LegalForm.DRUSTVO, LegalForm.USTANOVA})

# ZSocP (as amended by ZSocP-A): a social enterprise may share out at most a fifth of its
# profit, only if its founding act allows it, and never distributes its assets.
SOCIAL_ENTERPRISE_PROFIT_CAP_PERCENT = 20


def status_problem(*, legal_form: str, social_enterprise: bool) -> str | None:
    """Why this form cannot hold the social-enterprise status, or None when it can."""
    if social_enterprise and legal_form == LegalForm.SP:
        return gettext(
            "A sole trader (s.p.) cannot hold social-enterprise status: only a legal person "
            "can (Social Entrepreneurship Act, ZSocP). Register a d.o.o., zadruga, zavod or "
            "društvo first, or leave the status unticked."
        )
    return None


def share_capital_problem(*, legal_form: str, has_share_capital: bool) -> str | None:
    """A sole trader has no share capital to record."""
    if has_share_capital and legal_form == LegalForm.SP:
        return gettext(
            "A sole trader (s.p.) has no share capital: leave the share capital empty."
        )
    return None


def equity_refusal(*, name: str, legal_form: str) -> str | None:
    """Why a club cannot take shares in this enterprise, or None when it can."""
    if legal_form not in WITHOUT_SHARES:
        return None
    return gettext(
        "%(ent)s is registered as %(form)s, which has no shares a club could buy. Offer a "
        "loan instead."
    ) % {"ent": name, "form": LegalForm(legal_form).label}


def equity_note(*, social_enterprise: bool) -> str | None:
    """What a club must know before taking shares in a registered social enterprise."""
    if not social_enterprise:
        return None
    return gettext(
        "This is a registered social enterprise (so.p.). Under the Social Entrepreneurship Act "
        "(ZSocP) it may distribute at most %(cap)d %% of its profit, and only if its founding "
        "act allows it; its assets are never distributed to members or owners. Shares bring "
        "little return: a loan or an agreed buyback is the usual way to get money back."
    ) % {"cap": SOCIAL_ENTERPRISE_PROFIT_CAP_PERCENT}


def describe(*, legal_form: str, social_enterprise: bool) -> str:
    """The form and status as one line, e.g. "Private institute (zavod), so.p."."""
    label = str(LegalForm(legal_form).label) if legal_form in LegalForm.values else ""
    if social_enterprise:
        status = gettext("registered social enterprise (so.p.)")
        return f"{label}, {status}" if label else status
    return label
