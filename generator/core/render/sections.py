"""Section indexes (`calls/`, `actors/`, ...), split like the site-wide listings so that no page
grows with the corpus (urls.SECTION_SPLITS).

Calls and sources are split by month of the call or of publication (a source without a date by
the month of the first call it covers, on its own "date not stated" page), the others by the
initial letter of the name. A letter, unlike a month, is not bounded by time: it grows with the
corpus, by about 1/26 of the records on average (see the README's design notes for the figures
and why letters still, not fixed-size pages: a fixed-size page's URL would move with every
insertion before it). Each section's own index lists its parts with counts, and, for calls, the
latest calls. Each page is rendered on its own, reading only the parts it shows.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..link import Key
from ..urls import SECTION_SPLITS, SECTIONS, section_part_path
from .listings import Period, group, period_of, period_title

if TYPE_CHECKING:
    from .renderer import Renderer

LATEST_CALLS = 5
"""How many of the latest calls the calls index shows above its months."""
UNDATED = "undated"
OTHER = "other"
"""The letter page of names that start with no Latin letter (a digit, another script)."""


def initial(name: str) -> str:
    """'a' to 'z' for a name starting with a Latin letter, accents dropped ('Émile' -> 'e');
    OTHER for any other name."""
    first = unicodedata.normalize("NFKD", name.strip()[:1].casefold())[:1]
    return first if "a" <= first <= "z" else OTHER


def _title(slug: str, unit: str) -> str:
    if slug == UNDATED:
        return "Date not stated"
    if slug.startswith(UNDATED):
        return f"Date not stated, on calls of {period_title(slug.removeprefix(UNDATED + '-'))}"
    if slug == OTHER:
        return "Other"
    return period_title(slug) if unit == "month" else slug.upper()


def section_parts(renderer: Renderer, kind: str) -> list[tuple[Period, list[Key]]]:
    """A section's records split into its parts (see the module's docstring), each in order:
    by date and name within a month, by name within a letter."""
    site = renderer.site
    unit = SECTION_SPLITS[kind]
    keys = [Key(kind, i) for i in site.corpus.records[kind]]
    if unit == "month":
        def slug(key: Key) -> str:
            when = site.when(key)
            if when:
                return period_of(when, "month")
            # Undated sources would pile up on one page: each is filed by the month of the
            # first call it covers, on a page that says the date is not stated.
            first = site.first_call_date(key)
            return f"{UNDATED}-{period_of(first, 'month')}" if first else UNDATED
        keys = site.sorted_keys(keys)
    else:
        def slug(key: Key) -> str:
            return initial(site.name(key))
        keys = sorted(keys, key=lambda k: (site.name(k).casefold(), k.id))
    return group(keys, slug, lambda s: section_part_path(kind, s), lambda s: _title(s, unit),
                 order=lambda s: (s.startswith(UNDATED) or s == OTHER, s))


def section_index(renderer: Renderer) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[Key, ...]]]:
    """Which records each part lists, built once from the whole corpus: (kind -> its parts'
    slugs in order; part page path -> its records in order). Each part page then reads only its
    own entry and its neighbours' slugs, so that `briefing serve` re-renders only the parts an
    edit touches, as with the listings (listings.listing_index)."""
    slugs: dict[str, tuple[str, ...]] = {}
    members: dict[str, tuple[Key, ...]] = {}
    for kind in SECTIONS:
        parts = section_parts(renderer, kind)
        slugs[kind] = tuple(period.key for period, _ in parts)
        members.update((period.path, tuple(keys)) for period, keys in parts)
    return slugs, members


def _part(renderer: Renderer, kind: str, slug: str, counted: bool = True) -> Period:
    path = section_part_path(kind, slug)
    count = len(renderer.section_members[path]) if counted else 0
    return Period(slug, _title(slug, SECTION_SPLITS[kind]), path, count)


def section_plan(renderer: Renderer) -> dict[str, Callable[[], str]]:
    """Every section index and part page, each rendered on its own (Renderer.plan)."""
    out: dict[str, Callable[[], str]] = {}
    for kind in SECTIONS:
        out[f"{kind}/index.md"] = functools.partial(section_index_page, renderer, kind)
        for slug in dict.get(renderer.section_slugs, kind, ()):  # not a page's read
            out[section_part_path(kind, slug)] = functools.partial(section_part_page, renderer,
                                                                   kind, slug)
    return out


def section_index_page(renderer: Renderer, kind: str) -> str:
    """A section's index: its parts with their counts and, for calls, the latest calls."""
    index = f"{kind}/index.md"
    parts = [_part(renderer, kind, slug) for slug in renderer.section_slugs[kind]]
    latest: list[Any] = []
    if kind == "calls":
        latest = [Key("calls", c) for c in reversed(renderer.site.graph.calls_in_order[-LATEST_CALLS:])]
    return renderer.page("section_index.md.j2", index, kind=kind, section=SECTIONS[kind],
                         parts=parts, latest=latest)


def section_part_page(renderer: Renderer, kind: str, slug: str) -> str:
    """One part of a section's index; it reads its own records and its neighbours' slugs."""
    slugs = renderer.section_slugs[kind]
    i = slugs.index(slug)
    near = [_part(renderer, kind, s, counted=False) if s else None
            for s in (slugs[i - 1] if i else None, slugs[i + 1] if i + 1 < len(slugs) else None)]
    part = _part(renderer, kind, slug)
    all_label = "All months" if SECTION_SPLITS[kind] == "month" else "All letters"
    return renderer.page(
        "section.md.j2", part.path, kind=kind, section=SECTIONS[kind], part=part,
        keys=list(renderer.section_members[part.path]), index=f"{kind}/index.md",
        all_label=all_label, previous=near[0], next=near[1])
