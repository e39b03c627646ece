"""The pages of records and the home page: each a function of the site's indexes giving a
`Page` (builders.py), with the decisions their templates need: a call's facts box, key quotes,
fragments and sources' contributions, a source's marked text, the home page's latest calls."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..compare import coverage_matrix
from ..kinds import SECTIONS
from ..link import Key, cited_models
from ..models import LOCATION_FACT, FactReport, Quote, Timing
from ..urls import HOME, HOW_TO_READ, LISTINGS, PagePath, listing_index_path, listing_path, section_index_path
from .builders import Page, Planned
from .dates import display_date
from .indexes import SiteIndexes
from .listings import period_of, timeline_entry
from .markup import Safe
from .site import Site
from .source_text import _mark_passages, _plain_html
from .verdicts import call_comparisons

HOME_CALLS = 4
"""How many of the latest calls the home page sets side by side."""
HOME_TIMELINE = 8
"""How many of the latest timeline entries the home page shows."""
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


HOME_LINKS: dict[str, PagePath] = {
    "calls": section_index_path("calls"), "how_to_read": HOW_TO_READ,
    **{name: listing_index_path(name) for name in ("disagreements", "timeline", "quotes", "coverage")}}
"""The pages the home page links to by name."""
KEY_QUOTE_TIMINGS = (Timing.during, Timing.after)
"""When a quote must have been said to be one of a call's key quotes."""


def is_fragment(quote: Quote) -> bool:
    """True for a quote too short to stand alone (see FRAGMENT_WORDS)."""
    return len(WORD.findall(quote.words)) < FRAGMENT_WORDS



def record_pages(ix: SiteIndexes) -> Iterator[Planned]:
    for kind in SECTIONS:
        for id_ in list(ix.site.corpus.records[kind]):
            key = Key(kind, id_)
            yield key.path, functools.partial(record_page, ix, key), f"the record {kind}/{id_}"


def record_page(ix: SiteIndexes, key: Key) -> Page:
    context: dict[str, Any] = {"key": key, "record": ix.site.graph.record(key),
                               "split_backlinks": ix.backlink_split.get(key)}
    if key.kind == "calls":
        context.update(call_context(ix.site, key.id))
    elif key.kind == "sources":
        context["view"] = source_view(ix.site, key.id)
    elif key.kind == "events":  # the timeline's period that lists it
        context["timeline_page"] = listing_path(
            "timeline", period_of(context["record"].date, LISTINGS["timeline"]))
    return Page(f"{SECTIONS[key.kind].singular}.md.j2", key.path, context, corrected=key)


def home_page(ix: SiteIndexes) -> Page:
    site = ix.site
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
        who = call.requester()
        rows["Requested by"].append(site.name(Key(*who)) if who else "Unknown")
        durations = [c for c in site.comparisons.by_call[key.id] if c.key == "duration"]
        rows["Duration"].append(" / ".join(v.value for v in durations[0].versions)
                                if durations else "Unknown")
        rows["Sources"].append(str(len(site.sources_of_call(key.id))))
    glance = list(rows.items())
    # What happened, in the lead's first sentences (the summary's when a call has no lead).
    happened = [(key, list((site.graph.record(key).lead or site.graph.record(key).summary)
                           [:LEAD_ON_HOME])) for key in reversed(calls)]
    # The latest timeline entries, from the last periods' members: the home page reads
    # those records only, not the whole timeline.
    latest: list[Key] = []
    for period in reversed(ix.listing_periods["timeline"]):
        latest[:0] = ix.listing_members[listing_path("timeline", period)]
        if len(latest) >= HOME_TIMELINE:
            break
    return Page("home.md.j2", HOME, {
        "calls": calls, "glance": glance, "counts": dict(ix.home_counts), "happened": happened,
        "pages": HOME_LINKS, "timeline": [timeline_entry(site, k) for k in latest[-HOME_TIMELINE:]]})


def call_context(site: Site, call_id: str) -> dict[str, Any]:
    comparisons = site.comparisons.by_call.get(call_id, [])
    sources = site.sources_of_call(call_id)
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
    counts = _contributions(site, call_id)
    for source in sources:
        claims, quotes, facts = counts.get(source, (0, 0, 0))
        parts = [f"{n} {word}{'s' if n != 1 else ''}" for n, word in
                 ((claims, "cited statement"), (quotes, "quote"), (facts, "fact")) if n]
        contributions[source] = ", ".join(parts) if parts else "listed as covering this call"
    call = site.corpus.get("calls", call_id)
    return {"comparisons": comparisons, "comparison_groups": call_comparisons(comparisons),
            "facts_box": box, "field_facts": field_facts,
            "key_quotes": key_quotes(site, call),
            "fragments": [q for q in call.quotes if is_fragment(q)],
            "full_quotes": [q for q in call.quotes if not is_fragment(q)],
            "locations": locations,
            # where the brief starts, for the skip link (theme/partials/header.html)
            "brief_anchor": "in-brief" if call.lead else "facts-box",
            "sources": sources,
            "contributions": contributions, "matrix": coverage_matrix(comparisons, sources)}



def _contributions(site: Site, call_id: str) -> dict[str, tuple[int, int, int]]:
    counts: dict[str, list[int]] = {}
    for _, model in cited_models(site.corpus.get("calls", call_id)):
        index = 1 if isinstance(model, Quote) else 2 if isinstance(model, FactReport) else 0
        counts.setdefault(model.source, [0, 0, 0])[index] += 1
    return {k: (v[0], v[1], v[2]) for k, v in counts.items()}



def key_quotes(site: Site, call: Any) -> list[Quote]:
    """The quote cards of the brief: for each side on the call, the longest quote (not a
    fragment) said in or after the call by someone whose role belongs to that side's
    organization or to one of its parts (a Kremlin aide speaks for the Russian government).
    A remark made before the call, or whose time the sources do not give, is not what the
    call produced: a side with none said in or after it gets no card."""
    chosen = []
    for side in dict.fromkeys(p.side for p in call.participants):
        spoken = [q for q in call.quotes if q.timing in KEY_QUOTE_TIMINGS
                  and not is_fragment(q) and side in _sides_of(site, q)]
        if spoken:
            chosen.append(max(spoken, key=lambda q: len(WORD.findall(q.words))))
    return chosen



def _sides_of(site: Site, quote: Quote) -> set[str]:
    """Organizations a quote's speaker speaks for: the speaking organization, or those the
    speaking person's roles belong to, with every organization above them."""
    corpus, sides = site.corpus, set()
    if quote.speaker:
        starts = [role.organization for role in corpus.get("actors", quote.speaker).roles]
    else:
        starts = [getattr(quote, "speaker_org", None)]
    for org in starts:
        while org and org not in sides:
            sides.add(org)
            org = corpus.get("organizations", org).parent
    return sides



def source_view(site: Site, source_id: str) -> dict[str, Any]:
    """The verbatim text as HTML paragraphs with cited passages marked and anchored."""
    graph = site.graph
    text = graph.texts[source_id]
    passages = sorted(graph.passages[source_id].values(), key=lambda p: (p.start, p.end, p.anchor))
    body_end = text.origin[text.body_end] if text.body_end < len(text.folded) else len(text.original)
    body = _mark_passages(text.original[:body_end], passages)
    boilerplate = text.original[body_end:]
    return {"body": Safe(body), "boilerplate": boilerplate.strip(),
            "boilerplate_html": Safe(_plain_html(boilerplate.strip())), "passages": passages}
