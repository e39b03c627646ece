"""The corpus answers the questions a reader brings to it, and claims nothing it cannot cite.

Two kinds of test, kept apart so that a correct corpus update never turns one red:
- over the live corpus (`content/`, marked `content`, run by CI's content lane): generic rules
  that hold for every record, whatever the corpus holds;
- over the frozen seed corpus (`tests/fixtures/seed/`, a copy of the five seed articles and two
  calls): the specific facts a reader asks about, which a new call or source must not change.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

import pytest

from generator.core.compare import compare_corpus
from generator.core.link import Graph, cited_models
from generator.core.models import Quote
from generator.core.pipeline import validate

from .conftest import REAL, SEED


@lru_cache(maxsize=None)
def _graph(content: Path) -> Graph:
    return validate(content)


def _calls(content: Path) -> dict[dt.date, tuple[str, object]]:
    corpus = _graph(content).corpus
    return {c.date: (i, c) for i, c in ((i, corpus.get("calls", i)) for i in corpus.records["calls"])}


def _sources_by_text(content: Path) -> dict[str, tuple[str, object]]:
    corpus = _graph(content).corpus
    return {corpus.get("sources", i).text: (i, corpus.get("sources", i))
            for i in corpus.records["sources"]}


def _cited_sources(content: Path) -> dict[str, set[str]]:
    """Source id -> kinds of statements ('Citation', 'quote', 'FactReport') citing it."""
    corpus = _graph(content).corpus
    out: dict[str, set[str]] = {}
    for kind in corpus.records:
        for loaded in corpus.loaded(kind):
            for _, model in cited_models(loaded.record):
                what = "quote" if isinstance(model, Quote) else type(model).__name__
                out.setdefault(model.source, set()).add(what)
    return out


# --- the live corpus: generic rules, every record ------------------------------------------

@pytest.mark.content
def test_every_quote_names_its_speaker_or_describes_them():
    """A quote either names an actor or organization record or describes its unnamed speaker."""
    corpus = _graph(REAL).corpus
    for call in corpus.all("calls"):
        for quote in call.quotes:
            named = (quote.speaker in corpus.records["actors"]
                     or getattr(quote, "speaker_org", None) in corpus.records["organizations"])
            assert named or quote.speaker_as, quote.words


@pytest.mark.content
def test_every_call_page_keeps_its_when_rows_and_says_unknown_where_no_source_gives_them():
    """The facts box of every call has its start, end and duration rows; a row no source gives
    reads *Unknown* instead of disappearing."""
    from generator.core.render import Renderer

    graph = _graph(REAL)
    pages = Renderer(graph).pages()
    from generator.core.render.renderer import FACTS_BOX_UNKNOWN

    for call_id in graph.corpus.records["calls"]:
        page = pages[f"calls/{call_id}.md"]
        keys = {f.key for f in graph.corpus.get("calls", call_id).facts}
        for key, label in FACTS_BOX_UNKNOWN.items():
            if key not in keys:
                assert f"| {label} | *Unknown* |" in page, (call_id, key)


# --- the frozen seed corpus: what a reader asks of specific facts --------------------------

def test_both_december_2021_calls_are_there():
    """The 7 Dec video call and the 30 Dec phone call, ids starting with their dates."""
    calls = _calls(SEED)
    assert calls[dt.date(2021, 12, 7)][1].format == "video"
    assert calls[dt.date(2021, 12, 30)][1].format == "phone"


def test_all_five_articles_are_sources_and_each_is_cited_by_claims_and_quotes():
    """Every seed article has a source record, cited by at least one claim and one quote."""
    sources = _sources_by_text(SEED)
    assert len(sources) == 5
    cited = _cited_sources(SEED)
    for text, (source_id, _) in sources.items():
        assert {"Citation", "quote"} <= cited.get(source_id, set()), (text, cited.get(source_id))


@pytest.mark.parametrize("text,outlet,published,author_count", [
    ("texts/002_bb67c63f1bfaf407.txt", "The Floridian", dt.date(2021, 12, 30), 1),
    ("texts/003_9a1df4b803759629.txt", "The Washington Times", dt.date(2021, 12, 30), 2),
    ("texts/001_49ec8a37611b319d.txt", None, None, 0),
])
def test_source_metadata_follows_the_texts_and_leaves_unknowns_unknown(text, outlet, published,
                                                                       author_count):
    """Outlet, date and authors are what the texts give, and unknown where they give nothing."""
    _, source = _sources_by_text(SEED)[text]
    assert source.outlet == outlet
    assert source.published == published
    assert len(source.authors) == author_count
    assert source.url is None  # no article gives its URL


def test_a_reader_learns_when_how_long_where_and_who_asked():
    """Each seed call records its start and duration per source, each leader's location, and
    the 30 Dec call its end and requester."""
    calls = _calls(SEED)
    for _, (call_id, call) in calls.items():
        keys = {f.key for f in call.facts}
        assert {"start", "duration"} <= keys, call_id
        assert all(p.location for p in call.participants if p.actor == "joe-biden"), call_id
        assert call.positions and call.follow_ups and call.quotes, call_id
    _, december_30 = calls[dt.date(2021, 12, 30)]
    assert "end" in {f.key for f in december_30.facts}
    assert december_30.requested_by == "vladimir-putin"


def test_each_side_demands_and_warns():
    """Across the seed calls, both governments' demands and warnings are recorded."""
    calls = _calls(SEED).values()
    demands = {p.side for _, c in calls for p in c.positions if p.demands}
    warnings = {p.side for _, c in calls for p in c.positions if p.warnings}
    assert len(demands) >= 2 and len(warnings) >= 2, (demands, warnings)


def test_the_known_disagreements_are_recorded_side_by_side():
    """The 7 Dec duration and Putin's 'grave error' remark appear as disagreements."""
    graph = _graph(SEED)
    comparisons = compare_corpus(graph.corpus, graph.calls_in_order)
    disagreeing = {(c.call, c.key) for c in comparisons.disagreements()}
    december_7, _ = _calls(SEED)[dt.date(2021, 12, 7)]
    assert (december_7, "duration") in disagreeing
    remark_words = [v.value for c in comparisons.remarks if c.disagrees for v in c.versions]
    assert any("ancestors" in w for w in remark_words)
    assert any("descendants" in w for w in remark_words)


def test_the_facts_box_says_unknown_where_no_source_gives_the_end_of_the_call():
    """No article says when the 7 December call ended: the facts box keeps the row, as Unknown."""
    from generator.core.render import Renderer

    call_id, _ = _calls(SEED)[dt.date(2021, 12, 7)]
    page = Renderer(_graph(SEED)).pages()[f"calls/{call_id}.md"]
    assert "| When the call ended | *Unknown* |" in page
    assert "| When the call began | 10:07" in page
