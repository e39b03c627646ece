"""Browser fixtures: Debian's Chromium driven by Playwright, the built sites served on 127.0.0.1.

Each site is built once per session (the mini fixture, the frozen seed corpus, the live corpus,
the offline edition) and served by a ThreadingHTTPServer on a free port for as long as the
session runs. Every page a test
opens goes through a `Reader`, which records each request the browser makes and each console
error, and aborts (and records) any request to a host other than the site's own, so a test never
reaches the network and can assert that a page asked for nothing from elsewhere.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import pytest
from click.testing import CliRunner
from playwright.sync_api import Browser, BrowserContext, Page, Route, sync_playwright

from generator.adapters.cli import main
from generator.core.link import Graph
from generator.core.pipeline import validate
from generator.core.render.sections import initial
from generator.core.urls import SECTIONS, record_url

from ..conftest import MINI, REAL, ROOT, SEED

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = ROOT / "test-artifacts" / "browser"
"""Screenshots kept for a person to look at (git-ignored)."""
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}
"""A small phone, in CSS pixels."""
SHOT_HEIGHT = 6000
"""Screenshots stop there: a long source text would make a huge image for no more insight."""
ANALYSIS_PAGES = {"timeline": "timeline/", "quotes": "quotes/", "disagreements": "disagreements/",
                 "coverage": "coverage/", "how-to-read": "how-to-read/", "changes": "changes/"}
LOCAL_SCHEMES = ("data:", "blob:", "about:")


@dataclass
class Site:
    """A built site as the browser reaches it."""

    name: str
    root: Path
    base: str
    """The URL of the home page's folder: http://127.0.0.1:PORT/ or file:///…/."""
    graph: Graph

    def url(self, path: str = "") -> str:
        return self.base + path

    def path_of(self, url: str) -> str:
        """The site-relative path of a URL of this site, without query and fragment."""
        parsed = urlparse(url)
        return parsed.path.removeprefix(urlparse(self.base).path)

    def page_types(self) -> dict[str, str]:
        """One URL path per kind of page: home, each section index, one record of each kind
        (the first by id), and the analysis pages. Directory URLs (the served site)."""
        pages = {"home": ""}
        for kind in SECTIONS:
            pages[f"{kind}-index"] = f"{kind}/"
            ids = sorted(self.graph.corpus.records[kind])
            if ids:
                pages[kind] = record_url(kind, ids[0])
        # one part of a split section index of each kind: a month of calls, a letter of people
        first = self.graph.corpus.get("calls", self.graph.calls_in_order[0]).date
        pages["calls-month"] = f"calls/{first.isoformat()[:7]}/"
        names = sorted(a.name.casefold() for a in map(
            functools.partial(self.graph.corpus.get, "actors"), self.graph.corpus.records["actors"]))
        pages["actors-letter"] = f"actors/by-name/{initial(names[0])}/"
        pages.update(ANALYSIS_PAGES)
        return pages


@dataclass
class Reader:
    """One browser tab of one site, with what it requested and what went wrong."""

    site: Site
    page: Page
    requests: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    """Requests to anything but the site itself (aborted)."""
    errors: list[str] = field(default_factory=list)
    """Console errors and uncaught exceptions."""

    def open(self, path: str = "") -> Page:
        """Go to a page of the site and wait until it has loaded; fail unless it exists."""
        response = self.page.goto(self.site.url(path), wait_until="load")
        assert response is not None and response.ok, (path, response and response.status)
        return self.page

    def here(self) -> str:
        return self.site.path_of(self.page.url)


def is_local(url: str, base: str) -> bool:
    """True for a request the site may make: its own files, inline data, blank frames."""
    if url.startswith(LOCAL_SCHEMES):
        return True
    if base.startswith("file:"):
        return url.startswith("file:")
    ours = urlparse(base)
    return urlparse(url).netloc == ours.netloc and urlparse(url).scheme == ours.scheme


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless (Playwright cannot download its own browser here)."""
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"{CHROMIUM} is missing: run ./scripts/test.sh, which installs Debian's "
                    "chromium (or: apt-get install chromium)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def open_tab(browser: Browser, site: Site, viewport: dict = DESKTOP,
             color_scheme: str = "light") -> Reader:
    """A fresh browser context and tab on `site` that records its traffic and errors, and aborts
    (and records) every request to anything but the site. Close it with `tab.page.context`.
    `color_scheme` is the reader's system preference, which picks the site's light or dark
    palette."""
    phone = viewport == PHONE
    context = browser.new_context(viewport=viewport, is_mobile=phone, has_touch=phone,
                                  color_scheme=color_scheme, service_workers="block")
    tab = Reader(site, context.new_page())

    def route(route: Route) -> None:
        if is_local(route.request.url, site.base):
            route.continue_()
        else:
            tab.foreign.append(route.request.url)
            route.abort("blockedbyclient")

    context.route(re.compile(".*"), route)
    context.on("request", lambda request: tab.requests.append(request.url))
    context.on("console", lambda message: tab.errors.append(f"console: {message.text}")
               if message.type == "error" else None)
    tab.page.on("pageerror", lambda error: tab.errors.append(f"uncaught: {error}"))
    return tab


@pytest.fixture
def reader(browser: Browser) -> Iterator[Callable[..., Reader]]:
    """Factory: reader(site, viewport=DESKTOP) opens a fresh tab (see `open_tab`)."""
    contexts: list[BrowserContext] = []

    def open_reader(site: Site, viewport: dict = DESKTOP) -> Reader:
        tab = open_tab(browser, site, viewport)
        contexts.append(tab.page.context)
        return tab

    yield open_reader
    for context in contexts:
        context.close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the base class's name)
        pass


@functools.cache
def _graph(content: Path) -> Graph:
    return validate(content)


def _serve(name: str, root: Path, content: Path) -> Iterator[Site]:
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(_QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, name=f"serve-{name}", daemon=True)
    thread.start()
    try:
        yield Site(name, root, f"http://127.0.0.1:{server.server_port}/", _graph(content))
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="session")
def mini_served(mini_site: Path) -> Iterator[Site]:
    """The mini fixture's site, served on 127.0.0.1."""
    yield from _serve("mini", mini_site, MINI)


@pytest.fixture(scope="session")
def real_served(real_site: Path) -> Iterator[Site]:
    """The real corpus's site, served on 127.0.0.1."""
    yield from _serve("real", real_site, REAL)


@pytest.fixture(scope="session")
def seed_served(seed_site: Path) -> Iterator[Site]:
    """The frozen seed corpus's site, served on 127.0.0.1 (rankings and walks that depend on
    what the corpus holds are tested here, never on the live corpus)."""
    yield from _serve("seed", seed_site, SEED)


@pytest.fixture(params=["mini", "seed"])
def served(request) -> Site:
    """Each fixture corpus's served site in turn."""
    return request.getfixturevalue(f"{request.param}_served")


@pytest.fixture(scope="session")
def mini_offline(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The mini fixture's offline edition, built by `briefing build --offline`, opened from disk."""
    target = tmp_path_factory.mktemp("offline") / "site"
    result = CliRunner().invoke(main, ["build", "--offline", "-f", str(ROOT / "mkdocs.yml"),
                                       "--content", str(MINI), "-d", str(target)])
    assert result.exit_code == 0, result.output
    return Site("mini-offline", target, target.as_uri() + "/", _graph(MINI))


def screenshot(tab: Reader, label: str, *, full_page: bool = True) -> Path:
    """Keep a screenshot in test-artifacts/browser/ for a person to look at: the page from its
    top down to SHOT_HEIGHT at most, or only what the window shows (`full_page=False`; with
    phone emulation Chromium cannot capture a very long page whole)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{tab.site.name}-{label}.png"
    if not full_page:
        tab.page.screenshot(path=str(path), animations="disabled")
        return path
    size = tab.page.evaluate("() => [document.documentElement.clientWidth,"
                             " document.documentElement.scrollHeight]")
    tab.page.screenshot(path=str(path), full_page=True, animations="disabled",
                        clip={"x": 0, "y": 0, "width": size[0], "height": min(size[1], SHOT_HEIGHT)})
    return path


def search(tab: Reader, query: str) -> list[str]:
    """Type `query` into the header's search box key by key, as a reader does (Material's
    search, in the offline edition, reads the query on key-up, so `fill` would find nothing), and
    return the site path of each result page, best first, once the results have stopped
    changing. Both engines (Pagefind on the served site, Material's lunr offline) list results in
    Material's markup."""
    page = tab.page
    if page.locator("[data-briefing-search]").count():  # Pagefind's box: wait for its script
        page.locator("[data-briefing-search][data-ready]").wait_for(state="attached")
    icon = page.locator("label.md-header__button[for=__search]")
    if icon.is_visible():  # on a phone the box opens from the header's search icon
        icon.click()
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=15)
    seen: list[tuple[str, list[str]]] = []
    for _ in range(80):
        meta = page.locator(".md-search-result__meta").inner_text()
        hrefs = page.locator(".md-search-result__item > a.md-search-result__link").evaluate_all(
            "links => links.map(a => a.href)")
        seen.append((meta, hrefs))
        # Settled: the same results three times running, 0.5 s (each key-stroke is answered)
        if "matching" in meta.lower() and seen[-3:] == [seen[-1]] * 3:
            return [tab.site.path_of(href) for href in hrefs]
        page.wait_for_timeout(250)
    pytest.fail(f"search results for {query!r} never settled (last: {seen[-1]})")
