"""The Atom feeds (core/feeds.py): read by a feed reader (feedparser) without error, their
entries, links and dates checked against the frozen seed corpus's YAML."""

from __future__ import annotations

import datetime as dt
import posixpath
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import pytest
import yaml
from bs4 import BeautifulSoup

from .conftest import SEED, build
from .test_serve import _get, _serving, _wait_for

PAGES_URL = "https://example.github.io/briefing/"


def _yaml(kind: str) -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text("utf-8")) for p in sorted((SEED / kind).glob("*.yaml"))}


def _sources_named(node: object) -> set[str]:
    """Every `source:` a YAML record cites, anywhere in it."""
    if isinstance(node, dict):
        found = {node["source"]} if isinstance(node.get("source"), str) else set()
        return found.union(*(_sources_named(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(_sources_named(v) for v in node))
    return set()


def _day(value: object) -> dt.date | None:
    return value if isinstance(value, dt.date) else None


def _expected_calls() -> list[tuple[str, str, dt.date, dt.date]]:
    """(id, title, published, updated) of every seed call, newest first, from the YAML alone."""
    calls, sources = _yaml("calls"), _yaml("sources")
    out = []
    for call_id, call in calls.items():
        covering = {s for s, source in sources.items() if call_id in source["calls"]}
        covering |= _sources_named(call)
        dates = [d for s in covering if (d := _day(sources[s].get("published")))]
        out.append((call_id, call["title"], call["date"], max([call["date"], *dates])))
    return sorted(out, key=lambda c: (c[2], c[3], c[0]), reverse=True)


def _feed(site: Path, name: str) -> feedparser.FeedParserDict:
    parsed = feedparser.parse((site / "feeds" / name).read_bytes(),
                              response_headers={"content-location": f"http://site.test/feeds/{name}",
                                                "content-type": "application/atom+xml"})
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def _page_of(site: Path, url: str, base: str = "http://site.test/") -> Path:
    """The built page a feed link leads to (the link resolved against the feed's address)."""
    assert url.startswith(base), url
    page = site / url.removeprefix(base) / "index.html"
    assert page.is_file(), url
    return page


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def test_the_calls_feed_lists_every_call_newest_first_with_its_lead_and_dates(seed_site: Path) -> None:
    feed = _feed(seed_site, "calls.xml")
    expected = _expected_calls()
    assert [e.title for e in feed.entries] == [title for _, title, _, _ in expected]
    calls = _yaml("calls")
    for entry, (call_id, _, published, updated) in zip(feed.entries, expected, strict=True):
        assert entry.link == f"http://site.test/calls/{call_id}/"
        page = BeautifulSoup(_page_of(seed_site, entry.link).read_text("utf-8"), "html.parser")
        assert page.h1.get_text(strip=True).startswith(calls[call_id]["title"])
        assert entry.published == _stamp(published)
        assert entry.updated == _stamp(updated)
        # the lead as plain text: each claim's words, its [[links]] read as their words
        lead = calls[call_id].get("lead") or calls[call_id]["summary"]
        assert entry.summary_detail.type == "text/plain"
        assert "[[" not in entry.summary and entry.summary.startswith("Joe Biden and Vladimir Putin")
        assert len(entry.summary.split(". ")) >= len(lead)
    # one video call and a later one covered by the same late source: updated moves, published not
    assert expected[-1][3] > expected[-1][2]
    assert feed.feed.updated == _stamp(max(u for *_, u in expected))
    assert feed.feed.author == "Biden–Putin calls: a sourced briefing"


def test_the_updates_feed_lists_calls_and_sources_by_their_dates(seed_site: Path) -> None:
    feed = _feed(seed_site, "updates.xml")
    calls, sources = _yaml("calls"), _yaml("sources")
    expected = {f"calls/{c}/": (call["date"], call["date"]) for c, call in calls.items()}
    for source_id, source in sources.items():
        # an undated source is filed by the first call it covers, as the sources index files it,
        # and given no publication date
        published = _day(source.get("published"))
        expected[f"sources/{source_id}/"] = (
            published, published or min(calls[c]["date"] for c in source["calls"]))
    assert any(published is None for published, _ in expected.values())
    # Beside the records, the publications of the fixture's own git history, if any
    # (tests/test_changes.py tests those).
    records = [e for e in feed.entries if "/changes/#change-" not in e.link]
    links = [e.link.removeprefix("http://site.test/") for e in records]
    assert sorted(links) == sorted(expected)
    for entry, link in zip(records, links, strict=True):
        published, updated = expected[link]
        assert entry.get("published") == (_stamp(published) if published else None)
        assert entry.updated == _stamp(updated)
        assert entry.title.startswith("Call: " if link.startswith("calls/") else "Source: ")
        _page_of(seed_site, entry.link)
    dates = [e.updated for e in feed.entries]
    assert dates == sorted(dates, reverse=True)


def test_entry_ids_are_permanent_and_unique(seed_site: Path) -> None:
    for name in ("calls.xml", "updates.xml"):
        feed = _feed(seed_site, name)
        ids = [e.id for e in feed.entries]
        assert len(set(ids)) == len(ids) and all(i.startswith("urn:uuid:") for i in ids)
    calls = {e.link: e.id for e in _feed(seed_site, "calls.xml").entries}
    updates = {e.link: e.id for e in _feed(seed_site, "updates.xml").entries}
    assert all(updates[link] == id_ for link, id_ in calls.items())  # one record, one id


def test_every_page_links_both_feeds(seed_site: Path) -> None:
    pages = [p for p in seed_site.rglob("*.html") if "pagefind" not in p.parts]
    assert len(pages) > 50
    for page in pages:
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        links = soup.select('head link[rel~="alternate"][type="application/atom+xml"]')
        targets = sorted(posixpath.normpath(posixpath.join(
            page.parent.relative_to(seed_site).as_posix(), link["href"])) for link in links)
        if page.name == "404.html":  # served at any depth: root-absolute links, no site_url here
            targets = sorted(link["href"].lstrip("/") for link in links)
        assert targets == ["feeds/calls.xml", "feeds/updates.xml"], page


def test_no_page_loads_a_feed_or_the_data(seed_site: Path) -> None:
    """Readers pay for nothing: the feeds and the export are linked, never fetched by a page."""
    page = (seed_site / "calls" / "2021-12-07-biden-putin-video-call" / "index.html").read_text("utf-8")
    soup = BeautifulSoup(page, "html.parser")
    fetched = [tag.get("src") or tag.get("href") for tag in soup.select("script[src], link[href]")
               if tag.name == "script" or "alternate" not in tag.get("rel", [])]
    assert not [url for url in fetched if "feeds/" in url or "data/" in url]


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed built as CI builds it for GitHub Pages (SITE_URL set)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SITE_URL", PAGES_URL)
        return build(SEED, tmp_path_factory.mktemp("published") / "site")


def test_with_the_site_url_links_and_ids_are_absolute(published: Path) -> None:
    feed = feedparser.parse((published / "feeds" / "calls.xml").read_bytes(),
                            response_headers={"content-type": "application/atom+xml"})
    assert not feed.bozo
    assert [e.link for e in feed.entries] == [f"{PAGES_URL}calls/{c}/" for c, *_ in _expected_calls()]
    assert [e.id for e in feed.entries] == [e.link for e in feed.entries]
    assert {link.rel: link.href for link in feed.feed.links} == {
        "self": PAGES_URL + "feeds/calls.xml", "alternate": PAGES_URL}
    for entry in feed.entries:
        _page_of(published, entry.link, PAGES_URL)
    page = BeautifulSoup((published / "actors" / "joe-biden" / "index.html").read_text("utf-8"),
                         "html.parser")
    assert page.select_one('meta[property="og:url"]')["content"] == PAGES_URL + "actors/joe-biden/"
    assert urljoin(PAGES_URL + "actors/joe-biden/", page.select_one(
        'link[type="application/atom+xml"]')["href"]) == PAGES_URL + "feeds/calls.xml"


@pytest.fixture
def served(tmp_path: Path):
    """`briefing serve` of a throwaway copy of the mini project (tests/test_serve.py)."""
    with _serving(tmp_path) as (project, url, log, _):
        yield project, url, log


def test_serve_keeps_the_feeds_metadata_and_export_up_to_date(served) -> None:
    """Under `briefing serve` a saved title reaches the call's card, the feed and the export
    (a quick rebuild, which renders the changed pages alone, writes them too)."""
    project, url, log = served
    call = "2021-12-07-adams-brown-video-call"
    assert _wait_for(url + "feeds/calls.xml", "<title>Adams–Brown video call</title>"), log.read_text()
    assert _wait_for(url + f"data/calls/{call}.json", '"title": "Adams–Brown video call"')
    record = project / "content" / "calls" / f"{call}.yaml"
    text = record.read_text("utf-8")
    assert "title: Adams–Brown video call" in text
    record.write_text(text.replace("title: Adams–Brown video call", "title: Adams–Brown talks", 1),
                      "utf-8")
    assert _wait_for(url + f"calls/{call}/", '<meta property="og:title" content="Adams–Brown talks">'), \
        log.read_text()
    assert _wait_for(url + "feeds/calls.xml", "<title>Adams–Brown talks</title>"), log.read_text()
    assert _wait_for(url + f"data/calls/{call}.json", '"title": "Adams–Brown talks"')
    corpus = _get(url + "data/corpus.json")
    assert corpus is not None and '"title":"Adams–Brown talks"' in corpus


def _published_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for folder in ("feeds", "data") for p in sorted((site / folder).rglob("*"))
            if p.is_file()}


def test_generate_writes_the_feeds_and_data_that_build_publishes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`briefing generate`, for builders that run no plugin, writes feeds/ and data/ byte for
    byte as `briefing build` publishes them (site name and address from mkdocs.yml); a removed
    record's data file goes with it, and a project's own file of the same path is kept."""
    import shutil

    from click.testing import CliRunner

    from generator.adapters.cli import main

    from .conftest import MINI, ROOT

    shutil.copytree(MINI, tmp_path / "content")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "docs").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SITE_URL", PAGES_URL)
    built = CliRunner().invoke(main, ["build", "-d", "site"])
    assert built.exit_code == 0, built.output
    published = _published_files(tmp_path / "site")
    assert "feeds/calls.xml" in published and "data/corpus.json" in published
    assert "data/topics/trade.json" in published
    generated = CliRunner().invoke(main, ["generate", "out"])
    assert generated.exit_code == 0, generated.output
    assert _published_files(tmp_path / "out") == published
    assert PAGES_URL.encode() in published["feeds/calls.xml"]

    energy = tmp_path / "content" / "topics" / "energy.yaml"
    energy.write_text("name: Energy\ndescription: Gas and oil.\n", "utf-8")
    assert CliRunner().invoke(main, ["generate", "out"]).exit_code == 0
    assert (tmp_path / "out" / "data" / "topics" / "energy.json").is_file()
    energy.unlink()
    assert CliRunner().invoke(main, ["generate", "out"]).exit_code == 0
    assert not (tmp_path / "out" / "data" / "topics" / "energy.json").exists()
    assert _published_files(tmp_path / "out") == published

    own = tmp_path / "own" / "feeds" / "calls.xml"
    own.parent.mkdir(parents=True)
    own.write_text("our own feed\n", "utf-8")
    assert CliRunner().invoke(main, ["generate", "own"]).exit_code == 0
    assert own.read_text("utf-8") == "our own feed\n"
    assert (tmp_path / "own" / "feeds" / "updates.xml").is_file()


def test_generate_without_a_configuration_writes_the_data_and_says_why_no_feeds(
        mini_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With no mkdocs.yml there is no site name to title the feeds with (none is invented): the
    data export is written, the feeds are not, and a note says why."""
    from click.testing import CliRunner

    from generator.adapters.cli import main

    monkeypatch.chdir(mini_copy.parent)
    result = CliRunner().invoke(main, ["generate", "out", "--content", "content"])
    assert result.exit_code == 0, result.output
    assert (mini_copy.parent / "out" / "data" / "corpus.json").is_file()
    assert not (mini_copy.parent / "out" / "feeds").exists()
    assert result.stderr == ("Note: no feeds written: they are titled with the site's name, and "
                             "there is no mkdocs.yml here to give it (site_name)\n")
