"""Section indexes (`calls/`, `actors/`, ...), split like the site-wide listings so that no page
grows with the corpus (each kind's `split`, kinds.py).

Calls and sources are split by month of the call or of publication (a source without a date by
the month of the first call it covers, on its own "date not stated" page), the others by the
initial letter of the name. A letter, unlike a month, is not bounded by time: it grows with the
corpus, by about 1/26 of the records on average (see the README's design notes for the figures
and why letters still, not fixed-size pages: a fixed-size page's URL would move with every
insertion before it). Each section's own index lists its parts with counts, and, for calls, the
latest calls. Each page is rendered on its own, reading only the parts it shows (builders.py).
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from ..kinds import SECTIONS
from ..link import Key
from ..urls import PagePath, section_part_path
from .listings import Period, group, period_of, period_title

if TYPE_CHECKING:
    from .site import Site

UNDATED = "undated"
OTHER = "other"
"""The letter page of names that start with no Latin letter (a digit, another script)."""


def initial(name: str) -> str:
    """'a' to 'z' for a name starting with a Latin letter, accents dropped ('Émile' -> 'e');
    OTHER for any other name."""
    first = unicodedata.normalize("NFKD", name.strip()[:1].casefold())[:1]
    return first if "a" <= first <= "z" else OTHER


def part_title(slug: str, unit: str) -> str:
    """A part's title: 'December 2021', 'K', 'Other', 'Date not stated'."""
    if slug == UNDATED:
        return "Date not stated"
    if slug.startswith(UNDATED):
        return f"Date not stated, on calls of {period_title(slug.removeprefix(UNDATED + '-'))}"
    if slug == OTHER:
        return "Other"
    return period_title(slug) if unit == "month" else slug.upper()


def section_parts(site: Site, kind: str) -> list[tuple[Period, list[Key]]]:
    """A section's records split into its parts (see the module's docstring), each in order:
    by date and name within a month, by name within a letter."""
    unit = SECTIONS[kind].split
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
    return group(keys, slug, lambda s: section_part_path(kind, s), lambda s: part_title(s, unit),
                 order=lambda s: (s.startswith(UNDATED) or s == OTHER, s))


def section_index(site: Site) -> tuple[dict[str, tuple[str, ...]], dict[PagePath, tuple[Key, ...]]]:
    """Which records each part lists, built once from the whole corpus: (kind -> its parts'
    slugs in order; part page path -> its records in order). Each part page then reads only its
    own entry and its neighbours' slugs, so that `briefing serve` re-renders only the parts an
    edit touches, as with the listings (listings.listing_index)."""
    slugs: dict[str, tuple[str, ...]] = {}
    members: dict[PagePath, tuple[Key, ...]] = {}
    for kind in SECTIONS:
        parts = section_parts(site, kind)
        slugs[kind] = tuple(period.key for period, _ in parts)
        members.update((period.path, tuple(keys)) for period, keys in parts)
    return slugs, members
