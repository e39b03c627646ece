"""The page builders of the split pages: section indexes and their parts, the site-wide
listings and their periods, and the parts of long "Linked from" lists.

Each builder is a function of the site's indexes (indexes.py) that says which template renders
a page, at which path, with what: a `Page`. It reads only its own entries of the indexes and,
for the links to the parts on either side, their keys. The renderer renders the `Page`; nothing
here knows it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..compare import coverage_matrix
from ..kinds import SECTIONS
from ..link import Key
from ..urls import (
    LISTINGS,
    PagePath,
    backlinks_part_path,
    listing_index_path,
    listing_path,
    section_index_path,
    section_part_path,
)
from .backlinks import part_title
from .indexes import SiteIndexes
from .listings import Members, Period, neighbours, period_title, timeline_entry
from .sections import part_title as section_part_title

LATEST_CALLS = 5
"""How many of the latest calls the calls index shows above its months."""


@dataclass(frozen=True)
class Page:
    """What renders one page: its template, its path and the template's variables."""

    template: str
    path: PagePath
    context: dict[str, Any] = field(default_factory=dict)
    corrected: Key | None = None
    """The record whose corrections close the page (a record's own page)."""


Planned = tuple[PagePath, Callable[[], Page], str]
"""A page of the plan: its path, the function that builds it, and who claims it (for the
message when two builders claim one path)."""


# --- section indexes -----------------------------------------------------------------------

def section_pages(ix: SiteIndexes) -> Iterator[Planned]:
    for kind in SECTIONS:
        yield (section_index_path(kind), functools.partial(section_index_page, ix, kind),
               f"the index of {kind}")
        for slug in dict.get(ix.section_slugs, kind, ()):  # not a page's read
            yield (section_part_path(kind, slug),
                   functools.partial(section_part_page, ix, kind, slug), f"part '{slug}' of {kind}")


def _section_part(ix: SiteIndexes, kind: str, slug: str, counted: bool = True) -> Period:
    path = section_part_path(kind, slug)
    count = len(ix.section_members[path]) if counted else 0
    return Period(slug, section_part_title(slug, SECTIONS[kind].split), path, count)


def section_index_page(ix: SiteIndexes, kind: str) -> Page:
    """A section's index: its parts with their counts and, for calls, the latest calls."""
    parts = [_section_part(ix, kind, slug) for slug in ix.section_slugs[kind]]
    latest: list[Key] = []
    if kind == "calls":
        latest = [Key("calls", c) for c in reversed(ix.site.graph.calls_in_order[-LATEST_CALLS:])]
    return Page("section_index.md.j2", section_index_path(kind),
                {"kind": kind, "section": SECTIONS[kind], "parts": parts, "latest": latest})


def section_part_page(ix: SiteIndexes, kind: str, slug: str) -> Page:
    """One part of a section's index; it reads its own records and its neighbours' slugs."""
    previous, next_ = neighbours(ix.section_slugs[kind], slug,
                                 lambda s: _section_part(ix, kind, s, counted=False))
    part = _section_part(ix, kind, slug)
    all_label = "All months" if SECTIONS[kind].split == "month" else "All letters"
    return Page("section.md.j2", part.path, {
        "kind": kind, "section": SECTIONS[kind], "part": part,
        "keys": list(ix.section_members[part.path]), "index": section_index_path(kind),
        "all_label": all_label, "previous": previous, "next": next_})


# --- site-wide listings ---------------------------------------------------------------------

def _found(ix: SiteIndexes, calls: Members) -> dict[int, Any]:
    """The comparisons of these calls, each once (a remark quoted on two calls is one)."""
    by_call = ix.site.comparisons.by_call
    return {id(c): c for call in calls for c in by_call[call]}


def _timeline(ix: SiteIndexes, members: Members) -> dict[str, Any]:
    return {"entries": [timeline_entry(ix.site, k) for k in members]}


def _quotes(ix: SiteIndexes, members: Members) -> dict[str, Any]:
    return {"speakers": [(speaker, list(items)) for speaker, items in members]}


def _disagreements(ix: SiteIndexes, members: Members) -> dict[str, Any]:
    by_call, found = ix.site.comparisons.by_call, _found(ix, members).values()
    conflicts = [(call, [c for c in by_call[call] if c.disagrees]) for call in members]
    return {"conflicts": [(call, conflicting) for call, conflicting in conflicts if conflicting],
            "consistent": [c for c in found if c.consistent],
            "variants": [c for c in found if c.variant]}


def _coverage(ix: SiteIndexes, members: Members) -> dict[str, Any]:
    site = ix.site
    sources = sorted({s for c in members for s in site.sources_of_call(c)})
    return {"matrices": [(c, coverage_matrix(site.comparisons.by_call[c], site.sources_of_call(c)))
                         for c in members],
            "claims": [ix.claim_rows[s] for s in sources if s in ix.claim_rows]}


@dataclass(frozen=True)
class Listing:
    """A site-wide page split by period (urls.LISTINGS): its index and one page per period."""

    template: str
    """The template of a period's page."""
    title: str
    nav_title: str
    """Its index's title in the navigation (core/nav.py)."""
    intro: str
    """The first line of the index (listing_index.md.j2)."""
    nouns: tuple[str, str]
    """What one and several entries are called on the index: 'quote', 'quotes'."""
    context: Callable[[SiteIndexes, Members], dict[str, Any]]
    """What a period's page shows, from what it lists."""
    count: Callable[[SiteIndexes, Members], int] = lambda ix, members: len(members)
    """The count its index shows for a period."""
    index_template: str = "listing_index.md.j2"
    index_context: Callable[[SiteIndexes], dict[str, Any]] = lambda ix: {}
    """What its index shows besides the periods."""


LISTING_PAGES: dict[str, Listing] = {
    "timeline": Listing("timeline.md.j2", "Timeline", "Timeline",
                        "The calls among the events the sources put them in context with, by year.",
                        ("entry", "entries"), _timeline),
    "quotes": Listing("quotes.md.j2", "Quotes", "Quotes",
                      "Every direct quote, by month of the call, then by speaker.",
                      ("quote", "quotes"), _quotes,
                      count=lambda ix, members: sum(len(items) for _, items in members)),
    "disagreements": Listing(
        "disagreements.md.j2", "Where the sources disagree", "Where sources disagree", "",
        ("conflict", "conflicts"),
        _disagreements,
        count=lambda ix, members: sum(1 for c in _found(ix, members).values() if c.disagrees),
        index_template="disagreements_index.md.j2",
        index_context=lambda ix: {"comparisons": ix.site.comparisons}),
    "coverage": Listing("coverage.md.j2", "Source coverage", "Source coverage",
                        "Which source reports which fact, call by call, by month of the call.",
                        ("call", "calls"), _coverage),
}
"""Each split listing, by its name in urls.LISTINGS."""


def listing_pages(ix: SiteIndexes) -> Iterator[Planned]:
    for name in LISTINGS:
        yield (listing_index_path(name), functools.partial(listing_index_page, ix, name),
               f"the index of {name}")
        for key in dict.get(ix.listing_periods, name, ()):  # not a page's read
            yield (listing_path(name, key), functools.partial(period_page, ix, name, key),
                   f"period {key} of {name}")


def _period(ix: SiteIndexes, name: str, key: str, counted: bool = True) -> Period:
    """A period of a listing, counted as its index page shows it."""
    path = listing_path(name, key)
    count = LISTING_PAGES[name].count(ix, ix.listing_members[path]) if counted else 0
    return Period(key, period_title(key), path, count)


def listing_index_page(ix: SiteIndexes, name: str) -> Page:
    listing = LISTING_PAGES[name]
    periods = [_period(ix, name, key) for key in ix.listing_periods[name]]
    return Page(listing.index_template, listing_index_path(name),
                {"title": listing.title, "intro": listing.intro, "nouns": listing.nouns,
                 "periods": periods, **listing.index_context(ix)})


def period_page(ix: SiteIndexes, name: str, key: str) -> Page:
    """One period's page; it reads its own members and, for its neighbours, the period keys."""
    listing = LISTING_PAGES[name]
    previous, next_ = neighbours(ix.listing_periods[name], key,
                                 lambda k: _period(ix, name, k, counted=False))
    path = listing_path(name, key)
    return Page(listing.template, path, {
        "title": f"{listing.title}: {period_title(key)}", "index": listing_index_path(name),
        "previous": previous, "next": next_, **listing.context(ix, ix.listing_members[path])})


# --- parts of long "Linked from" lists --------------------------------------------------------

def backlinks_pages(ix: SiteIndexes) -> Iterator[Planned]:
    for key, slugs in dict.items(ix.backlink_slugs):  # not a page's read
        for slug in slugs:
            yield (backlinks_part_path(key.kind, key.id, slug),
                   functools.partial(backlinks_part_page, ix, key, slug),
                   f"part '{slug}' of the list linking to {key.kind}/{key.id}")


def backlinks_part_page(ix: SiteIndexes, key: Key, slug: str) -> Page:
    """One part of a record's split list; it reads its own members and its neighbours' slugs."""
    previous, next_ = neighbours(ix.backlink_slugs[key], slug, lambda s: Period(
        s, part_title(s), backlinks_part_path(key.kind, key.id, s), 0))
    path = backlinks_part_path(key.kind, key.id, slug)
    return Page("backlinks_part.md.j2", path, {
        "key": key, "title": part_title(slug), "dated": slug.isdigit(),
        "groups": ix.backlink_members[path], "previous": previous, "next": next_})
