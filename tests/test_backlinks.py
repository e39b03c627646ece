"""Long "Linked from" lists are split by year or by letter: every linking record is listed exactly
once, on the part of its year or initial; a record page stays the same size as the corpus grows;
the built parts are reachable and their links resolve."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.core.incremental import Session
from generator.core.link import Key
from generator.core.pipeline import render, validate
from generator.core.render import backlinks
from generator.core.render.sections import initial
from generator.core.render.site import Site
from generator.curator.check import SiteCheck

from .conftest import SEED, build
from .test_listings import _synth

LIMIT = 10
"""BACKLINKS_ON_PAGE for these tests: low, so that small corpora have long lists."""
GROWTH = 4
ENTRY = re.compile(r"^- \[.*\]\(([^)#]+\.md)\)$")


@pytest.fixture
def low_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backlinks, "BACKLINKS_ON_PAGE", LIMIT)


def _referrers(graph, key: Key) -> set[Key]:
    """Every record the page of `key` lists as linking to it (a person's calls are listed under
    Calls instead, unless there are more than LIMIT)."""
    found = set().union(*graph.backlinks[key].values())
    calls = {k for k in found if k.kind == "calls"}
    if key.kind == "actors" and len(calls) <= LIMIT:
        return found - calls
    return found


def _entries(pages: dict[str, str], path: str) -> list[Key]:
    """The records a page lists, one per `- [label](link)` line, as keys."""
    out = []
    for line in pages[path].splitlines():
        match = ENTRY.match(line)
        if match:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(path), match.group(1)))
            kind, _, id_ = target.removesuffix(".md").partition("/")
            out.append(Key(kind, id_))
    return out


def _parts(pages: dict[str, str], key: Key) -> list[str]:
    return sorted(p for p in pages if p.startswith(f"{key.kind}/{key.id}/linked-from/"))


def _expected_part(graph, site: Site, key: Key) -> str:
    record = graph.record(key)
    when = getattr(record, "date", None) or getattr(record, "published", None)
    if when:
        return str(when)[:4]
    calls = sorted(graph.corpus.get("calls", c).date for c in getattr(record, "calls", []))
    return str(calls[0])[:4] if calls else initial(site.name(key))


def test_each_long_list_is_split_and_lists_every_linking_record_once(tmp_path: Path, low_limit):
    graph = validate(_synth(tmp_path / "content", 60))
    pages = render(graph)
    site = Site(graph)
    listing = [key for key in graph.backlinks if key.kind != "calls"]  # a call lists its own
    split = [key for key in listing if len(_referrers(graph, key)) > LIMIT]
    short = [key for key in listing if 0 < len(_referrers(graph, key)) <= LIMIT]
    assert split and short
    assert not any("/linked-from/" in path for path in pages if path.startswith("calls/"))
    for key in split:
        parts = _parts(pages, key)
        assert parts, key
        # A record linking in two ways (author and speaker) is listed under each, on one part.
        listed = [k for path in parts for k in set(_entries(pages, path))]
        assert sorted(listed) == sorted(_referrers(graph, key)), key
        for path in parts:
            slug = path.rsplit("/", 1)[1].removesuffix(".md")
            assert {_expected_part(graph, site, k) for k in _entries(pages, path)} == {slug}, path
            assert f"]({key.id}/linked-from/{slug}.md)" in pages[key.path], (key, slug)
        # The record page shows no more than the latest few of each relation.
        shown = _entries({key.path: pages[key.path].split("## Linked from", 1)[1]}, key.path)
        relations = len(graph.backlinks[key])
        assert 0 < len(shown) <= relations * backlinks.LATEST_SHOWN, key
    for key in short:
        assert not _parts(pages, key), key
        section = pages[key.path].split("## Linked from", 1)[1]
        assert set(_entries({key.path: section}, key.path)) == _referrers(graph, key), key


def test_a_split_record_page_stays_the_same_size_as_the_corpus_grows(tmp_path: Path, low_limit):
    """At four times the calls, the wire agency most sources mention has four times the
    linking records; its page grows by a link per new year only."""
    key = Key("organizations", "global-wire-service")
    sizes, linking = [], []
    for calls in (60, 60 * GROWTH):
        graph = validate(_synth(tmp_path / str(calls), calls))
        pages = render(graph)
        sizes.append(len(pages[key.path].encode()))
        linking.append(len(_referrers(graph, key)))
    assert linking[1] >= 3 * linking[0] > 3 * LIMIT
    assert sizes[1] <= 1.25 * sizes[0], sizes


def test_a_person_in_many_calls_shows_the_latest_and_lists_every_call_on_the_parts(
        tmp_path: Path, low_limit):
    """A person's Calls section is split like "Linked from" (one actor in 3,000 calls had a
    345 kB page): past LIMIT calls it shows the latest LATEST_SHOWN, newest first, with the
    count, and every call is listed on the parts of the split list, by year."""
    graph = validate(_synth(tmp_path / "content", 60))
    pages = render(graph)
    site = Site(graph)
    actors = [k for k in graph.backlinks if k.kind == "actors"]
    many = [k for k in actors if len(site.calls_of(k)) > LIMIT]
    few = [k for k in actors if 0 < len(site.calls_of(k)) <= LIMIT]
    assert many and few
    for key in many:
        calls = site.calls_of(key)
        section = pages[key.path].split("## Calls", 1)[1].split("\n## ", 1)[0]
        shown = _entries({key.path: section}, key.path)
        latest = min(len(calls), backlinks.LATEST_SHOWN)
        assert shown == list(reversed(calls))[:latest], key
        assert f"**{len(calls):,} calls.** The {latest} latest, newest first" in section, key
        on_parts = {k for path in _parts(pages, key) for k in _entries(pages, path)}
        assert set(calls) <= on_parts, key
    for key in few:
        section = pages[key.path].split("## Calls", 1)[1].split("\n## ", 1)[0]
        assert _entries({key.path: section}, key.path) == site.calls_of(key), key
        linked = pages[key.path].partition("## Linked from")[2]
        assert not any(k.kind == "calls" for k in _entries({key.path: linked}, key.path)), key


def test_the_built_parts_are_linked_from_their_record_and_left_out_of_search(tmp_path: Path,
                                                                             low_limit):
    site = build(SEED, tmp_path / "site")
    graph = validate(SEED)
    assert SiteCheck(site, graph).run() == []  # every link and anchor resolves
    split = [key for key in graph.backlinks
             if key.kind != "calls" and len(_referrers(graph, key)) > LIMIT]
    assert split
    for key in split:
        record = BeautifulSoup((site / key.kind / key.id / "index.html").read_text("utf-8"),
                               "html.parser")
        assert record.select_one("[data-pagefind-body]") is not None
        parts = sorted((site / key.kind / key.id / "linked-from").glob("*/index.html"))
        assert parts, key
        hrefs = {a["href"] for a in record.select(".backlinks a[href]")}
        for part in parts:
            assert f"linked-from/{part.parent.name}/" in hrefs, part
            page = BeautifulSoup(part.read_text("utf-8"), "html.parser")
            assert page.select_one("[data-pagefind-body]") is None, part
            back = page.select_one("article a[href$='#linked-from']")
            assert back is not None and back["href"] == "../../#linked-from", part


def test_serve_keeps_split_lists_as_a_cold_generation_gives_them(tmp_path: Path, low_limit):
    """An edit that adds a linking record, one that removes one, and a rename of a linking
    record: each round of `briefing serve` equals a cold generation, and the untouched parts
    are not rendered again."""
    from .test_incremental import _same_as_cold

    content = _synth(tmp_path / "content", 60)
    session = Session(content)
    _same_as_cold(session, content)
    mention = "see [[global-wire-service]]."
    wire = sorted(p for p in (content / "sources").glob("*.yaml") if mention in p.read_text("utf-8"))
    assert wire
    text = wire[-1].read_text("utf-8")
    wire[-1].write_text(text.replace(mention, "see the wire agency."), "utf-8")
    update = _same_as_cold(session, content)
    assert any("global-wire-service/linked-from/" in path for path in update.changed)
    assert update.rendered < len(update.pages) / 10
    wire[-1].write_text(text, "utf-8")
    _same_as_cold(session, content)
    text = wire[0].read_text("utf-8")
    wire[0].write_text(re.sub(r"(?m)^headline: .*$", "headline: A new headline", text, count=1), "utf-8")
    update = _same_as_cold(session, content)
    assert any("global-wire-service/linked-from/" in path for path in update.changed)
