"""The site's indexes: what the page builders read, built once from the whole corpus.

Each listing, section part and split "Linked from" part reads only its own entry here, so that
a page never scans the corpus and `briefing serve` re-renders only the pages whose entries an
edit changes (core/incremental.py tracks each index by its name).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, fields
from typing import Any

from ..kinds import SECTIONS
from ..link import Key, cited_models
from ..memo import RecordMemo
from ..models import FactReport, Quote
from ..urls import PagePath
from .backlinks import SplitBacklinks, backlinks_index
from .listings import Members, listing_index
from .sections import section_index
from .site import Site

ClaimRow = tuple[str, int, int, int]
"""(source, claims citing it, quotes from it, facts it reports)."""


@dataclass
class SiteIndexes:
    """The linked corpus (`site`) and the indexes built once from it; read-only once made (the
    incremental session swaps each index for a container that notes what a page reads)."""

    site: Site
    claim_rows: dict[str, ClaimRow]
    """Source -> its row of the coverage pages' table."""
    listing_periods: dict[str, tuple[str, ...]]
    """Listing name -> its periods' keys, oldest first (listings.py)."""
    listing_members: dict[PagePath, Members]
    """Period page -> what it lists."""
    section_slugs: dict[str, tuple[str, ...]]
    """Kind -> its index's parts (sections.py)."""
    section_members: dict[PagePath, tuple[Key, ...]]
    """Part page -> the records it lists."""
    backlink_split: dict[Key, SplitBacklinks]
    """Record -> its split "Linked from" list (backlinks.py); records with short lists are in
    none of the three backlink indexes."""
    backlink_slugs: dict[Key, tuple[str, ...]]
    """Record -> its parts' slugs."""
    backlink_members: dict[PagePath, tuple[tuple[str, tuple[Key, ...]], ...]]
    """Part page -> (relation, records) in order."""
    home_counts: dict[str, int]
    """Records per kind, quotes, claims and conflicts, as the home page shows them."""


INDEXES = tuple(f.name for f in fields(SiteIndexes) if f.name != "site")
"""The names of the indexes, each tracked by the incremental session even when empty."""


def site_indexes(site: Site) -> SiteIndexes:
    claim_rows = {row[0]: row for row in _count_claims(site)}
    listing_periods, listing_members = listing_index(site)
    section_slugs, section_members = section_index(site)
    split, slugs, members = backlinks_index(site)
    return SiteIndexes(site, claim_rows, listing_periods, listing_members, section_slugs,
                       section_members, split, slugs, members, _count(site, claim_rows))


_CITED: RecordMemo[list[tuple[str, int]]] = RecordMemo()
"""Per record, the sources it cites and how: 0 a claim, 1 a quote, 2 a fact (core/memo.py)."""


def _cited(record: Any) -> list[tuple[str, int]]:
    return [(model.source, 1 if isinstance(model, Quote) else 2 if isinstance(model, FactReport) else 0)
            for _, model in cited_models(record)]


def _count_claims(site: Site) -> list[ClaimRow]:
    counts = {s: [0, 0, 0] for s in site.corpus.records["sources"]}
    _CITED.start()
    for kind in SECTIONS:
        for loaded in site.corpus.loaded(kind):
            for source, index in _CITED.get(loaded.record, functools.partial(_cited, loaded.record)):
                counts[source][index] += 1
    return [(source, counts[source][0], counts[source][1], counts[source][2])
            for source in sorted(counts)]


def _count(site: Site, claim_rows: dict[str, ClaimRow]) -> dict[str, int]:
    """The home page's counts (an index, so that the home page is rendered again only when a
    count changes)."""
    corpus = site.corpus
    counts = {kind: len(corpus.records[kind]) for kind in SECTIONS}
    counts["quotes"] = sum(len(corpus.get("calls", c).quotes) for c in corpus.records["calls"])
    counts["claims"] = sum(row[1] for row in claim_rows.values())
    counts["disagreements"] = len(site.comparisons.disagreements())  # conflicts, each once
    return counts
