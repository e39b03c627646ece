"""Every page type in a real browser: self-contained, error-free, readable on a phone, accessible.

Page types are one of each: home, each section index, a month of calls and a letter of people, one record of each kind (the first by id),
and the analysis pages, for the mini fixture and for the real corpus. Each page type is opened
once per viewport (desktop, phone); the tests below check what that visit recorded. A screenshot
of each visit (the whole page on desktop, the first screen on the phone) is kept in
test-artifacts/browser/ for a person to look at.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from .conftest import DESKTOP, PHONE, ROOT, open_tab, screenshot

AXE = ROOT / "tests" / "browser" / "vendor" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")
"""axe impacts that fail a page; 'minor' and 'moderate' findings are not failed here."""
PAGE_TYPES = ["home", "calls-index", "calls", "actors-index", "actors", "organizations-index",
              "organizations", "topics-index", "topics", "events-index", "events", "sources-index",
              "sources", "calls-month", "actors-letter", "timeline", "quotes", "disagreements", "coverage",
              "how-to-read", "changes"]
CORPORA = ["mini", "real"]


@dataclass
class Visit:
    """What one page load recorded."""

    path: str
    headings: int
    requests: list[str]
    foreign: list[str]
    errors: list[str]
    widths: dict[str, int]
    scheme: str
    """Material's colour scheme on the page: default (light) or slate (dark)."""
    violations: list[dict]
    """axe-core violations, on desktop visits only (light and dark palettes)."""


@pytest.fixture(scope="module")
def visit(browser, request):
    """visit(corpus, page type, viewport) -> Visit, each made once per test module; viewport is
    "desktop", "phone" or "dark" (desktop with the dark palette a dark-mode system picks)."""
    made: dict[tuple[str, str, str], Visit] = {}

    def get(corpus: str, page_type: str, viewport: str) -> Visit:
        key = (corpus, page_type, viewport)
        if key not in made:
            site = request.getfixturevalue(f"{corpus}_served")
            types = site.page_types()
            assert page_type in types, f"the {corpus} corpus has no page of type {page_type}"
            tab = open_tab(browser, site, PHONE if viewport == "phone" else DESKTOP,
                           "dark" if viewport == "dark" else "light")
            try:
                made[key] = _record(tab, types[page_type], page_type, viewport)
            finally:
                tab.page.context.close()
        return made[key]

    return get


def _record(tab, path: str, page_type: str, viewport: str) -> Visit:
    page = tab.open(path)
    widths = page.evaluate("() => ({page: document.documentElement.scrollWidth,"
                           " body: document.body.scrollWidth,"
                           " viewport: document.documentElement.clientWidth})")
    violations = []
    if viewport in ("desktop", "dark"):
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        assert result["testEngine"]["name"] == "axe-core"
        violations = result["violations"]
    screenshot(tab, f"{page_type}-{viewport}", full_page=viewport != "phone")
    scheme = page.evaluate("() => document.body.dataset.mdColorScheme")
    return Visit(path, page.locator("article h1").count(), list(tab.requests), list(tab.foreign),
                 list(tab.errors), widths, scheme, violations)


def _blocking(seen: Visit) -> list[dict]:
    """The serious and critical axe violations of a visit, briefly: rule, help, where."""
    return [{"rule": v["id"], "impact": v["impact"], "help": v["help"],
             "where": [n["target"] for n in v["nodes"]][:5]}
            for v in seen.violations if v["impact"] in BLOCKING]


pages = pytest.mark.parametrize("corpus, page_type",
                                [(c, t) for c in CORPORA for t in PAGE_TYPES],
                                ids=[f"{c}-{t}" for c in CORPORA for t in PAGE_TYPES])


@pages
@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_page_loads_only_from_the_local_server_with_no_console_error(visit, corpus, page_type,
                                                                     viewport):
    """The page loads (one h1) with zero requests to any host but the local server, and
    neither a console error nor an uncaught exception."""
    seen = visit(corpus, page_type, viewport)
    assert seen.headings == 1, seen.path
    assert seen.foreign == [], seen.foreign
    assert seen.errors == [], seen.errors
    assert seen.requests and all(url.startswith("http://127.0.0.1:") for url in seen.requests)


@pages
def test_page_fits_a_phone_without_horizontal_scrolling(visit, corpus, page_type):
    """On a 360 px wide phone the page never scrolls sideways (wide tables scroll inside)."""
    widths = visit(corpus, page_type, "phone").widths
    assert widths["viewport"] == PHONE["width"]
    assert widths["page"] <= widths["viewport"] and widths["body"] <= widths["viewport"], widths


@pages
def test_page_has_no_serious_accessibility_violation(visit, corpus, page_type):
    """axe-core finds no serious or critical violation."""
    seen = visit(corpus, page_type, "desktop")
    assert seen.scheme == "default"
    assert _blocking(seen) == [], json.dumps(_blocking(seen), indent=1)


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_has_no_serious_accessibility_violation_in_the_dark_palette(visit, page_type):
    """With the reader's system in dark mode (Material's slate palette), axe-core finds no
    serious or critical violation either (mini fixture: the palette is the same for any corpus,
    and every highlight and table of a page type appears there)."""
    seen = visit("mini", page_type, "dark")
    assert seen.scheme == "slate"
    assert _blocking(seen) == [], json.dumps(_blocking(seen), indent=1)
    assert seen.errors == []


def test_the_page_types_cover_every_kind_and_exist_as_built_files(mini_served):
    """Every section and analysis page is among the page types tested above, and each is a
    built file (so the tests above cannot pass on pages that were never made)."""
    types = mini_served.page_types()
    assert sorted(types) == sorted(PAGE_TYPES)
    for path in types.values():
        assert (mini_served.root / path / "index.html").is_file(), path
