""""What it costs me": the calculator on the microloan and self-employment guides.

A GET form (no JavaScript; its answers are in the address, so a social worker can share them):
the amount of a loan, its yearly rate, its term and grace months, typed the reader's way
(`NumberField`). The answer: the monthly payment, the total interest and the total repaid from
the platform's own loan schedule (`guides.examples.loan_figures`), optionally the first
instalments; a sole trader's minimum monthly social contributions of the year with their parts,
sources and the day they were checked; and the two added up, the real monthly cost. Bad input
gives a message per field and computes nothing. `calculator_context` is what the guide page
puts in `guides/_calculator.html` (anchored at `#cost`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from microfuture.clubs.core.loans import MAX_RATE, MAX_TERM
from microfuture.guides.examples import contributions, format_eur, loan_figures
from microfuture.guides.text import GuideTextError
from microfuture.kernel.fields import NumberField
from microfuture.numbers import format_number

__all__ = ["CALCULATOR_GUIDES", "DEFAULTS", "CostForm", "calculator_context"]

#: The guides that show the calculator.
CALCULATOR_GUIDES = ("microloan", "self-employment")
#: The loan the calculator shows before a reader types their own (the guides' example).
DEFAULTS = {"amount": Decimal(10000), "rate": Decimal(5), "months": 60, "grace": 0}
#: Instalments shown in the optional table.
FIRST_ROWS = 12


class CostForm(forms.Form):
    amount = NumberField(
        label=_("How much do you want to borrow, in euros?"),
        min_value=Decimal("0.01"), max_value=Decimal("999999999"), max_digits=12,
        decimal_places=2,
    )
    rate = NumberField(
        label=_("Yearly interest rate, in %"),
        min_value=Decimal(0), max_value=MAX_RATE, max_digits=7, decimal_places=4,
        help_text=_("Ask the lender; the call or the contract states it."),
    )
    months = NumberField(
        label=_("Over how many months do you repay?"), whole=True, min_value=1,
        max_value=MAX_TERM,
    )
    grace = NumberField(
        label=_("Grace months (you pay only interest), if any"), whole=True, min_value=0,
        max_value=MAX_TERM, required=False,
    )
    table = forms.BooleanField(label=_("Show the first instalments"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        months, grace = data.get("months"), data.get("grace") or 0
        if months is not None and grace >= months:
            self.add_error("grace", _("The grace months must be fewer than the months of the "
                                      "loan."))
        return data


def _contributions_context(lang: str) -> dict[str, Any] | None:
    try:
        table = contributions()
    except GuideTextError:
        return None
    return {
        "year": table.year,
        "checked_on": table.checked_on,
        "base": format_eur(table.minimum_base, lang),
        "total": format_eur(table.total, lang),
        "total_value": table.total,
        "parts": [
            {"name": table.part_name(p, lang),
             "rate": None if p.rate is None else format_number(p.rate, lang),
             "amount": format_eur(p.amount, lang)}
            for p in table.parts
        ],
        "sources": table.sources,
        "note": table.note(lang),
    }


def calculator_context(query: QueryDict, lang: str) -> dict[str, Any]:
    """What `guides/_calculator.html` shows for the page's query string, in `lang`.

    `calculator.form` (bound when the reader sent it), `calculator.loan` (the figures, or None
    on bad input), `calculator.contributions`, `calculator.monthly_cost`."""
    sent = any(name in query for name in ("amount", "rate", "months", "grace"))
    with translation.override(lang):
        if sent:
            form = CostForm(query)
            valid = form.is_valid()
            data = form.cleaned_data if valid else {}
        else:
            form = CostForm(initial=DEFAULTS)
            valid = True
            data = dict(DEFAULTS)
        loan = None
        if valid:
            try:
                figures = loan_figures(data["amount"], data["rate"], data["months"],
                                       data.get("grace") or 0)
            except GuideTextError as exc:  # pragma: no cover - the form's limits are the core's
                form.add_error(None, str(exc))
            else:
                grace = data.get("grace") or 0
                loan = {
                    "amount": format_eur(data["amount"], lang),
                    "rate": format_number(data["rate"], lang),
                    "months": data["months"],
                    "grace": grace,
                    "payment": format_eur(figures.payment, lang),
                    "payment_value": figures.payment,
                    "grace_payment": (format_eur(figures.schedule[0].payment, lang)
                                      if grace else None),
                    "interest": format_eur(figures.interest, lang),
                    "total": format_eur(figures.total, lang),
                    "rows": [
                        {"n": row.n, "payment": format_eur(row.payment, lang),
                         "interest": format_eur(row.interest, lang),
                         "principal": format_eur(row.principal, lang),
                         "outstanding": format_eur(row.outstanding, lang)}
                        for row in figures.schedule[:FIRST_ROWS]
                    ] if data.get("table") else [],
                }
        sp = _contributions_context(lang) if loan else None
        monthly = (format_eur(loan["payment_value"] + sp["total_value"], lang)
                   if loan and sp else None)
    return {"calculator": {"form": form, "loan": loan, "contributions": sp,
                           "monthly_cost": monthly, "sent": sent}}
