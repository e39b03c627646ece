"""The Atom feeds (RFC 4287): the calls, and the records each build adds.

- `feeds/calls.xml`: the calls, newest first; each entry is the call's title, its lead as the
  summary (plain text), its page and two dates: `published` the day of the call, `updated` the
  newest publication date among the sources covering it (never before the call).
- `feeds/updates.xml`: what the corpus adds, newest first: each call by its date and each source
  by its publication date (an undated source by its first call's, as its `updated` date, with
  no `published` date: the text gives none). It lists records by the date
  they carry, not by the day a build added them: a record added late, about an old call, comes in
  at its own date. With the content's history (core/history.py), each publication too: what it
  added, changed and corrected (core/changes.py), dated by its commit, linking its entry on the
  "What changed" page.

The feeds carry no build time, so the same content gives the same bytes. Links are absolute when
the site's address (mkdocs.yml `site_url`) is known; without it they are relative to the feed,
which Atom resolves against the feed's own address (RFC 4287 §2, xml:base and RFC 3986), and
entry ids are `urn:uuid:` names made from the site's name and the record (ids must be absolute).
"""

from __future__ import annotations

import datetime as dt
import posixpath
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin

from .changes import Changelog, changelog
from .describe import call_lead, call_sources, covered_on, name, source_date
from .graph import Graph, Key
from .history import read_history
from .render.changes_page import PUBLICATIONS_SHOWN, summary
from .render.dates import display_date
from .urls import CHANGES_PAGE, FEEDS

ATOM = "http://www.w3.org/2005/Atom"
FEED_ENTRIES = 50
"""The newest entries a feed carries: readers poll feeds, and a feed of every record would grow
with the corpus (a 5,000-call feed is megabytes fetched at every poll)."""
CALLS_FEED, UPDATES_FEED = FEEDS


@dataclass(frozen=True)
class SiteAddress:
    """What the feeds and metadata need to know of the built site."""

    name: str
    """The site's name (mkdocs.yml `site_name`): the feeds' title and author."""
    url: str | None
    """The site's address (`site_url`), or None when not set."""
    page_url: Callable[[str], str]
    """A generated page's URL relative to the site root, from its Markdown path
    ('calls/x.md' -> 'calls/x/', or 'calls/x.html' where directory URLs are off)."""

    def href(self, site_path: str, from_file: str) -> str:
        """The address of `site_path` (relative to the site root) as written in `from_file`:
        absolute when the site's address is known, else relative to `from_file`."""
        if self.url:
            return urljoin(self.url.rstrip("/") + "/", site_path)
        folder = posixpath.dirname(from_file)
        relative = posixpath.relpath(site_path or ".", folder or ".")
        folderish = not site_path or site_path.endswith("/")
        return relative + ("/" if folderish and not relative.endswith("/") else "")

    def id_for(self, site_path: str) -> str:
        """A permanent, absolute id for the thing at `site_path`."""
        if self.url:
            return self.href(site_path, "")
        return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"briefing:{self.name}:{site_path}"))


@dataclass(frozen=True)
class Entry:
    key: Key
    title: str
    summary: str
    published: dt.date | None
    """None for a source that states no date: the entry is filed by its first call's date
    (`updated`), never given a publication date the text does not give."""
    updated: dt.date
    page: str | None = None
    """The page the entry links, when not the record's own (a publication's: the "What changed"
    page, at `anchor`)."""
    anchor: str = ""


def feeds(graph: Graph, site: SiteAddress, log: Changelog | None = None) -> dict[str, bytes]:
    """Both feeds, by path in the site; the updates feed with the publications of `log`, by
    default those of the history of the content the graph was loaded from."""
    if log is None:
        log = changelog(graph, read_history(graph.corpus.root))
    corpus = graph.corpus
    sources = call_sources(graph)
    # Every record's dates first, to find the newest; titles and summaries (a call's lead, with
    # its links resolved) only for the FEED_ENTRIES a feed carries.
    days = [(Key("calls", c), corpus.get("calls", c).date) for c in corpus.records["calls"]]
    calls = [_Dated(key, day, covered_on(graph, key.id, sources[key.id])) for key, day in days]
    updates: list[_Dated | Entry] = [_Dated(key, day, day) for key, day in days]
    for source_id in corpus.records["sources"]:
        day = source_date(graph, source_id)
        if day is None:
            continue  # every source covers a call (validation); never a guessed date
        updates.append(_Dated(Key("sources", source_id),
                              corpus.get("sources", source_id).published, day))
    # Publications the "What changed" page lists (their entries link there).
    for publication in log.publications[:PUBLICATIONS_SHOWN]:
        day = publication.when.date()
        updates.append(Entry(Key("changes", publication.sha),
                             f"What changed on {display_date(day)} ({publication.sha[:10]})",
                             summary(publication).capitalize() + ".", day, day,
                             CHANGES_PAGE, publication.anchor))
    return {CALLS_FEED: _feed(site, CALLS_FEED, f"{site.name}: calls",
                              [_entry(graph, d, "") for d in _newest(calls)]),
            UPDATES_FEED: _feed(site, UPDATES_FEED, f"{site.name}: updates",
                                [d if isinstance(d, Entry) else _entry(graph, d, "Call: ")
                                 for d in _newest(updates)])}


@dataclass(frozen=True)
class _Dated:
    """A record a feed may carry, by its dates: its entry is made only if it does."""

    key: Key
    published: dt.date | None
    updated: dt.date


def _newest(dated: list) -> list:
    """The FEED_ENTRIES newest of records (`_Dated`) and ready entries, newest first."""
    return sorted(dated, key=lambda e: (e.published or e.updated, e.updated, e.key),
                  reverse=True)[:FEED_ENTRIES]


def _entry(graph: Graph, dated: _Dated, call_prefix: str) -> Entry:
    """A call's entry (its title after `call_prefix`, its lead) or a source's (the calls it
    covers)."""
    key = dated.key
    if key.kind == "calls":
        title, summary = call_prefix + name(graph, key), call_lead(graph, key.id)
    else:
        source = graph.corpus.get("sources", key.id)
        covers = ", ".join(name(graph, Key("calls", c)) for c in source.calls)
        title, summary = f"Source: {name(graph, key)}", f"Covers: {covers}."
    return Entry(key, title, summary, dated.published, dated.updated)


def _feed(site: SiteAddress, path: str, title: str, newest: list[Entry]) -> bytes:
    """The feed of `newest`, its entries newest first."""
    feed = ET.Element("feed", {"xmlns": ATOM})
    _text(feed, "id", site.id_for(path))
    _text(feed, "title", title)
    _text(feed, "updated", _stamp(max((e.updated for e in newest), default=dt.date(1970, 1, 1))))
    _link(feed, site.href(path, path), "self", "application/atom+xml")
    _link(feed, site.href("", path), "alternate", "text/html")
    author = ET.SubElement(feed, "author")
    _text(author, "name", site.name)
    _text(feed, "generator", "briefing")
    for entry in newest:
        url = site.page_url(entry.page or entry.key.path) + (f"#{entry.anchor}" if entry.anchor
                                                             else "")
        item = ET.SubElement(feed, "entry")
        _text(item, "id", site.id_for(url))
        _text(item, "title", entry.title)
        _link(item, site.href(url, path), "alternate", "text/html")
        if entry.published is not None:
            _text(item, "published", _stamp(entry.published))
        _text(item, "updated", _stamp(entry.updated))
        if entry.summary:
            _text(item, "summary", entry.summary).set("type", "text")
    # Unqualified names under an xmlns attribute: ElementTree would otherwise prefix every tag
    # (ns0:entry), which Atom allows but few readers expect.
    ET.indent(feed)
    return (b'<?xml version="1.0" encoding="utf-8"?>\n'
            + ET.tostring(feed, encoding="utf-8", xml_declaration=False)
            + b"\n")


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = text
    return element


def _link(parent: ET.Element, href: str, rel: str, media: str) -> None:
    ET.SubElement(parent, "link", {"href": href, "rel": rel, "type": media})


def _stamp(day: dt.date) -> str:
    """An RFC 3339 date-time for a day: the sources date articles and calls to the day."""
    return f"{day.isoformat()}T00:00:00Z"
