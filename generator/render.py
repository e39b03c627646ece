"""Stage 3: render every page as Markdown from Jinja2 templates.

Decisions (what links where, what disagrees, what cites what) are made in Python, in `link` and
`compare` and in the page builders below; the templates only lay the results out. Any plain
string a template prints is escaped by the environment's `finalize`, so curated text can never
become markup by accident; helpers that build Markdown return `Safe` strings.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from typing import Any, Iterable

import jinja2
from markupsafe import Markup

from .compare import Comparisons, compare_corpus, coverage_matrix
from .link import (CITED_AS_SPEAKER, MENTIONED, WIKILINK, Graph, Key, cited_models, passage_anchor,
                   resolve_wikilink)
from . import markdown_text
from .markdown_text import escape_html, front_matter_title, relative_link
from .models import URL_PATTERN, Attribution, FactReport, Quote
from .urls import SECTIONS

HOME_CALLS = 4
"""How many of the latest calls the home page sets side by side."""
USE_LABELS = {"claim": "Statement", "quote": "Quote", "fact": "Fact", "role": "Role",
              "location": "Location"}
FACTS_BOX_KEYS = ("start", "end", "duration")
FACTS_BOX_UNKNOWN = {"start": "When the call began", "end": "When the call ended",
                     "duration": "How long the call lasted"}
"""Rows the facts box always has: a reader sees *Unknown* when no source gives the fact."""
"""Fact keys shown as rows of a call's facts box, in this order. A `location-<actor>` fact
replaces the participant's own location in the row saying where they were."""
FIELD_FACT_KEYS = ("format", "requested-by")
"""Fact keys whose citations back a typed field of the call (format, requested_by)."""


escape = functools.lru_cache(maxsize=1 << 16)(markdown_text.escape)
"""markdown_text.escape, remembered: the same names, labels and passages recur on many pages."""


class Safe(Markup):
    """Markdown built by the generator; printed as is."""

    def __new__(cls, base: Any = "", encoding: str | None = None, errors: str = "strict") -> "Safe":
        if encoding is None and isinstance(base, str):
            return str.__new__(cls, base)  # what Markup does for text, without its checks
        return super().__new__(cls, base, encoding, errors)


def _finalize(value: Any) -> Any:
    """Markdown-escape every plain string a template prints (autoescape then leaves it alone).

    Macros return Markup and helpers return Safe, so generated Markdown passes through; Jinja's
    own `join` filter must not be used on curated text (it only HTML-escapes): use `p.join`.
    """
    if value is None:
        return Safe("")
    if isinstance(value, Markup):
        return value
    if isinstance(value, str):
        return Safe(escape(value))
    return value


def _anchor_id(value: str) -> Safe:
    """An HTML id made by the generator (ids are [a-z0-9-] by validation); printed unescaped."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", value):
        raise ValueError(f"not a safe anchor id: {value!r}")
    return Safe(value)


def _url(value: str) -> Safe:
    """A curated URL as a link target: only http(s) URLs without Markdown-special characters
    pass validation (models.URL_PATTERN), so it can be printed as is."""
    if not re.fullmatch(URL_PATTERN, value):
        raise ValueError(f"not a safe URL: {value!r}")
    return Safe(value)


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # templates do not change during a run: no stat() per page
    )
    env.filters["anchor"] = _anchor_id
    env.filters["page_title"] = lambda value: Safe(front_matter_title(value))
    env.filters["url"] = _url
    return env


@functools.lru_cache(maxsize=1 << 12)
def display_date(value: dt.date | str | None) -> str:
    """'7 December 2021' from a date or a partial date string."""
    if value is None:
        return "Unknown"
    if isinstance(value, dt.date):
        return f"{value.day} {value:%B %Y}"
    parts = value.split("-")
    months = ["January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December"]
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        return f"{months[int(parts[1]) - 1]} {parts[0]}"
    return f"{int(parts[2])} {months[int(parts[1]) - 1]} {parts[0]}"


ATTRIBUTION_TEXT = {
    Attribution.outlet: "the outlet's own reporting",
    Attribution.on_record: "on the record",
    Attribution.readout: "an official readout",
    Attribution.anonymous: "an anonymous official",
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
        source = self.corpus.get("sources", source_id)
        outlet = source.outlet or "Unknown outlet"
        if source.republished_from:
            outlet = f"{source.republished_from} via {outlet}"
        title = f"“{source.headline}”" if source.headline else "untitled report"
        date = display_date(source.published) if source.published else "date unknown"
        return f"{outlet}: {title}, {date}"

    def source_short(self, source_id: str) -> str:
        source = self.corpus.get("sources", source_id)
        outlet = source.outlet or "Unknown outlet"
        return f"{source.republished_from} via {outlet}" if source.republished_from else outlet

    def sort_key(self, key: Key) -> tuple:
        record = self.graph.record(key)
        order = list(SECTIONS).index(key.kind)
        when = getattr(record, "date", None) or getattr(record, "published", None) or ""
        return (order, str(when), self.name(key).casefold(), key.id)

    def sorted_keys(self, keys: Iterable[Key]) -> list[Key]:
        return sorted(set(keys), key=self.sort_key)

    def backlinks(self, key: Key) -> list[tuple[str, list[Key]]]:
        """(heading, records) lists for a record's page, in a fixed order."""
        groups = self.graph.backlinks.get(key, {})
        mentioned = groups.get(MENTIONED, set())
        direct = {k for heading, keys in groups.items() if heading != MENTIONED for k in keys}
        out = [(heading, self.sorted_keys(keys)) for heading, keys in sorted(groups.items())
               if heading not in (MENTIONED, CITED_AS_SPEAKER)]
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


@dataclass
class UnknownFact:
    """A facts-box row no source gives: shown as *Unknown*, never left out."""

    key: str
    label: str
    versions: tuple = ()
    disagrees: bool = False


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
        """Inline note of whom the sources attribute a statement to, when not the outlet itself."""
        parts: list[str] = []
        for citation in citations:
            if isinstance(citation, Quote) or citation.attribution == Attribution.outlet:
                continue
            if citation.speaker:
                part = str(self.ref("actors", citation.speaker))  # plain str: no HTML-escaping "+"
                if citation.as_:
                    part += ", " + escape(citation.as_)
            else:
                part = escape(citation.as_ or ATTRIBUTION_TEXT[citation.attribution])
            if part not in parts:
                parts.append(part)
        return Safe(f" *(according to {'; '.join(parts)})*" if parts else "")

    def field_cites(self, comparison: Any) -> Safe:
        """Citations of a fact backing a typed field, with a pointer when sources disagree."""
        if comparison is None:
            return Safe("")
        marks = str(self.cite(r for v in comparison.versions for r in v.reports))
        if comparison.disagrees:
            marks += f" — [sources disagree](#{_anchor_id(comparison.anchor)})"
        return Safe(marks)

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


class Renderer:
    """Renders every page of the site to Markdown: path -> text."""

    def __init__(self, graph: Graph):
        self.site = Site(graph)
        self.env = environment()
        self._claim_counts: list[tuple[str, int, int, int]] | None = None
        self._sources_of_call: dict[str, list[str]] = {}
        self.env.globals.update(display_date=display_date, Key=Key, SECTIONS=SECTIONS,
                                use_labels=USE_LABELS)

    def page(self, template: str, path: str, **context: Any) -> str:
        builder = PageBuilder(self.site, path)
        text = self.env.get_template(template).render(
            p=builder, site=self.site, corpus=self.site.corpus, graph=self.site.graph, **context)
        notes = builder.footnotes()
        if notes:
            text = text.rstrip("\n") + "\n\n" + str(notes) + "\n"
        return text

    def pages(self) -> dict[str, str]:
        site, corpus = self.site, self.site.corpus
        out: dict[str, str] = {}
        comparisons = site.comparisons
        out["index.md"] = self.page("home.md.j2", "index.md", **self.home())
        for kind, section in SECTIONS.items():
            keys = site.sorted_keys(Key(kind, i) for i in corpus.records[kind])
            out[f"{kind}/index.md"] = self.page("section.md.j2", f"{kind}/index.md",
                                                kind=kind, section=section, keys=keys)
            for key in keys:
                context: dict[str, Any] = {"key": key, "record": site.graph.record(key)}
                if kind == "calls":
                    context.update(self.call_context(key.id))
                elif kind == "sources":
                    context["view"] = self.source_view(key.id)
                out[key.path] = self.page(f"{section.singular}.md.j2", key.path, **context)
        out["timeline.md"] = self.page("timeline.md.j2", "timeline.md", entries=self.timeline())
        out["quotes.md"] = self.page("quotes.md.j2", "quotes.md", speakers=self.quotes_by_speaker())
        out["disagreements.md"] = self.page("disagreements.md.j2", "disagreements.md",
                                            comparisons=comparisons)
        out["coverage.md"] = self.page(
            "coverage.md.j2", "coverage.md",
            matrices=[(c, coverage_matrix(comparisons.by_call[c], self.sources_of_call(c)))
                      for c in site.graph.calls_in_order],
            claims=self.claim_counts())
        return out

    def home(self) -> dict[str, Any]:
        site, corpus = self.site, self.site.corpus
        # The home page stays the same size as the corpus grows: the latest calls only.
        calls = [Key("calls", c) for c in site.graph.calls_in_order[-HOME_CALLS:]]
        rows = {"Date": [], "Format": [], "Participants": [], "Requested by": [],
                "Duration": [], "Sources": []}
        for key in calls:
            call = site.graph.record(key)
            rows["Date"].append(display_date(call.date))
            rows["Format"].append(call.format)
            rows["Participants"].append(", ".join(
                site.name(Key("actors", p.actor)) for p in call.participants))
            rows["Requested by"].append(
                site.name(Key("actors", call.requested_by)) if call.requested_by else "Unknown")
            durations = [c for c in site.comparisons.by_call[key.id] if c.key == "duration"]
            rows["Duration"].append(" / ".join(v.value for v in durations[0].versions)
                                    if durations else "Unknown")
            rows["Sources"].append(str(len(self.sources_of_call(key.id))))
        glance = list(rows.items())
        counts = {kind: len(corpus.records[kind]) for kind in SECTIONS}
        counts["quotes"] = sum(len(corpus.get("calls", c).quotes) for c in corpus.records["calls"])
        counts["claims"] = sum(row[1] for row in self.claim_counts())
        counts["disagreements"] = len(site.comparisons.disagreements()) + sum(
            1 for r in site.comparisons.remarks if r.disagrees and r.call is None)
        return {"calls": calls, "glance": glance, "counts": counts, "timeline": self.timeline()[-8:]}

    def call_context(self, call_id: str) -> dict[str, Any]:
        comparisons = self.site.comparisons.by_call.get(call_id, [])
        sources = self.sources_of_call(call_id)
        box = [c for c in comparisons if c.kind == "fact" and c.key in FACTS_BOX_KEYS]
        given = {c.key for c in box}
        box += [UnknownFact(key, label) for key, label in FACTS_BOX_UNKNOWN.items()
                if key not in given]
        box.sort(key=lambda c: (FACTS_BOX_KEYS.index(c.key) if c.key in FACTS_BOX_KEYS
                                else len(FACTS_BOX_KEYS), c.key))
        field_facts = {c.key: c for c in comparisons if c.key in FIELD_FACT_KEYS}
        locations = {c.key.removeprefix("location-"): c for c in comparisons
                     if c.kind == "fact" and c.key.startswith("location-")}
        contributions = {}
        counts = self._contributions(call_id)
        for source in sources:
            claims, quotes, facts = counts.get(source, (0, 0, 0))
            parts = [f"{n} {word}{'s' if n != 1 else ''}" for n, word in
                     ((claims, "cited statement"), (quotes, "quote"), (facts, "fact")) if n]
            contributions[source] = ", ".join(parts) if parts else "listed as covering this call"
        return {"comparisons": comparisons, "facts_box": box, "field_facts": field_facts,
                "locations": locations,
                "sources": sources,
                "contributions": contributions, "matrix": coverage_matrix(comparisons, sources)}

    def _contributions(self, call_id: str) -> dict[str, tuple[int, int, int]]:
        counts: dict[str, list[int]] = {}
        for _, model in cited_models(self.site.corpus.get("calls", call_id)):
            index = 1 if isinstance(model, Quote) else 2 if isinstance(model, FactReport) else 0
            counts.setdefault(model.source, [0, 0, 0])[index] += 1
        return {k: tuple(v) for k, v in counts.items()}

    # --- decisions the templates need -------------------------------------------------------

    def sources_of_call(self, call_id: str) -> list[str]:
        """Sources that cover a call: those listing it and those cited on its page."""
        if call_id not in self._sources_of_call:
            self._sources_of_call[call_id] = self._find_sources_of_call(call_id)
        return self._sources_of_call[call_id]

    def _find_sources_of_call(self, call_id: str) -> list[str]:
        corpus = self.site.corpus
        listed = set(self.site.sources_listing.get(call_id, []))
        call = corpus.get("calls", call_id)
        cited = {m.source for _, m in cited_models(call)}
        return sorted(listed | cited)

    def claim_counts(self) -> list[tuple[str, int, int, int]]:
        """(source, claims citing it, quotes from it, facts it reports) per source."""
        if self._claim_counts is None:
            self._claim_counts = self._count_claims()
        return self._claim_counts

    def _count_claims(self) -> list[tuple[str, int, int, int]]:
        rows = []
        counts = {s: [0, 0, 0] for s in self.site.corpus.records["sources"]}
        for kind in SECTIONS:
            for loaded in self.site.corpus.loaded(kind):
                for _, model in cited_models(loaded.record):
                    index = 1 if isinstance(model, Quote) else 2 if isinstance(model, FactReport) else 0
                    counts[model.source][index] += 1
        for source in sorted(counts):
            rows.append((source, *counts[source]))
        return rows

    def source_view(self, source_id: str) -> dict[str, Any]:
        """The verbatim text as HTML paragraphs with cited passages marked and anchored."""
        graph = self.site.graph
        text = graph.texts[source_id]
        passages = sorted(graph.passages[source_id].values(), key=lambda p: (p.start, p.end, p.anchor))
        body_end = text.origin[text.body_end] if text.body_end < len(text.folded) else len(text.original)
        body = _mark_passages(text.original[:body_end], passages)
        boilerplate = text.original[body_end:]
        return {"body": Safe(body), "boilerplate": boilerplate.strip(),
                "boilerplate_html": Safe(_plain_html(boilerplate.strip())), "passages": passages}

    def timeline(self) -> list[tuple[str, Key]]:
        corpus = self.site.corpus
        entries = [(c.date.isoformat(), Key("calls", i)) for i, c in
                   ((i, corpus.get("calls", i)) for i in corpus.records["calls"])]
        entries += [(corpus.get("events", i).date, Key("events", i)) for i in corpus.records["events"]]
        return sorted(entries, key=lambda e: (e[0], e[1].kind, e[1].id))

    def quotes_by_speaker(self) -> list[tuple[str | None, list[tuple[str, Quote]]]]:
        corpus = self.site.corpus
        groups = self.site.quotes_of
        named = sorted((k for k in groups if k), key=lambda a: corpus.get("actors", a).name.casefold())
        ordered: list[tuple[str | None, list[tuple[str, Quote]]]] = [(k, groups[k]) for k in named]
        if None in groups:
            ordered.append((None, groups[None]))
        return ordered


def _mark_passages(text: str, passages: list[Any]) -> str:
    """HTML for a source body: one <p> per paragraph, cited spans in <mark>, anchors at starts."""
    starts: dict[int, list[str]] = {}
    bounds = {0, len(text)}
    for p in passages:
        starts.setdefault(p.start, []).append(p.anchor)
        bounds.update((p.start, p.end))
    cuts = sorted(b for b in bounds if 0 <= b <= len(text))
    pieces = []
    for a, b in zip(cuts, cuts[1:]):
        covered = any(p.start <= a and b <= p.end for p in passages)
        for anchor in sorted(starts.get(a, [])):
            pieces.append(("anchor", anchor))
        pieces.append(("mark" if covered else "text", text[a:b]))
    html_parts = []
    for kind, value in pieces:
        if kind == "anchor":
            html_parts.append(f'<span class="cite-anchor" id="{value}"></span>')
        else:
            chunks = value.split("\n\n")
            rendered = []
            for chunk in chunks:
                escaped = escape_html(chunk).replace("\n", "<br>")
                rendered.append(f'<mark class="cited">{escaped}</mark>' if kind == "mark" and chunk.strip() else escaped)
            html_parts.append("</p><p>".join(rendered))
    body = "".join(html_parts).strip()
    return f'<div class="verbatim" markdown="0"><p>{body}</p></div>'


def _plain_html(text: str) -> str:
    """Uncited text as one raw HTML line (safe inside an indented admonition)."""
    paragraphs = [escape_html(part).replace("\n", "<br>") for part in text.split("\n\n") if part.strip()]
    return '<div class="verbatim boilerplate" markdown="0"><p>' + "</p><p>".join(paragraphs) + "</p></div>"
