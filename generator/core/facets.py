"""Search facets: what each record's page tells Pagefind to filter and sort by.

Filters (theme/main.html prints them as `data-pagefind-filter` meta tags; the search box,
theme/assets/javascripts/briefing-search.js, offers them):

- `kind`: Call, Source, Person, Organization, Topic, Event;
- `year`: a call's, an event's, a source's publication year (an undated source has none);
- `outlet`: a source's outlet (and the outlet it republishes), a call's covering outlets;
- `speaker`: the people and organizations quoted, on a call's page and on a source's.

`date` sorts results (`data-pagefind-sort`): the day of a call, an event, a publication. Only
what the records give: a source with no outlet has no outlet filter.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from .describe import call_sources, name
from .graph import Graph, Key
from .memo import RecordMemo
from .urls import SECTIONS

KIND_LABELS = {kind: section.singular.capitalize() for kind, section in SECTIONS.items()}
KIND_LABELS["actors"] = "Person"
FILTERS = ("kind", "year", "outlet", "speaker")
"""The filters in the order the search box shows them."""


@dataclass
class Facets:
    filters: dict[str, list[str]] = field(default_factory=dict)
    """Filter -> its values for the page, in FILTERS order, each list without repeats."""
    sort_date: str | None = None
    """ISO date (or partial date, '2021-12') the page sorts by; None for undated records."""


class FacetIndex:
    """The facets of every record page, from indexes built once per corpus (a call's covering
    sources, the speakers quoted from each source), so that no page scans the corpus."""

    def __init__(self, graph: Graph):
        self.graph = graph
        self.call_sources = call_sources(graph)
        self.source_speakers: dict[str, list[Key]] = {}
        _SPEAKERS.start()
        for call_id in sorted(graph.corpus.records["calls"]):
            call = graph.corpus.get("calls", call_id)
            for source, speaker in _SPEAKERS.get(call, functools.partial(_quote_speakers, call)):
                self.source_speakers.setdefault(source, []).append(speaker)

    def _speaker(self, quote) -> str | None:
        key = _speaker_key(quote)
        return name(self.graph, key) if key is not None else None

    def _outlets(self, source_id: str) -> list[str]:
        source = self.graph.corpus.get("sources", source_id)
        return [o for o in (source.outlet, source.republished_from) if o]

    def facets(self, path: str) -> Facets | None:
        """The facets of the generated page at `path`; None for pages that are no record's."""
        kind, _, id_ = path.removesuffix(".md").partition("/")
        if kind not in SECTIONS or id_ not in self.graph.corpus.records.get(kind, {}):
            return None
        record = self.graph.record(Key(kind, id_))
        date: str | None = None
        outlets: list[str] = []
        speakers: list[str] = []
        if kind == "calls":
            date = record.date.isoformat()
            outlets = [o for s in self.call_sources[id_] for o in self._outlets(s)]
            speakers = [s for s in (self._speaker(q) for q in record.quotes) if s]
        elif kind == "sources":
            date = record.published.isoformat() if record.published else None
            outlets = self._outlets(id_)
            speakers = [name(self.graph, key) for key in self.source_speakers.get(id_, [])]
        elif kind == "events":
            date = record.date
        filters = {"kind": [KIND_LABELS[kind]], "year": [date[:4]] if date else [],
                   "outlet": sorted(set(outlets)), "speaker": sorted(set(speakers))}
        return Facets({k: v for k, v in filters.items() if v}, date)


def _speaker_key(quote) -> Key | None:
    if quote.speaker:
        return Key("actors", quote.speaker)
    if quote.speaker_org:
        return Key("organizations", quote.speaker_org)
    return None


def _quote_speakers(call) -> list[tuple[str, Key]]:
    """(source, speaker) of each of the call's quotes that names its speaker."""
    return [(quote.source, key) for quote in call.quotes
            if (key := _speaker_key(quote)) is not None]


_SPEAKERS: RecordMemo[list[tuple[str, Key]]] = RecordMemo()
"""Per call record, kept across `briefing serve`'s saves (names are looked up per page: an
edited name changes no call record)."""
