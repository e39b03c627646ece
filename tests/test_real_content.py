"""The corpus answers the questions a reader brings to it, and claims nothing it cannot cite.

Two kinds of test, kept apart so that a correct corpus update never turns one red:
- over the live corpus (`content/`, marked `content`, run by CI's content lane): generic rules
  that hold for every record, whatever the corpus holds;
- over the frozen seed corpus (`tests/fixtures/seed/`, a copy of the five seed articles and two
  calls): the specific facts a reader asks about, which a new call or source must not change.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

import pytest

from generator.core.compare import compare_corpus
from generator.core.link import Graph, cited_models
from generator.core.models import Quote
from generator.core.pipeline import validate

from . import content_rules
from .conftest import REAL, SEED


def facts_row(page: str, label: str) -> str | None:
    """What a call page's facts box says in the row `label`, as Markdown (its first cell also
    holds the row's permanent anchor, render/permalinks.py)."""
    for line in page.splitlines():
        if line.startswith(f"| {label} {{ #row-"):
            return line.split(" | ")[1].removesuffix(" |").strip()
    return None


@cache
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
    from generator.core.render.record_pages import FACTS_BOX_UNKNOWN

    for call_id in graph.corpus.records["calls"]:
        page = pages[f"calls/{call_id}.md"]
        keys = {f.key for f in graph.corpus.get("calls", call_id).facts}
        for key, label in FACTS_BOX_UNKNOWN.items():
            if key not in keys:
                assert facts_row(page, label) == "*Unknown*", (call_id, key)


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
    """Who would see the 'grave error' (ancestors or descendants) is a conflict of fact, the
    remark's two wordings wording variants; the 7 Dec duration ('just over', 'roughly', 'more
    than' two hours) is stated differently but consistent, never a disagreement."""
    graph = _graph(SEED)
    comparisons = compare_corpus(graph.corpus, graph.calls_in_order)
    disagreeing = {(c.call, c.key) for c in comparisons.disagreements()}
    december_7, _ = _calls(SEED)[dt.date(2021, 12, 7)]
    assert (december_7, "duration") not in disagreeing
    conflict_words = [v.value for c in comparisons.disagreements() for v in c.versions]
    assert any("ancestors" in w for w in conflict_words)
    assert any("descendants" in w for w in conflict_words)
    (remark,) = [c for c in comparisons.remarks if c.key == "putin-grave-error"]
    assert remark.variant and any(r in comparisons.disagreements() for r in remark.related)


def test_the_facts_box_says_unknown_where_no_source_gives_the_end_of_the_call():
    """No article says when the 7 December call ended: the facts box keeps the row, as Unknown."""
    from generator.core.render import Renderer

    call_id, _ = _calls(SEED)[dt.date(2021, 12, 7)]
    page = Renderer(_graph(SEED)).pages()[f"calls/{call_id}.md"]
    assert facts_row(page, "When the call ended") == "*Unknown*"
    assert facts_row(page, "When the call began").startswith("10:07")


# --- fidelity: what the site says is what the articles say (issue 13) -----------------------------
# Generic where possible; where a test names a record it asserts a meaning a correct corpus update
# cannot break (never a count).

import html as _html  # noqa: E402
import re as _re  # noqa: E402

from generator.core.models import Attribution  # noqa: E402

# The rules judging a claim by its source text (previews, hedges, time words, anonymity) live in
# tests/content_rules.py: they read the paragraph around each passage and warn where unsure.


STATEMENT_ITEM = _re.compile(r'<li(?: id="claim-[^"]*")?>(.*?)</li>', _re.S)
"""A statement's list item (with its permanent anchor, render/permalinks.py), not a note's."""


def _text(html: str) -> str:
    return " ".join(_html.unescape(_re.sub(r"<[^>]+>", " ", html)).split())


def _page(site, call_id: str) -> str:
    return (site / "calls" / call_id / "index.html").read_text(encoding="utf-8")


@pytest.mark.content
def test_class1_a_claim_resting_only_on_previews_is_never_stated_as_done():
    """'would cover', 'plans to', 'slated to'…: such a claim is planned or expected. The words
    may concern another clause ('had been expected to …, and did'): a doubt, warned of."""
    content_rules.previews(_graph(REAL)).report()


@pytest.mark.content
def test_class1_agenda_topics_are_shown_as_planned_not_as_discussed(real_site):
    corpus = _graph(REAL).corpus
    for call_id, call in ((i, corpus.get("calls", i)) for i in corpus.records["calls"]):
        text = _text(_page(real_site, call_id))
        discussed = text.split("Topics discussed:", 1)[-1].split("On the agenda", 1)[0]
        for topic in call.agenda:
            name = corpus.get("topics", topic).name
            assert name not in discussed.split("Raised in the coverage")[0], (call_id, topic)
        if call.agenda:
            assert "On the agenda (planned or expected" in text


def test_class1_the_7_december_previewed_issues_read_as_planned(seed_site):
    """'Biden officials said the call … would cover … nuclear arms control': shown as planned."""
    call_id, _ = _calls(SEED)[dt.date(2021, 12, 7)]
    items = [_text(li) for li in STATEMENT_ITEM.findall(_page(seed_site, call_id))]
    previews = [li for li in items if "nuclear arms control" in li and "would cover" in li]
    assert previews and all("planned" in li.lower().split(":")[0] for li in previews), previews


@pytest.mark.content
def test_class2_nothing_said_before_the_call_is_filed_under_afterwards(real_site):
    """A side's remark whose passages say it came before the call never sits under 'afterwards'."""
    graph = _graph(REAL)
    found = content_rules.said_before(graph)
    for call_id in graph.corpus.records["calls"]:
        html = _page(real_site, call_id)
        for block in _re.findall(r"What it said afterwards</strong></p>\s*<ul>(.*?)</ul>", html,
                                 _re.S):
            if "will be discussed" in _text(block):
                found.doubts.append(f"calls/{call_id}: 'will be discussed' under afterwards")
    found.report()  # time words may time something else than the statement: doubts only


def test_class3_the_30_december_warning_on_sanctions_is_putins(seed_site):
    """'colossal mistake' is Putin's answer (relayed by Ushakov), never Biden's warning."""
    call_id, _ = _calls(SEED)[dt.date(2021, 12, 30)]
    items = [_text(li) for li in STATEMENT_ITEM.findall(_page(seed_site, call_id))]
    for li in (li for li in items if "colossal mistake" in li and "Biden" in li):
        assert not _re.search(r"Biden'?s? warning that", li), li
        assert li.index("Putin") < li.index("colossal mistake"), li


def test_class3_whose_voice_the_past_30_years_remark_is_stays_a_recorded_disagreement():
    """The Washington Times has it inside what Putin 'noted'; The Floridian as Ushakov's own."""
    graph = _graph(SEED)
    comparisons = compare_corpus(graph.corpus, graph.calls_in_order)
    conflicts = [c for c in comparisons.disagreements()
                 if any("past 30 years" in r.passage for v in c.versions for r in v.reports
                        if hasattr(r, "passage"))]
    assert any(any("noted" in r.passage for v in c.versions for r in v.reports) for c in conflicts)


@pytest.mark.content
def test_class4_anonymous_only_where_the_text_says_so_and_groups_are_groups():
    """Judged by the paragraph the passage stands in, not the passage alone (a curator cites
    the words after "speaking on condition of anonymity,"): fails only where the text never
    grants anonymity; on the record needs a speaker (unnamed groups are `group`)."""
    content_rules.anonymity(_graph(REAL)).report()


@pytest.mark.content
def test_class4_a_claim_mixing_voices_never_lends_one_voice_to_all_of_it(real_site):
    """The inline tag of a claim resting partly on the outlets' own reporting says 'in part'."""
    corpus = _graph(REAL).corpus
    for call_id in corpus.records["calls"]:
        text = _text(_page(real_site, call_id))
        for claim in corpus.get("calls", call_id).summary:
            voices = {c.attribution for c in claim.cites}
            if Attribution.outlet in voices and len(voices) > 1:
                start = _text(claim.text.split("[[")[0])[:40]
                if start:
                    after = text.split(start, 1)[-1][:2000]
                    assert "(in part:" in after.split("(according to")[0] + "(in part:", claim.text


@pytest.mark.content
def test_class4_groups_are_shown_as_speaking_for_themselves(real_site):
    """An unnamed group on the record reads 'X said', not 'according to X'."""
    corpus = _graph(REAL).corpus
    for call_id, call in ((i, corpus.get("calls", i)) for i in corpus.records["calls"]):
        groups = {c.as_ for claim in call.reactions + call.context for c in claim.cites
                  if c.attribution == Attribution.group and c.as_}
        text = _text(_page(real_site, call_id))
        for group in groups:
            assert f"{group} said" in text, (call_id, group)


@pytest.mark.content
def test_class5_hedged_passages_keep_their_hedge():
    """A claim resting on 'seemed', 'apparently', 'may', 'suggests' says so too; the hedge may
    qualify another clause, so a claim without one is a doubt, warned of."""
    content_rules.hedges(_graph(REAL)).report()


@pytest.mark.content
@pytest.mark.parametrize("phrase", ["newspaper", "news agency", "leader of iran",
                                    "leader of china", "reporter,"])
def test_class5_no_role_or_kind_the_texts_never_state(phrase):
    corpus = _graph(REAL).corpus
    texts = " ".join((REAL / corpus.get("sources", i).text).read_text(encoding="utf-8").lower()
                     for i in corpus.records["sources"])
    if phrase in texts:
        return
    for kind in ("actors", "organizations"):
        for loaded in corpus.loaded(kind):
            record = loaded.record
            words = [record.description or ""] + [r.title for r in getattr(record, "roles", [])]
            assert phrase not in " ".join(words).lower(), (loaded.id, phrase)


def test_item5_the_troop_figures_of_the_two_calls_are_a_series_not_a_conflict(seed_site):
    graph = _graph(SEED)
    comparisons = compare_corpus(graph.corpus, graph.calls_in_order)
    assert any(s.topic == "russian-troop-buildup" for s in comparisons.series)
    text = _text((seed_site / "disagreements" / "index.html").read_text(encoding="utf-8"))
    assert "Figures reported on several calls" in text
    conflicts = text.split("Figures reported on several calls")[0]
    assert "70,000" not in conflicts and "100,000" not in conflicts
