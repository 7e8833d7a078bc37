"""The new-practice form labels each language column by its language ("Naslov (slovensko)",
"Naslov (angleško)"), with a proper label for each input, the text's name as the legend of
its group, and the input's language marked for screen readers."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def form_html(user: Any, lang: str) -> str:
    client = Client()
    client.force_login(user)
    response = client.get("/practices/new/", HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(("lang", "sl_label", "en_label", "legend"), [
    ("sl", "Naslov (slovensko)", "Naslov (angleško)", "Naslov"),
    ("en", "Title (in Slovenian)", "Title (in English)", "Title"),
])
def test_each_language_column_has_its_own_label(outsider: Any, lang: str, sl_label: str,
                                                en_label: str, legend: str) -> None:
    html = form_html(outsider, lang)
    assert f'<label for="id_title_sl">{sl_label}</label>' in html
    assert f'<label for="id_title_en">{en_label}</label>' in html
    assert f"<legend>{legend}</legend>" in html
    assert re.search(r'<input[^>]*lang="sl"[^>]*id="id_title_sl"|'
                     r'<input[^>]*id="id_title_sl"[^>]*lang="sl"', html)
    # No two inputs of the record share a label text (each figure has its own legend).
    labels = re.findall(r'<label for="id_(?!ind-)[^"]+">([^<]+)</label>', html)
    assert len(labels) == len(set(labels)), [x for x in labels if labels.count(x) > 1]


def test_the_expert_opinion_columns_are_labelled_by_language(outsider: Any, curator: Any) -> None:
    from microfuture.accounts.models import RoleGrant
    from microfuture.conftest import make_user
    from microfuture.practices import services

    practice = services.practice_save(practice=None, actor=outsider, data={
        "slug": "clubs", "title": {"sl": "Klubi", "en": "Clubs"}, "country": "FR",
        "sources": ["https://example.org/a"]})
    services.practice_submit(practice=practice, actor=outsider)
    services.practice_approve(practice=practice, actor=curator)
    expert = make_user("expert")
    RoleGrant.objects.create(user=expert, role=RoleGrant.Role.EXPERT)
    client = Client()
    client.force_login(expert)
    html = client.get("/practices/clubs/", HTTP_ACCEPT_LANGUAGE="sl").content.decode()
    assert '<label for="id_opinion_sl">Mnenje strokovnjaka (slovensko)</label>' in html
    assert '<label for="id_opinion_en">Mnenje strokovnjaka (angleško)</label>' in html
    assert "<legend>Mnenje strokovnjaka</legend>" in html
