"""Section indexes (`calls/`, `actors/`, ...), split like the site-wide listings so that no page
grows with the corpus (urls.SECTION_SPLITS).

Calls and sources are split by month of the call or of publication (a source without a date by
the month of the first call it covers, on its own "date not stated" page), the others by the initial letter of the name. A letter, unlike a month, is
not bounded by time: it grows with the corpus, by about 1/26 of the records on average (see the
README's design notes for the figures and why letters still, not fixed-size pages: a fixed-size
page's URL would move with every insertion before it). Each section's own index lists its parts
with counts, and, for calls, the latest calls.
"""

from __future__ import annotations

import unicodedata
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
            record = site.graph.record(key)
            when = getattr(record, "date", None) or getattr(record, "published", None)
            if when:
                return period_of(when, "month")
            # Undated sources would pile up on one page: each is filed by the month of the
            # first call it covers, on a page that says the date is not stated.
            calls = sorted(site.corpus.get("calls", c).date for c in getattr(record, "calls", []))
            return f"{UNDATED}-{period_of(calls[0], 'month')}" if calls else UNDATED
        keys = site.sorted_keys(keys)
    else:
        def slug(key: Key) -> str:
            return initial(site.name(key))
        keys = sorted(keys, key=lambda k: (site.name(k).casefold(), k.id))
    return group(keys, slug, lambda s: section_part_path(kind, s), lambda s: _title(s, unit),
                 order=lambda s: (s.startswith(UNDATED) or s == OTHER, s))


def section_pages(renderer: Renderer, kind: str) -> dict[str, str]:
    """A section's index page and its parts: path -> Markdown."""
    section = SECTIONS[kind]
    index = f"{kind}/index.md"
    parts = section_parts(renderer, kind)
    periods = [period for period, _ in parts]
    latest: list[Any] = []
    if kind == "calls":
        latest = [Key("calls", c) for c in reversed(renderer.site.graph.calls_in_order[-LATEST_CALLS:])]
    all_label = "All months" if SECTION_SPLITS[kind] == "month" else "All letters"
    out = {index: renderer.page("section_index.md.j2", index, kind=kind, section=section,
                                parts=periods, latest=latest)}
    for i, (period, keys) in enumerate(parts):
        out[period.path] = renderer.page(
            "section.md.j2", period.path, kind=kind, section=section, part=period, keys=keys,
            index=index, all_label=all_label, previous=periods[i - 1] if i else None,
            next=periods[i + 1] if i + 1 < len(periods) else None)
    return out
