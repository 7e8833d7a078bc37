"""One Slovenian term per concept (issue 11 §9; the table in field-review.md §1.7, kept in
docs/formats.md, "Terms"): the catalogue uses the chosen term wherever the English names the
concept, and never the rejected one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "sl" / "LC_MESSAGES" / "django.po"


def _unquote(text: str) -> str:
    body = text.strip()[1:-1]
    return re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), body)


def entries() -> list[tuple[str, str]]:
    """(msgid, msgstr) for every translated form of every entry, obsolete ones left out."""
    pairs: list[tuple[str, str]] = []
    for block in CATALOGUE.read_text(encoding="utf-8").split("\n\n"):
        fields: dict[str, str] = {}
        key = None
        for line in block.splitlines():
            if line.startswith("#"):
                continue
            match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (".*")$', line)
            if match:
                key = match.group(1)
                fields[key] = _unquote(match.group(2))
            elif line.startswith('"') and key:
                fields[key] += _unquote(line)
        if fields.get("msgid"):
            pairs += [(fields["msgid"], v) for k, v in fields.items() if k.startswith("msgstr")]
    return pairs


ENTRIES = entries()

# concept: (which English entries name it, the chosen Slovenian term, the rejected one)
TERMS: dict[str, tuple[str, str, str]] = {
    "unanimity": (r"\bunanim", r"soglasn", r"soglasj"),
    "the club's manager (gérant)": (r"\bmanager\b", r"poslovodj", r"upravitelj"),
    "a club in management (no new savings)": (r"\bin management\b", r"v izteku",
                                              r"v upravljanju"),
    "turnover": (r"\bturnover\b", r"prihod\w* od prodaje", r"\bpromet"),
    "own contribution (%)": (r"\bown share\b", r"lastna udeležba", r"lastni delež"),
    "sale proceeds": (r"\bproceeds\b", r"izkupič", r"kupnin"),
    "units and their value": (r"(?<!Spatial )\bunits?\b", r"enot\w* premoženja",
                              r"\benot\w*\b(?! premoženja)"),
    "share policy": (r"\bshare policy\b", r"način\w* izračuna deležev", r"delitv\w* deležev"),
    "monthly pledge": (r"\bpledges?\b", r"mesečn\w* vplačil", r"obvez"),
    "money event": (r"\bmoney events?\b", r"poslovn\w* dogod", r"denarn\w* dogod"),
    "participatory securities": (r"\bparticipatory\b", r"participativn", r"udeležben"),
    "co-ownership": (r"\bco-owner|\bindivision\b", r"solastnin", r"skupn\w* lastnin"),
    "citizens": (r"\bcitizens?\b", r"občan|vlagatelj|varčevalc", r"meščan|državljan"),
    "guarantee": (r"\bguarantee", r"garancij", r"jamstv"),
    "credit rating": (r"\bcredit rating( from AJPES \(S\.BON-1 or eS\.BON\))?, if\b",
                      r"AJPES", r"dodelila banka"),
    "disability": (r"\bI live with a disability\b", r"status invalida", r"Sem invalid"),
    "quorum": (r"^Quorum \(% of members who must vote\)$", r"glasovati mora najmanj",
               r"% od vseh članov, ki morajo"),
}
# The unit of an indicator in the practice library is not a club's unit.
NOT_THE_CONCEPT = {"units and their value": {"Unit"}}


@pytest.mark.parametrize("concept", list(TERMS))
def test_each_concept_has_one_term(concept: str) -> None:
    english, chosen, rejected = TERMS[concept]
    found = [
        (msgid, msgstr) for msgid, msgstr in ENTRIES
        if re.search(english, msgid, re.IGNORECASE)
        and msgid not in NOT_THE_CONCEPT.get(concept, set())
    ]
    assert found or concept in {"co-ownership"}, f"no entry names {concept!r} any more"
    wrong = [
        (msgid, msgstr) for msgid, msgstr in found
        if not re.search(chosen, msgstr, re.IGNORECASE)
        or re.search(rejected, msgstr, re.IGNORECASE)
    ]
    assert wrong == [], f"{concept}: use {chosen!r}, never {rejected!r}"


@pytest.mark.parametrize("rejected", [
    r"upravitelj", r"skupn\w* lastnin", r"\bkupnin", r"lastni delež", r"udeležben\w* vrednostn",
    r"meščan", r"denarn\w* dogod", r"mesečn\w* obvez", r"delitv\w* deležev", r"v upravljanju",
])
def test_a_rejected_term_appears_nowhere(rejected: str) -> None:
    assert [s for _id, s in ENTRIES if re.search(rejected, s, re.IGNORECASE)] == []


def test_turnover_is_not_the_transport_sector() -> None:
    # "Promet" stays only where it means traffic: the sector "Promet in prevoz".
    uses = {msgid for msgid, s in ENTRIES if re.search(r"\bpromet", s, re.IGNORECASE)}
    assert uses <= {"Transport"}


def test_the_club_level_statement_is_a_report_and_a_member_keeps_a_statement() -> None:
    club_level = {"Statement", "Statement on %(day)s"}
    for msgid, msgstr in ENTRIES:
        if msgid in club_level:
            assert msgstr.startswith("Poročilo o stanju kluba"), msgid
        if msgid in {"My statement", "Statement of %(name)s"}:
            assert "izpisek" in msgstr.lower(), msgid


def test_so_p_is_not_offered_as_a_legal_form() -> None:
    for msgid, msgstr in ENTRIES:
        if msgid.startswith("For example d.o.o."):
            assert "so.p., zadruga" not in msgstr and "društvo" in msgstr
