"""Where pages live. Every generated path is decided here and nowhere else.

A record of kind K with id I is the page `K/I.md`, served at the stable URL `K/I/`. The site-wide
pages are `index.md`, `how-to-read.md` (hand-written) and the split listings of `LISTINGS` below.
Each page is claimed once (render/plan.py): two builders giving one path is an error.
"""

from __future__ import annotations

from typing import NewType

from .kinds import SECTIONS

PagePath = NewType("PagePath", str)
"""A generated page, as a path relative to the docs folder ('calls/2021-12.md'). Its URL is the
path without '.md' and with a trailing '/' ('calls/2021-12/'), `index.md` the folder's own."""
Url = NewType("Url", str)
"""A page's public URL, relative to the site root ('calls/2021-12/')."""

HOME = PagePath("index.md")
HOW_TO_READ = PagePath("how-to-read.md")
"""Hand-written, shipped with the package (generator/site/); a project's own file replaces it."""


def record_path(kind: str, id: str) -> PagePath:
    """A record's page: `calls/2021-12-07-biden-putin-video-call.md`."""
    return PagePath(f"{kind}/{id}.md")


def record_url(kind: str, id: str) -> Url:
    """The public URL of a record's page, relative to the site root."""
    return Url(f"{kind}/{id}/")


def redirect_page_path(kind: str, old_id: str) -> PagePath:
    """The page left at a renamed record's former URL (core/redirects.py): the record's own page
    path under its old id, so the old URL stays `K/<old-id>/` with either URL style."""
    return record_path(kind, old_id)


LISTINGS: dict[str, str] = {"timeline": "year", "quotes": "month", "disagreements": "month",
                            "coverage": "month"}
"""Site-wide pages split by period, so that no page grows with the corpus: name -> period
("year" or "month", of the call or event). `<name>.md` (URL `<name>/`) lists the periods;
each period is `<name>/<period>.md`, URL `<name>/<YYYY>/` or `<name>/<YYYY-MM>/`, stable as
the corpus grows (a new call adds to its month's page, never moves another)."""


def listing_index_path(name: str) -> PagePath:
    """The index of a split site-wide page, listing its periods: `quotes.md`."""
    return PagePath(f"{name}.md")


def listing_path(name: str, period: str) -> PagePath:
    """The page of one period of a split site-wide page: `quotes/2021-12.md`."""
    return PagePath(f"{name}/{period}.md")


SECTION_FOLDERS = {"month": "by-month", "letter": "by-name"}
"""The folder of a section's parts, by how the section is split (kinds.py). Record ids are
[a-z0-9-] and never hold a '/', so no record (a person called `a`, a source called `2021-12`)
can claim a part's URL. Calls need no folder: a call's id starts with its full date (load.py),
never a bare `YYYY-MM`."""


def section_index_path(kind: str) -> PagePath:
    """A section's index, listing its parts: `actors/index.md`, URL `actors/`."""
    return PagePath(f"{kind}/index.md")


def section_part_path(kind: str, slug: str) -> PagePath:
    """One part of a split section index: `calls/2021-12.md`, `sources/by-month/undated.md`,
    `actors/by-name/a.md`."""
    if kind == "calls":
        return PagePath(f"calls/{slug}.md")
    return PagePath(f"{kind}/{SECTION_FOLDERS[SECTIONS[kind].split]}/{slug}.md")


def backlinks_part_path(kind: str, id: str, slug: str) -> PagePath:
    """One part of a record's split "Linked from" list (render/backlinks.py), in a folder named
    after the record's page: `organizations/reuters/linked-from/2021.md`, URL
    `organizations/reuters/linked-from/2021/`. Record ids never hold a '/', so no record can
    claim it."""
    return PagePath(f"{kind}/{id}/linked-from/{slug}.md")


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

CHANGES_PAGE = PagePath("changes.md")
"""What each publication added, changed and corrected, URL `changes/`; each publication is its
heading's anchor, `changes/#change-<first 10 digits of the commit>`."""
