"""Where pages live. Every generated path is decided here and nowhere else.

A record of kind K with id I is the page `K/I.md`, served at the stable URL `K/I/`. The site-wide
pages are `index.md`, `how-to-read.md` (hand-written) and the split listings of `LISTINGS` below.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .graph import Key


@dataclass(frozen=True)
class Section:
    title: str
    singular: str
    """Also the name of the record template: `<singular>.md.j2`."""
    intro: str


SECTIONS: dict[str, Section] = {
    "calls": Section("Calls", "call", "Every leaders' call in the briefing, by month of the call."),
    "actors": Section("People", "actor",
                      "Leaders, officials, spokespeople, analysts and the reporters who covered the calls."),
    "organizations": Section("Organizations", "organization",
                             "Governments, agencies, alliances and outlets the sources mention."),
    "topics": Section("Topics", "topic", "What the calls were about."),
    "events": Section("Events", "event", "Dated events the sources put the calls in context with."),
    "sources": Section("Sources", "source",
                       "The articles this briefing rests on, each with its verbatim text."),
}
"""Content folder -> section. Dict order is the order of the navigation."""

SPECIAL_PAGES = ("index.md", "timeline.md", "quotes.md", "disagreements.md", "coverage.md")


def redirect_page_path(kind: str, old_id: str) -> str:
    """The page left at a renamed record's former URL (core/redirects.py): the record's own page
    path under its old id, so the old URL stays `K/<old-id>/` with either URL style."""
    return f"{kind}/{old_id}.md"


def record_url(kind: str, id: str) -> str:
    """The public URL of a record's page, relative to the site root."""
    return f"{kind}/{id}/"


LISTINGS: dict[str, str] = {"timeline": "year", "quotes": "month", "disagreements": "month",
                            "coverage": "month"}
"""Site-wide pages split by period, so that no page grows with the corpus: name -> period
("year" or "month", of the call or event). `<name>.md` (URL `<name>/`) lists the periods;
each period is `<name>/<period>.md`, URL `<name>/<YYYY>/` or `<name>/<YYYY-MM>/`, stable as
the corpus grows (a new call adds to its month's page, never moves another)."""


SECTION_SPLITS: dict[str, str] = {"calls": "month", "sources": "month", "actors": "letter",
                                  "organizations": "letter", "topics": "letter", "events": "letter"}
"""How each section's index is split so that no page grows with the corpus: by month of the
call or publication, or by the initial letter of the name. `<kind>/index.md` lists the parts."""

SECTION_FOLDERS = {"month": "by-month", "letter": "by-name"}
"""The folder of a section's parts. Record ids are [a-z0-9-] and never hold a '/', so no record
(a person called `a`, a source called `2021-12`) can claim a part's URL. Calls need no folder:
a call's id starts with its full date (load.py), never a bare `YYYY-MM`."""


def section_part_path(kind: str, slug: str) -> str:
    """One part of a split section index: `calls/2021-12.md`, `sources/by-month/undated.md`,
    `actors/by-name/a.md`."""
    if kind == "calls":
        return f"calls/{slug}.md"
    return f"{kind}/{SECTION_FOLDERS[SECTION_SPLITS[kind]]}/{slug}.md"


def listing_path(name: str, period: str) -> str:
    """The page of one period of a split site-wide page: `quotes/2021-12.md`."""
    return f"{name}/{period}.md"


def backlinks_part_path(key: Key, slug: str) -> str:
    """One part of a record's split "Linked from" list (render/backlinks.py), in a folder named
    after the record's page: `organizations/reuters/linked-from/2021.md`, URL
    `organizations/reuters/linked-from/2021/`. Record ids never hold a '/', so no record can
    claim it."""
    return f"{key.kind}/{key.id}/linked-from/{slug}.md"


# --- Files for machines: feeds and the data export (core/feeds.py, core/export.py) -------------

FEEDS: dict[str, str] = {"feeds/calls.xml": "Calls", "feeds/updates.xml": "Updates"}
"""The Atom feeds, by path in the site: the calls, newest first, and the records each build
adds (by the date they were published). Every page links them (`<link rel="alternate">`)."""

DATA_FOLDER = "data"
DATA_CORPUS = "data/corpus.json"
"""Every record of the corpus in one file."""
DATA_SCHEMA = "data/schema.json"
"""The JSON Schema of the export: of data/corpus.json, and of each record file by its kind."""
DATA_TABLES: dict[str, str] = {"claims": "data/claims.csv", "citations": "data/citations.csv",
                               "quotes": "data/quotes.csv"}
"""The CSV tables: one row per claim, per citation, per quote."""


def data_record_path(kind: str, id: str) -> str:
    """One record of the export: `data/calls/2021-12-07-biden-putin-video-call.json`. Stable as
    the corpus grows, as the record's page is."""
    return f"{DATA_FOLDER}/{kind}/{id}.json"


# --- The content's history (core/history.py, core/changes.py) ------------------------------------

CHANGES_PAGE = "changes.md"
"""What each publication added, changed and corrected, URL `changes/`; each publication is its
heading's anchor, `changes/#change-<first 10 digits of the commit>`."""
