"""The shared bilingual text: either language, falling back to the other."""

from __future__ import annotations

import pytest

from microfuture.kernel.text import Bilingual


def test_get_gives_the_language_asked_for() -> None:
    text = Bilingual(sl="zadruga", en="cooperative")
    assert text.get("sl") == "zadruga"
    assert text.get("en") == "cooperative"


def test_an_empty_side_falls_back_to_the_other() -> None:
    assert Bilingual(sl="samo slovensko").get("en") == "samo slovensko"
    assert Bilingual(en="English only").get("sl") == "English only"


def test_truth_is_having_any_text() -> None:
    assert not Bilingual()
    assert Bilingual(en="x")
    assert Bilingual("x", "")


def test_it_is_frozen_and_a_value() -> None:
    text = Bilingual("a", "b")
    assert text == Bilingual(sl="a", en="b")
    assert hash(text) == hash(Bilingual("a", "b"))
    with pytest.raises(AttributeError):
        text.sl = "c"  # type: ignore[misc]
