"""Every page that five people can reach passes axe-core's WCAG 2.2 A/AA rules and fits a
360 px phone without sideways scrolling.

On the demo data (`seed_demo`), an anonymous visitor, a member, a treasurer, a regional
coordinator and a curator each start at the home page and their own landing pages and follow
every same-site link and every form sent by GET (with the values it shows), visiting at most
two addresses per URL name (so a list of forty clubs costs two visits). Each page is checked
by axe-core at a desktop width, then narrowed to 360 px and checked for sideways scrolling and
again by the axe rules that depend on the width (a table box that now scrolls must be
reachable by keyboard; targets must stay apart). The anonymous visitor and the treasurer also
walk the site in Slovenian, one address per URL name. Run it alone with
`pytest -m browser -k crawl`; docs/accessibility.md says more.
"""

from __future__ import annotations

import io
import os
from collections import Counter, deque
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urldefrag, urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import Resolver404, resolve
from playwright.sync_api import Error as PlaywrightError

from microfuture.web.tests.axe import (
    NARROW_RULES,
    axe_violations,
    install_axe,
    sideways_overflow,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = 360
DESKTOP = {"width": 1280, "height": 900}

# Not pages: files, machine endpoints, the admin (Django's own), the language switch's POST
# target and sign-out (a POST that would end the crawl's session).
SKIP_PREFIXES = ("/admin/", "/api/", "/static/", "/media/", "/i18n/", "/accounts/sign-out/")
SKIP_SUFFIXES = (".pdf", ".csv", ".json", ".xlsx", ".ics", ".xml", ".zip", ".txt")
SKIP_NAME_ENDINGS = ("_pdf", "_json", "_csv", "_xlsx", "_ics", "_export", "_download")


@dataclass(frozen=True)
class Persona:
    label: str
    username: str  # empty for an anonymous visitor
    language: str
    landing: tuple[str, ...]
    per_name: int = 2


def demo_club_slug(region: str = "SI035") -> str:
    from microfuture.clubs.models import Club

    club = Club.objects.filter(region=region).order_by("pk").first()
    assert club is not None, "seed_demo made no club in Zasavska"
    return club.slug


def compare_two_practices() -> str:
    from microfuture.practices.models import Practice

    slugs = Practice.objects.filter(status__in=Practice.PUBLIC).order_by("slug")
    return "/practices/compare/?" + "&".join(f"p={s}" for s in slugs.values_list("slug",
                                                                          flat=True)[:2])


def personas() -> list[Persona]:
    slug = demo_club_slug()
    club = f"/clubs/{slug}/"
    # Pages no link leads to: after a form is sent, or a comparison of two ticked practices.
    public = ("/", "/finder/", "/finder/results/", "/clubs/", "/practices/", "/accounts/sign-in/",
              "/accounts/password-reset/", "/accounts/password-reset/sent/",
              "/accounts/sign-up/sent/", "/accounts/password-reset/done/",
              # Links from e-mails that no longer work: what someone sees then.
              "/accounts/password-reset/MQ/expired/", "/accounts/sign-up/confirm/expired/",
              "/clubs/invitation/expired/", compare_two_practices())
    return [
        Persona("anonymous", "", "en", public),
        Persona("member", "clan", "en", ("/", "/accounts/me/", club, f"{club}me/")),
        Persona("treasurer", "blagajnicka", "en",
                ("/", "/accounts/me/", club, f"{club}record/", f"{club}collection/",
                 f"{club}events/", f"{club}members/")),
        Persona("coordinator", "koordinatorka", "en", ("/", "/accounts/me/", "/clubs/region/")),
        Persona("curator", "kurator", "en", ("/", "/accounts/me/", "/practices/",
                                             "/practices/new/")),
        Persona("anonymous", "", "sl", public, per_name=1),
        Persona("treasurer", "blagajnicka", "sl", ("/", club, f"{club}record/"), per_name=1),
    ]


def page_name(path: str) -> str | None:
    """The URL name that serves this path, or None when it is not a page to check."""
    if path.startswith(SKIP_PREFIXES) or path.lower().endswith(SKIP_SUFFIXES):
        return None
    try:
        match = resolve(path)
    except Resolver404:
        return None
    name = match.view_name
    if name.endswith(SKIP_NAME_ENDINGS):
        return None
    return name


# Where each form sent by GET leads with the values it shows (a search, a questionnaire's
# next step or its results, a choice of region): one address per named button.
GET_FORMS_JS = """
() => [...document.querySelectorAll('form')]
  .filter((f) => (f.getAttribute('method') || 'get').toLowerCase() === 'get')
  .flatMap((f) => {
    const buttons = [...f.querySelectorAll(
      'button[name]:not([type=button]), input[type=submit][name]')];
    return (buttons.length ? buttons : [null]).map((button) => {
      const data = new FormData(f);
      if (button) data.append(button.name, button.value);
      const url = new URL(f.getAttribute('action') || location.href, document.baseURI);
      url.search = new URLSearchParams(data).toString();
      return url.href;
    });
  })
"""


def same_site_links(page: Any, origin: str) -> Iterable[tuple[str, str]]:
    """Each same-site address the page leads to, with how: "link" or "form"."""
    hrefs = page.eval_on_selector_all(
        "a[href]",  # SVG links too, whose href is not a string
        "els => els.map(e => new URL(e.getAttribute('href'), document.baseURI).href)",
    )
    found = [(href, "link") for href in hrefs]
    found += [(href, "form") for href in page.evaluate(GET_FORMS_JS)]
    for href, how in found:
        url, _fragment = urldefrag(href)
        if url.startswith(origin + "/"):
            yield url[len(origin):], how


def open_context(browser: Any, live_server: Any, persona: Persona) -> Any:
    context = browser.new_context(viewport=DESKTOP, locale="en-GB")
    install_axe(context)
    cookies = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": persona.language,
                "url": live_server.url}]
    if persona.username:
        from microfuture.accounts.models import User

        client = Client()
        client.force_login(User.objects.get(username=persona.username))
        cookies.append({"name": settings.SESSION_COOKIE_NAME,
                        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                        "url": live_server.url})
    context.add_cookies(cookies)
    return context


def crawl(browser: Any, live_server: Any, persona: Persona) -> tuple[list[str], int]:
    """Visit the persona's pages; return every problem found and how many pages were seen."""
    origin = live_server.url.rstrip("/")
    context = open_context(browser, live_server, persona)
    page = context.new_page()
    problems: list[str] = []
    seen_names: Counter[str] = Counter()
    queued = set(persona.landing)
    queue = deque((path, "landing") for path in persona.landing)
    visited = 0
    try:
        while queue:
            path, how = queue.popleft()
            name = page_name(urlsplit(path).path)
            if name is None or seen_names[name] >= persona.per_name:
                continue
            seen_names[name] += 1
            page.set_viewport_size(DESKTOP)
            try:
                response = page.goto(origin + path)
            except PlaywrightError as exc:
                if "Download is starting" in str(exc):  # a file, not a page
                    continue
                raise
            visited += 1
            where = f"{persona.label} ({persona.language}) {path}"
            status = response.status if response else 0
            # A form sent with what it shows may be refused (400: tick two practices first),
            # but a link must lead somewhere the person may go.
            if not status or status >= 500 or (how == "link" and status in (403, 404)):
                problems.append(f"{where}: HTTP {status or 'no answer'} (reached by {how})")
                if not status:
                    continue
            if "text/html" not in response.headers.get("content-type", ""):
                continue
            for violation in axe_violations(page):
                problems.append(f"{where}: {violation}")
            page.set_viewport_size({"width": PHONE, "height": 800})
            overflow = sideways_overflow(page)
            if overflow:
                problems.append(f"{where} at {PHONE} px: {overflow}")
            for violation in axe_violations(page, NARROW_RULES):
                problems.append(f"{where} at {PHONE} px: {violation}")
            for link, via in same_site_links(page, origin):
                if link not in queued:
                    queued.add(link)
                    queue.append((link, via))
    finally:
        context.close()
    return problems, visited


# Forms sent empty, to check the pages that show their errors: (persona, page with the form).
EMPTY_FORMS = [
    ("anonymous", "/accounts/sign-in/"),
    ("anonymous", "/accounts/sign-up/"),
    ("anonymous", "/accounts/password-reset/"),
    ("member", "/accounts/me/password/"),
    ("treasurer", "{club}record/"),  # the first kind of money event listed there
    ("treasurer", "{club}invitations/"),
    ("curator", "/practices/new/"),
]


def empty_form_problems(browser: Any, live_server: Any) -> list[str]:
    """Send each form in EMPTY_FORMS empty; check the page that shows its errors."""
    club = f"/clubs/{demo_club_slug()}/"
    by_label = {p.label: p for p in personas() if p.language == "en"}
    problems = []
    for label, path in EMPTY_FORMS:
        context = open_context(browser, live_server, by_label[label])
        page = context.new_page()
        try:
            page.goto(live_server.url + path.format(club=club))
            if "record/" in path:
                page.locator("main table a[href*='/record/']").first.click()
            send = page.locator("main form[method=post] button[type=submit]")
            if not send.count():
                problems.append(f"{label} (en) {page.url}: no form to send")
                continue
            send.first.click()
            page.wait_for_load_state()
            where = f"{label} (en) {page.url.removeprefix(live_server.url)} sent empty"
            if not page.locator(".error-summary, .errorlist, [role=alert]").count():
                problems.append(f"{where}: no error shown")
            problems += [f"{where}: {v}" for v in axe_violations(page)]
            page.set_viewport_size({"width": PHONE, "height": 800})
            overflow = sideways_overflow(page)
            if overflow:
                problems.append(f"{where} at {PHONE} px: {overflow}")
        finally:
            context.close()
    return problems


@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="the pages' markup does not depend on the database; the crawl runs once, on SQLite",
)
def test_crawl_every_page_as_every_persona_is_accessible_and_fits_a_phone(browser, live_server):
    call_command("seed_demo", stdout=io.StringIO())
    assert connection.vendor in {"sqlite", "postgresql"}
    problems: list[str] = []
    visits: dict[str, int] = {}
    for persona in personas():
        found, visited = crawl(browser, live_server, persona)
        problems += found
        visits[f"{persona.label}/{persona.language}"] = visited
    problems += empty_form_problems(browser, live_server)
    # The crawl must actually reach the site, not stop at a sign-in page.
    assert visits["anonymous/en"] >= 10, visits
    assert visits["treasurer/en"] >= 20, visits
    assert not problems, f"{len(problems)} problem(s) on {sum(visits.values())} pages:\n" + \
        "\n".join(problems)


def test_the_checks_catch_what_they_look_for(page, live_server, db):
    """A label-less field, a table box that scrolls but cannot be reached by keyboard, and a
    box wider than the phone are each reported, so a clean crawl means something."""
    page.set_viewport_size({"width": PHONE, "height": 800})
    page.goto(live_server.url + "/")
    assert axe_violations(page) == []
    assert sideways_overflow(page) == ""
    page.evaluate("""() => {
      const main = document.querySelector('main');
      main.insertAdjacentHTML('beforeend',
        '<input type="text" name="nameless">' +
        '<div class="table-scroll" id="narrow-box"><table><tr><th>' + 'x'.repeat(200) +
        '</th></tr></table></div>' +
        '<div id="too-wide">wide</div>');
      // Through the CSSOM: the site's CSP refuses inline style attributes.
      document.getElementById('too-wide').style.width = '500px';
    }""")
    rules = {v.rule for v in axe_violations(page)}
    assert {"label", "scrollable-region-focusable"} <= rules
    assert "div#too-wide" in sideways_overflow(page)


def test_hidden_text_in_a_scrolling_table_does_not_widen_the_page(page, live_server, db):
    """Visually hidden text sits at its place in the table, past the phone's right edge; the
    table box must clip it (it did not, so the members page was 602 px wide at 360 px)."""
    page.set_viewport_size({"width": PHONE, "height": 800})
    page.goto(live_server.url + "/")
    page.evaluate("""() => {
      document.querySelector('main').insertAdjacentHTML('beforeend',
        '<div class="table-scroll" tabindex="0" role="region" aria-label="Wide"><table><tr>' +
        '<td class="num">' + '1 234,56 '.repeat(12) + '</td>' +
        '<td><span class="visually-hidden">Role of someone</span></td></tr></table></div>');
    }""")
    assert page.evaluate("document.querySelector('.table-scroll').scrollWidth") > PHONE
    assert sideways_overflow(page) == ""
    assert axe_violations(page) == []
