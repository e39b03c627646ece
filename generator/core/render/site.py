"""The linked corpus seen from the renderers: names, labels, indexes built once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from ..compare import Comparisons, compare_corpus
from ..kinds import SECTIONS
from ..link import CITED_AS_SPEAKER, GENERIC_RELATIONS, MENTIONED, Graph, Key, cited_models
from ..markdown_text import relative_link
from ..models import Attribution, Quote
from .dates import display_date

ATTRIBUTION_TEXT = {
    Attribution.outlet: "the outlet's own reporting",
    Attribution.on_record: "on the record",
    Attribution.readout: "an official readout",
    Attribution.anonymous: "an official speaking on condition of anonymity",
    Attribution.unnamed: "an unnamed person",
    Attribution.group: "an unnamed group",
    Attribution.wire: "wire and other reports",
}


class Site:
    """The linked corpus seen from the renderers: names, labels and comparisons."""

    def __init__(self, graph: Graph):
        self.graph = graph
        self.corpus = graph.corpus
        self.comparisons: Comparisons = compare_corpus(self.corpus, graph.calls_in_order)
        # Indexes built once, so that no page scans the whole corpus (that would make the
        # generator quadratic in the number of records).
        self._names: dict[Key, str] = {}
        self._links: dict[tuple[str, str], str] = {}
        self._exact: dict[tuple[str, str], str] = {}
        self._sources_of_call: dict[str, list[str]] = {}
        self.refs: dict[tuple[str, str, str, str | None], str] = {}
        """Markdown links to records, by folder of the linking page (see PageBuilder.ref)."""
        self.sources_listing: dict[str, list[str]] = {}
        """Call id -> sources whose `calls` list it."""
        for source_id in sorted(self.corpus.records["sources"]):
            for call_id in self.corpus.get("sources", source_id).calls:
                self.sources_listing.setdefault(call_id, []).append(source_id)
        self.quotes_of: dict[str | None, list[tuple[str, Quote]]] = {}
        """Speaker (None: unnamed) -> (call id, quote), in call order."""
        for call_id in graph.calls_in_order:
            for quote in self.corpus.get("calls", call_id).quotes:
                self.quotes_of.setdefault(quote.speaker, []).append((call_id, quote))

    def name(self, key: Key) -> str:
        name = self._names.get(key)
        if name is None:
            name = self._names[key] = self._name(key)
        return name

    def link(self, from_page: str, to_page: str, anchor: str = "") -> str:
        """relative_link, remembered per folder of the linking page and target."""
        if from_page == to_page:
            return relative_link(from_page, to_page, anchor)
        folder = from_page.rpartition("/")[0]
        link = self._links.get((folder, to_page))
        if link is None:
            link = self._links[(folder, to_page)] = relative_link(from_page, to_page)
        return f"{link}#{anchor}" if anchor else link

    def _name(self, key: Key) -> str:
        record = self.graph.record(key)
        if key.kind == "calls":
            return f"{record.title} ({display_date(record.date)})"
        if key.kind == "sources":
            return self.source_label(key.id)
        return record.name

    def source_label(self, source_id: str) -> str:
        """A source as a reader names it: outlet ("Outlet not stated"), headline if any, date."""
        source = self.corpus.get("sources", source_id)
        parts = [self.source_short(source_id)]
        if source.headline:
            parts.append(f"“{source.headline}”")
        parts.append(display_date(source.published) if source.published else "date not stated")
        return ", ".join(parts)

    def source_short(self, source_id: str) -> str:
        """The short form of a source's label: its outlet, and the outlet it republishes."""
        source = self.corpus.get("sources", source_id)
        outlet = source.outlet or "Outlet not stated"
        return f"{source.republished_from} via {outlet}" if source.republished_from else outlet

    def when(self, key: Key) -> Any:
        """A record's date: a call's or an event's (an event's may be partial, '2021-12'), a
        source's publication; None for the other kinds and for a source that states none."""
        record = self.graph.record(key)
        return getattr(record, "date", None) or getattr(record, "published", None)

    def first_call_date(self, key: Key) -> dt.date | None:
        """The date of the earliest call a source covers, by which an undated source is filed;
        None when it covers none."""
        dates = [self.corpus.get("calls", c).date for c in getattr(self.graph.record(key), "calls", [])]
        return min(dates) if dates else None

    def sort_key(self, key: Key) -> tuple:
        order = list(SECTIONS).index(key.kind)
        return (order, str(self.when(key) or ""), self.name(key).casefold(), key.id)

    def sorted_keys(self, keys: Iterable[Key]) -> list[Key]:
        return sorted(set(keys), key=self.sort_key)

    def backlinks(self, key: Key) -> list[tuple[str, list[Key]]]:
        """(heading, records) lists for a record's page, in a fixed order."""
        groups = self.graph.backlinks.get(key, {})
        mentioned = groups.get(MENTIONED, set())
        direct = {k for heading, keys in groups.items() if heading != MENTIONED for k in keys}
        named = {k for heading, keys in groups.items() if heading not in GENERIC_RELATIONS
                 and heading != CITED_AS_SPEAKER for k in keys}
        out = []
        for heading, keys in sorted(groups.items()):
            if heading in (MENTIONED, CITED_AS_SPEAKER):
                continue
            if heading in GENERIC_RELATIONS:
                keys = keys - named  # already listed under the relation that says why
            if keys:
                out.append((heading, self.sorted_keys(keys)))
        cited = groups.get(CITED_AS_SPEAKER, set())
        if cited:
            out.append((CITED_AS_SPEAKER, self.sorted_keys(cited)))
        rest = mentioned - direct
        if rest:
            out.append((MENTIONED, self.sorted_keys(rest)))
        return out

    def exact(self, source_id: str, words: str) -> str:
        """The words as the source prints them (curly quotes, dashes), found by folded match."""
        exact = self._exact.get((source_id, words))
        if exact is None:
            text = self.graph.texts[source_id]
            span = text.span(words)
            exact = self._exact[(source_id, words)] = text.original[span[0]:span[1]] if span else words
        return exact

    def keywords(self, key: Key) -> list[str]:
        """What else a reader may type to find the record: its aliases and, for a person, the
        titles of their roles. The page's search keywords (front matter `tags`, which the search
        index weighs above body text; see mkdocs.yml), in order, without repeats."""
        record = self.graph.record(key)
        words = [*getattr(record, "aliases", []), *(r.title for r in getattr(record, "roles", []))]
        return list(dict.fromkeys(words))

    def calls_of(self, key: Key) -> list[Key]:
        """Every call that refers to the record, in date order."""
        groups = self.graph.backlinks.get(key, {})
        calls = {k for keys in groups.values() for k in keys if k.kind == "calls"}
        return self.sorted_keys(calls)

    def quotes_by(self, actor: str) -> list[tuple[str, Quote]]:
        return list(self.quotes_of.get(actor, []))

    def quotes_by_speaker(self) -> list[tuple[str | None, list[tuple[str, Quote]]]]:
        """Every quote by speaker, named speakers by name, then the unnamed (None)."""
        groups = self.quotes_of
        named = sorted((k for k in groups if k), key=lambda a: self.corpus.get("actors", a).name.casefold())
        ordered: list[tuple[str | None, list[tuple[str, Quote]]]] = [(k, groups[k]) for k in named]
        if None in groups:
            ordered.append((None, groups[None]))
        return ordered

    def sources_of_call(self, call_id: str) -> list[str]:
        """Sources that cover a call: those listing it and those cited on its page."""
        found = self._sources_of_call.get(call_id)
        if found is None:
            listed = set(self.sources_listing.get(call_id, []))
            cited = {m.source for _, m in cited_models(self.corpus.get("calls", call_id))}
            found = self._sources_of_call[call_id] = sorted(listed | cited)
        return found
