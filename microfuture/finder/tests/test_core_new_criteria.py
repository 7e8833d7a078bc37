"""Worked examples for the criteria and profile fields of issue 11 §3–§4.

The municipality (and the region it sets), unpaid taxes or a blocked account, de minimis aid
received in the last three years, and the answers the law rules out (a sole trader with the
social-enterprise status, a municipality Slovenia does not have). Verdict tables for every
criterion are in test_core_criteria.py; here are the sentences and the profile reading.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from microfuture.finder.core import (
    DE_MINIMIS_CEILING,
    Refusal,
    evaluate,
    match,
    match_json,
    parse_profile,
)
from microfuture.finder.mechanism import Mechanism, Profile
from microfuture.kernel.text import Bilingual

ON = date(2026, 12, 1)
D = Decimal


def mech(**fields: object) -> Mechanism:
    return Mechanism(slug="m", name=Bilingual("Mehanizem", "Mechanism"), provider="p",
                     kind="microloan", **fields)  # type: ignore[arg-type]


def parse(data: dict[str, object]) -> tuple[Profile, list[str]]:
    return parse_profile(data, today=ON)


# --- municipality ------------------------------------------------------------------------------


def test_a_municipality_by_name_or_number_sets_its_region() -> None:
    for given in ("Litija", "litija ", "LITIJA", "060", "60"):
        profile, problems = parse({"municipality": given})
        assert problems == []
        assert (profile.municipality, profile.region) == ("060", "SI035"), given
    profile, _ = parse({"municipality": "Šmartno pri Litiji"})  # stayed in SI041 in 2015
    assert (profile.municipality, profile.region) == ("194", "SI041")
    profile, _ = parse({"municipality": "Ljubljana"})
    assert (profile.municipality, profile.region) == ("061", "SI041")


def test_a_region_the_profile_gives_wins_over_the_municipalitys() -> None:
    profile, problems = parse({"municipality": "Litija", "region": "SI041"})
    assert problems == [] and profile.region == "SI041" and profile.municipality == "060"


def test_an_unknown_municipality_is_refused_by_name() -> None:
    profile, problems = parse({"municipality": "Atlantida"})
    assert len(problems) == 1 and isinstance(problems[0], Refusal)
    assert '"Atlantida"' in problems[0] and "212 municipalities" in problems[0]
    assert profile.municipality is None and profile.region is None
    _, problems = parse({"municipality": "999"})
    assert isinstance(problems[0], Refusal)
    _, problems = parse({"municipality": 60})
    assert problems == ["municipality must be a text, e.g. Litija or 060"]
    assert not isinstance(problems[0], Refusal)  # a wrong shape, not a wrong fact


def test_municipality_messages_name_the_municipalities() -> None:
    zasavje = mech(municipalities=("034", "129", "142"))
    r = evaluate(zasavje, Profile(municipality="Litija", on=ON)).result("municipalities")
    assert r.verdict == "not_met"
    assert r.message.en == ("Only for the municipalities Hrastnik, Trbovlje, Zagorje ob Savi; "
                            "yours is Litija. Being based in one of these municipalities would "
                            "change this.")
    assert r.message.sl == ("Samo za občine: Hrastnik, Trbovlje, Zagorje ob Savi; vaša občina: "
                            "Litija. To bi se spremenilo s sedežem v eni od teh občin.")
    many = mech(municipalities=tuple(f"{n:03d}" for n in range(1, 21)))
    r = evaluate(many, Profile(on=ON)).result("municipalities")
    assert r.verdict == "unknown"
    assert r.message.en.startswith("Only for 20 municipalities named by the provider; you have "
                                   "not said in which municipality")
    assert r.message.sl.startswith("Samo za 20 občin, ki jih navaja ponudnik;")


# --- unpaid taxes or a blocked account ------------------------------------------------------------


def test_unpaid_taxes_point_to_free_debt_counselling() -> None:
    sef = mech(requires_no_tax_debts=True)
    r = evaluate(sef, Profile(tax_debts=True, on=ON)).result("requires_no_tax_debts")
    assert (r.verdict, r.needs, r.has) == ("not_met", "true", "true")
    assert "Free help with debts" in r.message.en and "SOS dolgovi" in r.message.en
    assert "Brezplačno pomoč pri dolgovih" in r.message.sl
    assert "FURS" in r.message.en
    ok = evaluate(sef, Profile(tax_debts=False, on=ON)).result("requires_no_tax_debts")
    assert ok.message.en == ("Only for applicants with no unpaid taxes and no blocked account; "
                             "you have neither.")


def test_tax_debts_read_as_true_or_false() -> None:
    assert parse({"tax_debts": True})[0].tax_debts is True
    assert parse({"tax_debts": "false"})[0].tax_debts is False
    assert parse({"tax_debts": "maybe"})[1] == ["tax_debts must be true or false"]


# --- de minimis ------------------------------------------------------------------------------------


def test_the_de_minimis_ceiling_is_300000_euros() -> None:
    assert D(300_000) == DE_MINIMIS_CEILING


def test_de_minimis_worked_example() -> None:
    # 295,000 received in three years; asking for 25,000 would bring it to 320,000:
    # 20,000 over the ceiling; asking for at most 5,000 would fit.
    p7 = mech(de_minimis=True, amount_max=D(25000))
    p = Profile(de_minimis_received=D(295000), amount=D(25000), on=ON, lang="en")
    r = evaluate(p7, p).result("de_minimis")
    assert (r.verdict, r.needs, r.has) == ("not_met", "300000", "295000")
    assert r.message.en == (
        "Granted as de minimis aid: a business may receive at most €300,000 of it over three "
        "years; you have received €295,000, and with this amount it would come to €320,000. "
        "Asking for at most €5,000 would change this. For a loan or a guarantee only its aid "
        "element counts; the provider works it out.")
    assert r.message.sl.startswith(
        "Dodeli se kot pomoč de minimis: podjetje je v treh letih lahko prejme največ "
        "300.000 €; prejeli ste 295.000 €, s tem zneskom bi to bilo 320.000 €.")
    out = match_json(match([p7], p))
    assert out["near_misses"][0]["failed"]["criterion"] == "de_minimis"
    full = evaluate(p7, Profile(de_minimis_received=D(300000), on=ON)).result("de_minimis")
    assert full.verdict == "not_met"
    assert "more than three years old" in full.message.en


def test_de_minimis_received_must_be_a_number_of_euros() -> None:
    assert parse({"de_minimis_received": "12000.50"})[0].de_minimis_received == D("12000.50")
    assert parse({"de_minimis_received": -1})[1] == ["de_minimis_received must be 0 or more"]


# --- a sole trader and the social-enterprise status -----------------------------------------------


def test_a_sole_trader_cannot_hold_the_social_enterprise_status() -> None:
    _, problems = parse({"entity_type": "sole_trader", "social_enterprise_status": True})
    assert len(problems) == 1 and isinstance(problems[0], Refusal)
    assert "a sole trader (s.p.) cannot have the status of a social enterprise" in problems[0]
    assert parse({"entity_type": "sole_trader", "social_enterprise_status": False})[1] == []
    assert parse({"entity_type": "company", "social_enterprise_status": True})[1] == []


def test_a_full_time_sole_trader_is_told_to_count_themself() -> None:
    p7 = mech(employees_min=D(1))
    r = evaluate(p7, Profile(entity_type="sole_trader", employees=D(0), on=ON)).result(
        "employees_min")
    assert r.verdict == "not_met"
    assert "count yourself" in r.message.en and "štejete tudi sebe" in r.message.sl
    company = evaluate(p7, Profile(entity_type="company", employees=D(0), on=ON))
    assert "count yourself" not in company.result("employees_min").message.en
