"""The real corpus answers the questions a reader brings to it, and claims nothing it cannot cite."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.core.compare import compare_corpus
from generator.core.link import cited_models
from generator.core.models import Quote
from generator.core.pipeline import validate

from .conftest import REAL

GRAPH = validate(REAL)
CORPUS = GRAPH.corpus
CALLS = {c.date: (i, c) for i, c in ((i, CORPUS.get("calls", i)) for i in CORPUS.records["calls"])}
SOURCES_BY_TEXT = {CORPUS.get("sources", i).text: (i, CORPUS.get("sources", i))
                   for i in CORPUS.records["sources"]}


def _cited_sources(kind_filter=None) -> dict[str, set[str]]:
    """Source id -> kinds of statements ('claim', 'quote', 'fact') citing it."""
    out: dict[str, set[str]] = {}
    for kind in CORPUS.records:
        for loaded in CORPUS.loaded(kind):
            for _, model in cited_models(loaded.record):
                what = "quote" if isinstance(model, Quote) else type(model).__name__
                out.setdefault(model.source, set()).add(what)
    return out


def test_both_december_2021_calls_are_there():
    """The 7 Dec video call and the 30 Dec phone call, ids starting with their dates."""
    assert CALLS[dt.date(2021, 12, 7)][1].format == "video"
    assert CALLS[dt.date(2021, 12, 30)][1].format == "phone"


def test_all_five_articles_are_sources_and_each_is_cited_by_claims_and_quotes():
    """Every seed article has a source record, cited by at least one claim and one quote."""
    assert len(SOURCES_BY_TEXT) == 5
    cited = _cited_sources()
    for text, (source_id, _) in SOURCES_BY_TEXT.items():
        assert {"Citation", "quote"} <= cited.get(source_id, set()), (text, cited.get(source_id))


@pytest.mark.parametrize("text,outlet,published,author_count", [
    ("texts/002_bb67c63f1bfaf407.txt", "The Floridian", dt.date(2021, 12, 30), 1),
    ("texts/003_9a1df4b803759629.txt", "The Washington Times", dt.date(2021, 12, 30), 2),
    ("texts/001_49ec8a37611b319d.txt", None, None, 0),
])
def test_source_metadata_follows_the_texts_and_leaves_unknowns_unknown(text, outlet, published,
                                                                       author_count):
    """Outlet, date and authors are what the texts give, and unknown where they give nothing."""
    _, source = SOURCES_BY_TEXT[text]
    assert source.outlet == outlet
    assert source.published == published
    assert len(source.authors) == author_count
    assert source.url is None  # no article gives its URL


def test_a_reader_learns_when_how_long_where_and_who_asked():
    """Each call records its start and duration per source, each leader's location, and the
    30 Dec call its end and requester."""
    for _, (call_id, call) in CALLS.items():
        keys = {f.key for f in call.facts}
        assert {"start", "duration"} <= keys, call_id
        assert all(p.location for p in call.participants if p.actor == "joe-biden"), call_id
        assert call.positions and call.follow_ups and call.quotes, call_id
    _, december_30 = CALLS[dt.date(2021, 12, 30)]
    assert "end" in {f.key for f in december_30.facts}
    assert december_30.requested_by == "vladimir-putin"


def test_each_side_demands_and_warns():
    """Across the calls, both governments' demands and warnings are recorded."""
    demands = {p.side for _, c in CALLS.values() for p in c.positions if p.demands}
    warnings = {p.side for _, c in CALLS.values() for p in c.positions if p.warnings}
    assert len(demands) >= 2 and len(warnings) >= 2, (demands, warnings)


def test_the_known_disagreements_are_recorded_side_by_side():
    """The 7 Dec duration and Putin's 'grave error' remark appear as disagreements."""
    comparisons = compare_corpus(CORPUS, GRAPH.calls_in_order)
    disagreeing = {(c.call, c.key) for c in comparisons.disagreements()}
    december_7, _ = CALLS[dt.date(2021, 12, 7)]
    assert (december_7, "duration") in disagreeing
    remark_words = [v.value for c in comparisons.remarks if c.disagrees for v in c.versions]
    assert any("ancestors" in w for w in remark_words)
    assert any("descendants" in w for w in remark_words)


def test_every_named_speaker_has_an_actor_page_and_the_anonymous_are_described():
    """A quote either names an actor record or describes its unnamed speaker."""
    for _, call in CALLS.values():
        for quote in call.quotes:
            assert quote.speaker in CORPUS.records["actors"] or quote.speaker_as, quote.words


def test_the_facts_box_says_unknown_where_no_source_gives_the_end_of_the_call():
    """No article says when the 7 December call ended: the facts box keeps the row, as Unknown."""
    from generator.core.render import Renderer

    call_id, _ = CALLS[dt.date(2021, 12, 7)]
    page = Renderer(GRAPH).pages()[f"calls/{call_id}.md"]
    assert "| When the call ended | *Unknown* |" in page
    assert "| When the call began | 10:07" in page
