"""Records in plain text, for readers outside the page: feeds, the meta description, JSON-LD.

The pages render curated prose as Markdown (render/page.py); here the same prose is plain text:
a [[wiki-link]] reads as its words, or as the name of the record it links to.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

from .graph import Graph, Key
from .link import WIKILINK, cited_models, resolve_wikilink
from .memo import RecordMemo
from .render.dates import display_date

_SPACE = re.compile(r"\s+")
DESCRIPTION_LENGTH = 160
"""About what search engines and link cards show of a description."""


def name(graph: Graph, key: Key) -> str:
    """A record as a reader names it: a call's title, a source's outlet, headline and date, the
    name of anything else."""
    record = graph.record(key)
    if key.kind == "calls":
        return record.title
    if key.kind == "sources":
        return source_label(record)
    return record.name


def source_label(source: Any) -> str:
    """As the site labels a source (render/site.py Site.source_label): outlet, headline, date."""
    outlet = source.outlet or "Outlet not stated"
    parts = [f"{source.republished_from} via {outlet}" if source.republished_from else outlet]
    if source.headline:
        parts.append(f"“{source.headline}”")
    parts.append(display_date(source.published) if source.published else "date not stated")
    return ", ".join(parts)


def plain(graph: Graph, text: str) -> str:
    """Curated prose as plain text on one line: each [[link]] as its words or the record's name."""
    def words(match: re.Match) -> str:
        if match[2]:
            return match[2]
        key, _ = resolve_wikilink(match[1], graph.corpus)
        return name(graph, key) if key is not None else match[1]

    return _SPACE.sub(" ", WIKILINK.sub(words, text)).strip()


def claims_text(graph: Graph, claims: list[Any]) -> str:
    """A list of claims as one paragraph of plain text."""
    return " ".join(plain(graph, claim.text) for claim in claims)


def trimmed(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """Text cut at the last word boundary within `limit` characters, with an ellipsis when cut."""
    text = _SPACE.sub(" ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:–—-") + "…"


def call_lead(graph: Graph, call_id: str) -> str:
    """What happened in a call, as the home page says it: its lead, or its summary without one."""
    call = graph.corpus.get("calls", call_id)
    return claims_text(graph, call.lead or call.summary)


def call_sources(graph: Graph) -> dict[str, list[str]]:
    """Call id -> the sources that cover it: those listing it and those cited on its page (as
    the call page lists them); built in one pass over the corpus."""
    found: dict[str, set[str]] = {call_id: set() for call_id in graph.corpus.records["calls"]}
    for source_id in graph.corpus.records["sources"]:
        for call_id in graph.corpus.get("sources", source_id).calls:
            found.setdefault(call_id, set()).add(source_id)
    _CITED.start()
    for call_id in graph.corpus.records["calls"]:
        call = graph.corpus.get("calls", call_id)
        found[call_id].update(_CITED.get(call, functools.partial(_cited_sources, call)))
    return {call_id: sorted(sources) for call_id, sources in found.items()}


def _cited_sources(call: Any) -> frozenset[str]:
    return frozenset(model.source for _, model in cited_models(call))


_CITED: RecordMemo[frozenset[str]] = RecordMemo()
"""The sources each call record cites: walking every call's citations took most of the feeds'
and the facets' time on each save of `briefing serve`, which keeps unchanged records."""


def covered_on(graph: Graph, call_id: str, sources: list[str]) -> dt.date:
    """The day a call's coverage was last added to: the newest publication date among its
    sources, never before the call itself (previews come out before it)."""
    call = graph.corpus.get("calls", call_id)
    dates = [graph.corpus.get("sources", s).published for s in sources]
    return max([call.date, *(d for d in dates if d)])


def source_date(graph: Graph, source_id: str) -> dt.date | None:
    """A source's publication date, or for an undated one the date of the first call it covers
    (as the sources index files it); None when neither is known."""
    source = graph.corpus.get("sources", source_id)
    if source.published:
        return source.published
    dates = [graph.corpus.get("calls", c).date for c in source.calls
             if c in graph.corpus.records["calls"]]
    return min(dates) if dates else None
