"""End to end: build a corpus with MkDocs (strict) and check the built HTML.

Run over the mini fixture and over the live corpus in content/ (those cases are marked
`content`: CI's content lane runs them on every corpus update). Every assertion is generic, about
every record, so a correct update keeps them green.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

from generator.core.pipeline import validate
from generator.core.urls import SECTIONS, record_url

from .conftest import MINI, REAL

CORPORA = {"mini": MINI, "real": REAL}


@pytest.fixture(params=["mini", pytest.param("real", marks=pytest.mark.content)])
def built(request) -> tuple[Path, Path]:
    """(content dir, built site) for each corpus."""
    site = request.getfixturevalue(f"{request.param}_site")
    return CORPORA[request.param], site


@cache
def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def _page(site: Path, url: str) -> BeautifulSoup:
    return _soup(site / url / "index.html")


def _links(site: Path, url: str) -> set[str]:
    """Site-relative URLs (with fragments) linked from the article of a page."""
    base = f"http://site/{url}"
    out = set()
    for a in _page(site, url).select("article a[href]"):
        target = urlparse(urljoin(base, a["href"]))
        if target.netloc == "site":
            path = unquote(target.path).lstrip("/")
            out.add(path + (f"#{target.fragment}" if target.fragment else ""))
    return out


def test_every_record_has_its_page_at_its_stable_url(built):
    """calls/<id>/, actors/<id>/, … exist for every record, and every section has an index."""
    content, site = built
    graph = validate(content)
    for kind in SECTIONS:
        assert (site / kind / "index.html").is_file()
        for id_ in graph.corpus.records[kind]:
            assert (site / record_url(kind, id_) / "index.html").is_file(), (kind, id_)


def test_call_pages_link_participants_and_sources_and_they_link_back(built):
    """A call links to each participant and source; each of those pages links to the call."""
    content, site = built
    graph = validate(content)
    for call_id in graph.corpus.records["calls"]:
        call = graph.corpus.get("calls", call_id)
        call_url = record_url("calls", call_id)
        links = {link.split("#")[0] for link in _links(site, call_url)}
        sources = {s for s in graph.corpus.records["sources"]
                   if call_id in graph.corpus.get("sources", s).calls}
        for actor in {p.actor for p in call.participants}:
            assert record_url("actors", actor) in links
            assert call_url in {link.split("#")[0] for link in _links(site, record_url("actors", actor))}
        for source in sources:
            assert record_url("sources", source) in links
            assert call_url in {link.split("#")[0] for link in _links(site, record_url("sources", source))}


def test_every_citation_link_lands_on_an_anchor_of_its_source_page(built):
    """Each link to a passage (#cite-…) resolves to an element with that id on the source page."""
    _, site = built
    checked = 0
    for html in sorted(site.rglob("index.html")):
        url = html.parent.relative_to(site).as_posix() + "/"
        if url == "./":
            url = ""
        for link in _links(site, url):
            path, _, fragment = link.partition("#")
            if not fragment.startswith("cite-"):
                continue
            assert path.startswith("sources/"), link
            target = _page(site, path)
            assert target.find(id=fragment) is not None, f"{url} -> {link}"
            mark = target.find(id=fragment).find_next_sibling("mark")
            assert mark is not None and mark.get_text(), link
            checked += 1
    graph_has_citations = any(site.glob("sources/*/index.html"))
    assert checked > 0 or not graph_has_citations


def test_every_internal_link_resolves(built):
    """No link in any article points to a missing page or a missing anchor."""
    _, site = built
    for html in sorted(site.rglob("index.html")):
        url = html.parent.relative_to(site).as_posix() + "/"
        url = "" if url == "./" else url
        for link in _links(site, url):
            path, _, fragment = link.partition("#")
            target = site / path / "index.html" if not path.endswith(".html") else site / path
            if path.endswith((".css", ".js", ".xml", ".txt")):
                continue
            assert target.is_file(), f"{url} -> {link}"
            if fragment and not fragment.startswith("fn"):
                assert _soup(target).find(id=fragment) is not None, f"{url} -> {link}"


def test_no_page_loads_anything_from_another_host(built):
    """Scripts, styles, images and fonts all come from the site itself."""
    _, site = built
    for html in sorted(site.rglob("*.html")):
        soup = _soup(html)
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for element in soup.find_all(tag):
                value = element.get(attr, "")
                assert not value.startswith(("http:", "https:", "//")), f"{html}: {value}"
