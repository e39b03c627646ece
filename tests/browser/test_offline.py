"""The offline edition (`briefing build --offline`) opened from disk, as a reader with no network.

The browser opens file:// URLs; every request it makes must be for a file of the edition.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

from generator.adapters.offline import SHIM, external_resources, finish_offline
from generator.core.errors import BuildError

from .conftest import search
from .test_search import MINI_QUERIES


def _record(kind: str, id_: str) -> str:
    """A record's page in the offline edition (no directory URLs)."""
    return f"{kind}/{id_}.html"


@pytest.mark.parametrize("query, expected", [
    ("Premier Brown", _record("actors", "bob-brown")),
    ("We want peace", _record("calls", "2021-12-07-adams-brown-video-call")),
])
def test_search_works_from_disk_with_no_request_off_the_disk(reader, mini_offline, query,
                                                             expected):
    """From file://, search finds a person by alias and a call by a quote's words; following
    the first result opens that page; every request is for a file of the edition."""
    tab = reader(mini_offline)
    tab.open("index.html")
    results = search(tab, query)
    assert results and results[0] == expected, results[:5]
    with tab.page.expect_navigation():
        tab.page.locator(".md-search-result__item > a.md-search-result__link").first.click()
    assert tab.here() == expected
    assert tab.page.locator("article h1").count() == 1
    assert tab.foreign == [] and tab.errors == []
    assert all(url.startswith(mini_offline.base) for url in tab.requests), tab.requests
    assert mini_offline.url(SHIM) in tab.requests  # the worker shim came from the edition


@pytest.mark.parametrize("kind, query, expected", MINI_QUERIES, ids=[q[0] for q in MINI_QUERIES])
def test_offline_search_puts_the_record_a_reader_means_first(reader, mini_offline, kind, query,
                                                             expected):
    """The served site's queries (test_search.py) list the same record first offline, with
    lunr's field weights (mkdocs.yml): a quote's words holding "trade" find the call, not the
    short page of the topic titled "Trade" (titles weighed 30 times body text, it came first)."""
    tab = reader(mini_offline)
    tab.open("index.html")
    results = search(tab, query)
    assert results and results[0] == expected.removesuffix("/") + ".html", results[:5]


def test_a_reader_follows_links_from_disk_to_pages_not_folders(reader, mini_offline):
    """Links of the offline edition open pages (calls/<id>.html), never folder listings."""
    tab = reader(mini_offline)
    tab.open("index.html")
    with tab.page.expect_navigation():
        tab.page.locator("nav.md-tabs a", has_text="People").click()
    assert tab.here() == "actors/index.html"
    with tab.page.expect_navigation():  # the section index lists letters; the letter, people
        tab.page.locator("article").get_by_role("link", name="A", exact=True).click()
    assert tab.here() == "actors/by-name/a.html"
    with tab.page.expect_navigation():
        tab.page.locator("article a", has_text="Alice Adams").first.click()
    assert tab.here() == _record("actors", "alice-adams")
    assert tab.page.locator("article h1").inner_text().removesuffix("¶") == "Alice Adams"
    assert tab.foreign == [] and tab.errors == []


def test_every_link_of_the_offline_edition_opens_a_file_of_it(mini_offline):
    """Every relative href and src of every page names a file that exists in the edition."""
    root = mini_offline.root
    pages = sorted(root.rglob("*.html"))
    assert len(pages) > 20
    missing = []
    for page in pages:
        base = page.as_uri()
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        for element in soup.select("[href], [src]"):
            url = element.get("href") or element.get("src")
            parsed = urlparse(url)
            if parsed.scheme or url.startswith("#"):
                continue  # outside links (a reader may follow them) and anchors of the page
            target = Path(unquote(urlparse(urljoin(base, url)).path))
            if not target.is_file():
                missing.append((page.relative_to(root).as_posix(), url))
    assert missing == []


def test_the_offline_edition_loads_nothing_from_other_hosts(mini_offline):
    """No page names a script, stylesheet, icon or image on another host; the shim and the
    inlined search index are files of the edition, the CDN appears nowhere."""
    root = mini_offline.root
    assert external_resources(root) == []
    assert (root / SHIM).is_file() and (root / "search" / "search_index.js").is_file()
    assert not [p for p in root.rglob("*.html") if "unpkg" in p.read_text("utf-8")]


def test_the_main_site_keeps_directory_urls_and_needs_no_shim(mini_site):
    """Only the offline edition turns directory URLs off: the main site serves calls/<id>/."""
    assert (mini_site / "calls" / "2021-12-07-adams-brown-video-call" / "index.html").is_file()
    assert not (mini_site / "calls" / "2021-12-07-adams-brown-video-call.html").exists()
    assert not (mini_site / SHIM).exists()
    assert not [p for p in mini_site.rglob("*.html") if "iframe-worker" in p.read_text("utf-8")]


def _fake_edition(tmp_path: Path, page: str) -> Path:
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.js").write_text("var __index = {}", "utf-8")
    (tmp_path / "calls").mkdir()
    (tmp_path / "calls" / "index.html").write_text(page, "utf-8")
    return tmp_path


def test_finish_offline_refuses_a_page_that_loads_from_another_host(tmp_path):
    """A page that would fetch a script or stylesheet from elsewhere fails the build, named."""
    site = _fake_edition(tmp_path, '<link rel="stylesheet" href="https://fonts.example/a.css">'
                                   '<script src="//cdn.example/shim.js"></script>'
                                   '<a href="https://example.org/">a link is fine</a>')
    with pytest.raises(BuildError) as caught:
        finish_offline(site)
    assert str(caught.value) == (
        "the offline edition is not self-contained:\n"
        "calls/index.html loads https://fonts.example/a.css from another host\n"
        "calls/index.html loads //cdn.example/shim.js from another host")


def test_finish_offline_refuses_an_edition_without_its_inlined_search_index(tmp_path):
    """Without search/search_index.js search would find nothing from disk: the build fails."""
    site = _fake_edition(tmp_path, "<p>no resources</p>")
    (site / "search" / "search_index.js").unlink()
    with pytest.raises(BuildError, match="search/search_index.js is missing"):
        finish_offline(site)


def test_finish_offline_copies_the_shim_with_its_license(tmp_path):
    """The shim and its MIT licence are copied into the edition, byte for byte."""
    site = _fake_edition(tmp_path, "<p>no resources</p>")
    finish_offline(site)
    vendored = Path(__file__).resolve().parents[2] / "generator" / "assets"
    assert (site / SHIM).read_bytes() == (vendored / "iframe-worker-shim.js").read_bytes()
    license = (site / SHIM).with_name("iframe-worker-LICENSE").read_bytes()
    assert license == (vendored / "iframe-worker-LICENSE").read_bytes()
    assert b"Permission is hereby granted" in license


def test_the_offline_edition_searches_with_material_and_the_main_site_with_pagefind(mini_offline,
                                                                                   mini_site):
    """Pagefind fetches its index and cannot run from file://: the offline edition has
    Material's inlined index and search box and no Pagefind index; the main site the reverse."""
    offline_page = (mini_offline.root / "index.html").read_text("utf-8")
    served_page = (mini_site / "index.html").read_text("utf-8")
    assert not (mini_offline.root / "pagefind").exists()
    assert 'data-md-component="search"' in offline_page and "data-briefing-search" not in offline_page
    assert (mini_site / "pagefind" / "pagefind.js").is_file()
    assert not (mini_site / "search").exists()
    assert "data-briefing-search" in served_page and 'data-md-component="search"' not in served_page


def test_the_offline_index_leaves_the_footnote_markers_out(mini_offline):
    """Results read "Adams said" rather than "Adams said[1][2]": the markers are skipped by
    Material's search (data-search-exclude), the text around them is kept."""
    script = (mini_offline.root / "search" / "search_index.js").read_text("utf-8")
    index = json.loads(script[script.index("{"):script.rindex("}") + 1])
    texts = [doc["text"] for doc in index["docs"]]
    pages = [p for p in mini_offline.root.rglob("*.html") if 'class="footnote-ref"' in p.read_text("utf-8")]
    assert pages  # the edition has markers to leave out
    assert not [t for t in texts if re.search(r"\[\d+\]", t)]
    assert any("Adams" in t for t in texts)
