"""Markdown helpers bound to one page: relative links, prose with wiki-links, numbered citations."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Iterable

from ..link import WIKILINK, Key, passage_anchor, resolve_wikilink
from ..models import Attribution, Quote
from .dates import display_date
from .markup import Safe, _anchor_id, escape
from .site import ATTRIBUTION_TEXT, Site


@dataclass
class Note:
    number: int
    citation: Any
    """A Citation or FactReport or Quote (all have source and a passage)."""


@dataclass
class PageBuilder:
    """Markdown helpers bound to one page: relative links and its numbered citations."""

    site: Site
    path: str
    notes: dict[tuple, Note] = field(default_factory=dict)

    # links
    def href(self, key: Key, anchor: str = "") -> Safe:
        return Safe(self.site.link(self.path, key.path, anchor))

    def page_href(self, path: str, anchor: str = "") -> Safe:
        return Safe(self.site.link(self.path, path, anchor))

    def ref(self, kind: str, id: str, label: str | None = None) -> Safe:
        # The most frequent helper (25 per page): remembered per folder of the linking page,
        # like the relative links it is made of. A page's link to itself differs, so it is not.
        remembered = (self.path.rpartition("/")[0], kind, id, label)
        text = self.site.refs.get(remembered)
        if text is None:
            key = Key(kind, id)
            text = f"[{escape(label or self.site.name(key))}]({self.href(key)})"
            if key.path != self.path:
                self.site.refs[remembered] = text
        return Safe(text)

    def key(self, key: Key, label: str | None = None) -> Safe:
        return self.ref(key.kind, key.id, label)

    def refs(self, kind: str, ids: Iterable[str]) -> Safe:
        return Safe(", ".join(self.ref(kind, i) for i in ids))

    # text
    def prose(self, text: str | None) -> Safe:
        """Curated text with its [[wiki-links]] made into links and everything else escaped."""
        if not text:
            return Safe("")
        out, last = [], 0
        for match in WIKILINK.finditer(text):
            out.append(escape(text[last:match.start()]))
            key, _ = resolve_wikilink(match.group(1), self.site.corpus)
            label = match.group(2) or (self.site.name(key) if key else match.group(1))
            out.append(f"[{escape(label)}]({self.href(key)})" if key else escape(label))
            last = match.end()
        out.append(escape(text[last:]))
        return Safe("".join(out).strip())

    def join(self, items: Iterable[str], separator: str = ", ") -> Safe:
        """Curated strings, each escaped, joined."""
        return Safe(separator.join(escape(item) for item in items))

    def attributed(self, citations: Iterable[Any]) -> Safe:
        """Inline note of whom the sources attribute a statement to, when not the outlet itself.

        A statement resting partly on the outlets' own reporting says "in part", so that one tag
        never lends an official's voice to the whole of it (each footnote names its own voice);
        an unnamed group speaks for itself: "Republicans said"."""
        parts: list[str] = []
        own = False
        for citation in citations:
            if isinstance(citation, Quote):
                continue
            if citation.attribution == Attribution.outlet:
                own = True
                continue
            if citation.speaker:
                part = str(self.ref("actors", citation.speaker))  # plain str: no HTML-escaping "+"
                if citation.as_:
                    part += ", " + escape(citation.as_)
            else:
                part = escape(citation.as_ or ATTRIBUTION_TEXT[citation.attribution])
            if citation.attribution == Attribution.group:
                part = ("group", part)
            if part not in parts:
                parts.append(part)
        if not parts:
            return Safe("")
        said = [f"{p[1]} said" for p in parts if isinstance(p, tuple)]
        according = [p for p in parts if not isinstance(p, tuple)]
        pieces = ([f"according to {'; '.join(according)}"] if according else []) + said
        return Safe(f" *({'in part: ' if own else ''}{'; '.join(pieces)})*")

    def field_cites(self, comparison: Any) -> Safe:
        """Citations of a fact backing a typed field, with a pointer when sources disagree."""
        if comparison is None:
            return Safe("")
        marks = str(self.cite(r for v in comparison.versions for r in v.reports))
        return Safe(marks + self.outcome_mark(comparison))

    def outcome_mark(self, comparison: Any) -> Safe:
        """The pointer from a fact's value to its comparison: only a conflict is a disagreement."""
        if comparison is None:
            return Safe("")
        if comparison.disagrees:
            return Safe(f" — [sources disagree](#{_anchor_id(comparison.anchor)})")
        if comparison.consistent:
            return Safe(f" — [stated differently, consistent](#{_anchor_id(comparison.anchor)})")
        if comparison.single_source:
            return Safe(" (one source)")
        return Safe("")

    def known(self, value: Any) -> Safe:
        """A value, or *Unknown* when the sources do not give it."""
        if value is None or value == "" or value == []:
            return Safe("*Unknown*")
        if isinstance(value, dt.date):
            return Safe(escape(display_date(value)))
        return Safe(escape(str(value)))

    # citations
    def cite(self, citations: Iterable[Any]) -> Safe:
        """Footnote markers for a claim's citations, numbered per page like Wikipedia's."""
        marks = []
        for citation in citations:
            passage = citation.words if isinstance(citation, Quote) else citation.passage
            ident = (citation.source, passage, self.attribution(citation))
            note = self.notes.get(ident)
            if note is None:
                note = self.notes[ident] = Note(len(self.notes) + 1, citation)
            marks.append(f"[^{note.number}]")
        return Safe("".join(marks))

    def attribution(self, citation: Any) -> str:
        """Plain-text statement of to whom the source attributes a statement."""
        if isinstance(citation, Quote):
            return ""
        who = citation.as_
        if citation.speaker:
            who = self.site.name(Key("actors", citation.speaker)) + (f", {who}" if who else "")
        text = ATTRIBUTION_TEXT[citation.attribution]
        return f"{text}: {who}" if who else text

    def footnotes(self) -> Safe:
        """The numbered reference list; each entry links to the passage on the source page."""
        lines = []
        for note in sorted(self.notes.values(), key=lambda n: n.number):
            citation = note.citation
            passage = citation.words if isinstance(citation, Quote) else citation.passage
            href = self.href(Key("sources", citation.source), passage_anchor(passage))
            label = escape(self.site.source_label(citation.source))
            attribution = self.attribution(citation)
            said = f" Attributed to {escape(attribution)}." if attribution else ""
            lines.append(f"[^{note.number}]: [{label}]({href}): “{escape(passage)}”{said}")
        return Safe("\n".join(lines))
