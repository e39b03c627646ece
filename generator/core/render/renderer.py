"""Stage 4: render every page as Markdown from Jinja2 templates.

Decisions (what links where, what disagrees, what cites what) are made in Python, in `link` and
`compare` and in the builders here; the templates only lay the results out.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .. import changes, history
from ..compare import coverage_matrix
from ..link import Graph, Key, cited_models
from ..memo import RecordMemo
from ..models import LOCATION_FACT, FactReport, Quote, Timing
from ..redirects import redirects
from ..urls import SECTIONS, listing_path, redirect_page_path
from .backlinks import backlinks_index, backlinks_plan, listed, person_calls
from .changes_page import changes_plan, corrections_block
from .dates import display_date
from .listings import TimelineEntry, listing_index, listing_plan, timeline, timeline_entry
from .markup import Safe, environment
from .page import PageBuilder
from .sections import section_index, section_plan
from .site import Site
from .source_text import _mark_passages, _plain_html

if TYPE_CHECKING:
    from ..changes import Changelog

NOTES_BLOCK = ("## Notes { #notes data-search-exclude }\n\n"
               '<div class="notes" data-pagefind-ignore="all" markdown>\n\n'
               "///Footnotes Go Here///\n\n</div>")
"""Where Python-Markdown's footnotes extension puts the numbered notes of a page."""
HOME_CALLS = 4
"""How many of the latest calls the home page sets side by side."""
HOME_TIMELINE = 8
"""How many of the latest timeline entries the home page shows."""
USE_LABELS = {"claim": "Statement", "quote": "Quote", "fact": "Fact", "role": "Role",
              "location": "Location"}
FACTS_BOX_KEYS = ("start", "end", "duration")
"""Fact keys shown as rows of a call's facts box, in this order. A `location-<actor>` fact
replaces the participant's own location in the row saying where they were."""
FACTS_BOX_UNKNOWN = {"start": "When the call began", "end": "When the call ended",
                     "duration": "How long the call lasted"}
"""Rows the facts box always has: a reader sees *Unknown* when no source gives the fact."""
FRAGMENT_WORDS = 6
"""Quotes shorter than this many words ("decisively", "grave error") are fragments: listed inline
with the words around them, never given a quote card."""
WORD = re.compile(r"\w+")
LEAD_ON_HOME = 2
"""How many sentences of each call's lead the home page shows."""
FIELD_FACT_KEYS = ("format", "requested-by")
"""Fact keys whose citations back a typed field of the call (format, requested_by)."""


@dataclass
class UnknownFact:
    """A facts-box row no source gives: shown as *Unknown*, never left out."""

    key: str
    label: str
    versions: tuple = ()
    disagrees: bool = False
    consistent: bool = False
    variant: bool = False
    single_source: bool = False


KEY_QUOTE_TIMINGS = (Timing.during, Timing.after)
"""When a quote must have been said to be one of a call's key quotes."""


def is_fragment(quote: Quote) -> bool:
    """True for a quote too short to stand alone (see FRAGMENT_WORDS)."""
    return len(WORD.findall(quote.words)) < FRAGMENT_WORDS


_CITED: RecordMemo[list[tuple[str, int]]] = RecordMemo()
"""Per record, the sources it cites and how: 0 a claim, 1 a quote, 2 a fact (core/memo.py)."""


def _cited(record: Any) -> list[tuple[str, int]]:
    return [(model.source, 1 if isinstance(model, Quote) else 2 if isinstance(model, FactReport) else 0)
            for _, model in cited_models(record)]


class Renderer:
    """Renders every page of the site to Markdown: path -> text."""

    def __init__(self, graph: Graph, changelog: Changelog | None = None):
        self.site = Site(graph)
        if changelog is None:
            changelog = changes.changelog(graph, history.read_history(graph.corpus.root))
        self.history: dict[str, Changelog] = {"changelog": changelog}
        """What each publication changed (core/changes.py), by default from the history of the
        content the graph was loaded from; in a dict so that serve's dependency tracking
        (incremental.py) sees it change when a commit is made while it runs, and renders again
        what showed it."""
        self.env = environment()
        self._sources_of_call: dict[str, list[str]] = {}
        # Indexes built once from the whole corpus, so that each listing page reads only the
        # entries it shows (core/incremental.py tracks them per key).
        self.claim_rows: dict[str, tuple[str, int, int, int]] = {
            row[0]: row for row in self._count_claims()}
        """Source -> (source, claims citing it, quotes from it, facts it reports)."""
        self.listing_periods, self.listing_members = listing_index(self)
        """Listing name -> its periods' keys; period page path -> what it lists (listings.py)."""
        self.section_slugs, self.section_members = section_index(self)
        """Kind -> its index's parts; part page path -> the records it lists (sections.py)."""
        self.backlink_split, self.backlink_slugs, self.backlink_members = backlinks_index(self)
        """Record -> its split "Linked from" list; its parts' slugs; part page path -> what it
        lists (backlinks.py). Records with short lists are in none."""
        self.home_counts = self._count()
        """Records per kind, quotes, claims and conflicts, as the home page shows them."""
        self.env.globals.update(display_date=display_date, Key=Key, SECTIONS=SECTIONS,
                                use_labels=USE_LABELS, listing_path=listing_path,
                                linked_from=listed, person_calls=person_calls)

    def page(self, template: str, path: str, corrected: Key | None = None, **context: Any) -> str:
        builder = PageBuilder(self.site, path)
        text = self.env.get_template(template).render(
            p=builder, site=self.site, corpus=self.site.corpus, graph=self.site.graph, **context)
        if corrected is not None:
            # A record's corrections close its page, before its notes (newsroom style).
            block = corrections_block(builder, self.history["changelog"], corrected)
            if block:
                text = text.rstrip("\n") + "\n\n" + str(block)
        text, notes = builder.finish(text)
        if notes:
            # The notes under their own heading, which search leaves out (Material skips a
            # data-search-exclude heading's section; Pagefind skips data-pagefind-ignore).
            text = (text.rstrip("\n") + "\n\n" + NOTES_BLOCK + "\n\n" + str(notes) + "\n")
        return text

    def pages(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for path, make in self.plan().items():
            made = make()
            if isinstance(made, dict):
                out.update(made)
            else:
                out[path] = made
        return out

    def plan(self) -> dict[str, Callable[[], Any]]:
        """Every page of the site, each as a function that renders it (path -> render), so that
        `briefing serve` can render only the pages an edit changed (core/incremental.py)."""
        corpus = self.site.corpus
        out: dict[str, Callable[[], Any]] = {}
        out["index.md"] = lambda: self.page("home.md.j2", "index.md", **self.home())
        out.update(changes_plan(self))
        out.update(section_plan(self))
        for kind, section in SECTIONS.items():
            for id_ in list(corpus.records[kind]):
                key = Key(kind, id_)
                out[key.path] = functools.partial(self.record_page, key, section)
        out.update(listing_plan(self))
        out.update(backlinks_plan(self))
        for old, target in redirects(corpus).items():
            out[redirect_page_path(old.kind, old.id)] = functools.partial(
                self.page, "redirect.md.j2", redirect_page_path(old.kind, old.id), target=target)
        return out

    def record_page(self, key: Key, section: Any) -> str:
        context: dict[str, Any] = {"key": key, "record": self.site.graph.record(key),
                                   "split_backlinks": self.backlink_split.get(key)}
        if key.kind == "calls":
            context.update(self.call_context(key.id))
        elif key.kind == "sources":
            context["view"] = self.source_view(key.id)
        return self.page(f"{section.singular}.md.j2", key.path, corrected=key, **context)

    def home(self) -> dict[str, Any]:
        site = self.site
        # The home page stays the same size as the corpus grows: the latest calls only.
        calls = [Key("calls", c) for c in site.graph.calls_in_order[-HOME_CALLS:]]
        rows: dict[str, list[str]] = {"Date": [], "Format": [], "Participants": [],
                                      "Requested by": [], "Duration": [], "Sources": []}
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
        # What happened, in the lead's first sentences (the summary's when a call has no lead).
        happened = [(key, list((site.graph.record(key).lead or site.graph.record(key).summary)
                               [:LEAD_ON_HOME])) for key in reversed(calls)]
        # The latest timeline entries, from the last periods' members: the home page reads
        # those records only, not the whole timeline.
        latest: list[Key] = []
        for period in reversed(self.listing_periods["timeline"]):
            latest[:0] = self.listing_members[listing_path("timeline", period)]
            if len(latest) >= HOME_TIMELINE:
                break
        return {"calls": calls, "glance": glance, "counts": dict(self.home_counts),
                "happened": happened,
                "timeline": [timeline_entry(site, k) for k in latest[-HOME_TIMELINE:]]}

    def _count(self) -> dict[str, int]:
        """The home page's counts, built once from the whole corpus (an index, so that the home
        page is rendered again only when a count changes)."""
        corpus, site = self.site.corpus, self.site
        counts = {kind: len(corpus.records[kind]) for kind in SECTIONS}
        counts["quotes"] = sum(len(corpus.get("calls", c).quotes) for c in corpus.records["calls"])
        counts["claims"] = sum(row[1] for row in self.claim_counts())
        counts["disagreements"] = len(site.comparisons.disagreements())  # conflicts, each once
        return counts

    def call_context(self, call_id: str) -> dict[str, Any]:
        comparisons = self.site.comparisons.by_call.get(call_id, [])
        sources = self.sources_of_call(call_id)
        box: list[Any] = [c for c in comparisons if c.kind == "fact" and c.key in FACTS_BOX_KEYS]
        given = {c.key for c in box}
        box += [UnknownFact(key, label) for key, label in FACTS_BOX_UNKNOWN.items()
                if key not in given]
        box.sort(key=lambda c: (FACTS_BOX_KEYS.index(c.key) if c.key in FACTS_BOX_KEYS
                                else len(FACTS_BOX_KEYS), c.key))
        field_facts = {c.key: c for c in comparisons if c.key in FIELD_FACT_KEYS}
        locations = {c.key.removeprefix(LOCATION_FACT): c for c in comparisons
                     if c.kind == "fact" and c.key.startswith(LOCATION_FACT)}
        contributions = {}
        counts = self._contributions(call_id)
        for source in sources:
            claims, quotes, facts = counts.get(source, (0, 0, 0))
            parts = [f"{n} {word}{'s' if n != 1 else ''}" for n, word in
                     ((claims, "cited statement"), (quotes, "quote"), (facts, "fact")) if n]
            contributions[source] = ", ".join(parts) if parts else "listed as covering this call"
        call = self.site.corpus.get("calls", call_id)
        return {"comparisons": comparisons, "facts_box": box, "field_facts": field_facts,
                "key_quotes": self.key_quotes(call),
                "fragments": [q for q in call.quotes if is_fragment(q)],
                "full_quotes": [q for q in call.quotes if not is_fragment(q)],
                "locations": locations,
                # where the brief starts, for the skip link (theme/partials/header.html)
                "brief_anchor": "in-brief" if call.lead else "facts-box",
                "sources": sources,
                "contributions": contributions, "matrix": coverage_matrix(comparisons, sources)}

    def _contributions(self, call_id: str) -> dict[str, tuple[int, int, int]]:
        counts: dict[str, list[int]] = {}
        for _, model in cited_models(self.site.corpus.get("calls", call_id)):
            index = 1 if isinstance(model, Quote) else 2 if isinstance(model, FactReport) else 0
            counts.setdefault(model.source, [0, 0, 0])[index] += 1
        return {k: (v[0], v[1], v[2]) for k, v in counts.items()}

    # --- decisions the templates need -------------------------------------------------------

    def key_quotes(self, call: Any) -> list[Quote]:
        """The quote cards of the brief: for each side on the call, the longest quote (not a
        fragment) said in or after the call by someone whose role belongs to that side's
        organization or to one of its parts (a Kremlin aide speaks for the Russian government).
        A remark made before the call, or whose time the sources do not give, is not what the
        call produced: a side with none said in or after it gets no card."""
        chosen = []
        for side in dict.fromkeys(p.side for p in call.participants):
            spoken = [q for q in call.quotes if q.timing in KEY_QUOTE_TIMINGS
                      and not is_fragment(q) and side in self._sides_of(q)]
            if spoken:
                chosen.append(max(spoken, key=lambda q: len(WORD.findall(q.words))))
        return chosen

    def _sides_of(self, quote: Quote) -> set[str]:
        """Organizations a quote's speaker speaks for: the speaking organization, or those the
        speaking person's roles belong to, with every organization above them."""
        corpus, sides = self.site.corpus, set()
        if quote.speaker:
            starts = [role.organization for role in corpus.get("actors", quote.speaker).roles]
        else:
            starts = [getattr(quote, "speaker_org", None)]
        for org in starts:
            while org and org not in sides:
                sides.add(org)
                org = corpus.get("organizations", org).parent
        return sides

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
        return list(self.claim_rows.values())

    def _count_claims(self) -> list[tuple[str, int, int, int]]:
        rows: list[tuple[str, int, int, int]] = []
        counts = {s: [0, 0, 0] for s in self.site.corpus.records["sources"]}
        _CITED.start()
        for kind in SECTIONS:
            for loaded in self.site.corpus.loaded(kind):
                for source, index in _CITED.get(loaded.record, functools.partial(_cited, loaded.record)):
                    counts[source][index] += 1
        for source in sorted(counts):
            claims, quotes, facts = counts[source]
            rows.append((source, claims, quotes, facts))
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

    def timeline(self) -> list[TimelineEntry]:
        return timeline(self.site.corpus)

    def quotes_by_speaker(self) -> list[tuple[str | None, list[tuple[str, Quote]]]]:
        corpus = self.site.corpus
        groups = self.site.quotes_of
        named = sorted((k for k in groups if k), key=lambda a: corpus.get("actors", a).name.casefold())
        ordered: list[tuple[str | None, list[tuple[str, Quote]]]] = [(k, groups[k]) for k in named]
        if None in groups:
            ordered.append((None, groups[None]))
        return ordered
