"""Words for the codes the money core uses (instrument, holding and member status)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from microfuture.clubs.models import Proposal

INSTRUMENT_LABELS = dict(Proposal.Instrument.choices)
HOLDING_STATUS_LABELS = {
    "open": gettext_lazy("open"),
    "repaid": gettext_lazy("repaid"),
    "sold": gettext_lazy("sold"),
    "written_off": gettext_lazy("written off"),
}
MEMBER_STATUS_LABELS = {"active": gettext_lazy("active"), "exited": gettext_lazy("left")}
