"""In a real headless Chromium, the treasurer types amounts the way their language writes them:
`25,50` and `1.000,00` on the Slovenian page, `25.50` and `1,000.00` on the English one."""

from __future__ import annotations

import pytest

from microfuture.clubs.models import ClubEvent
from microfuture.clubs.selectors import club_problems
from microfuture.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("language", "first", "second", "refused", "hint"), [
    ("sl", "25,50", "1.000,00", "25.50", "napišite 25,50"),
    ("en", "25.50", "1,000.00", "25,50", "write 25.50"),
])
def test_treasurer_types_amounts_in_the_page_s_language(page, live_server, club, treasurer,
                                                        language, first, second, refused, hint):
    sign_in(page, live_server, "treasurer")
    page.context.add_cookies([{"name": "django_language", "value": language,
                               "url": live_server.url}])
    url = f"{live_server.url}/clubs/{club.slug}/record/contribution/"
    page.goto(url)
    assert page.locator("html").get_attribute("lang") == language
    form = page.locator("main form[method=post]")
    amount = form.locator("input[name=amount]")
    assert amount.get_attribute("inputmode") == "decimal"

    for who, typed, reference in (("Miha", first, "r1"), ("Nina", second, "r2")):
        form.locator("select[name=member]").select_option(who)
        amount.fill(typed)
        form.locator("input[name=reference]").fill(reference)
        form.locator("button[type=submit]").click()
        page.wait_for_load_state()
        assert page.locator(".error-summary").count() == 0, page.locator("main").inner_text()

    # Written the other language's way: refused, kept as typed, nothing stored.
    form.locator("select[name=member]").select_option("Tine")
    amount.fill(refused)
    form.locator("button[type=submit]").click()
    assert hint in page.locator(".error-summary").inner_text()
    assert form.locator("input[name=amount]").input_value() == refused

    amounts = dict(ClubEvent.objects.filter(club=club, type="contribution")
                   .values_list("member", "amount_cents"))
    assert amounts == {"Miha": 2550, "Nina": 100000}
    assert club_problems(club) == []
