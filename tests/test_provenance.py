"""Provenance: comparison of facts across sources, the coverage matrix, and quote checks."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from generator.adapters.cli import main
from generator.core.compare import compare_fact, coverage_matrix
from generator.core.models import Fact
from generator.core.pipeline import validate

from .conftest import MINI, ROOT, build


def _fact(*reports: dict) -> Fact:
    return Fact.model_validate({"key": "duration", "label": "How long", "reports": list(reports)})


def test_equal_minutes_agree_even_when_worded_differently():
    """'50-minute' and '50 minutes' with minutes: 50 are one version confirmed by two sources."""
    fact = _fact({"source": "a", "value": "50-minute call", "passage": "xxx", "minutes": 50},
                 {"source": "b", "value": "50 minutes", "passage": "yyy", "minutes": 50})
    comparison = compare_fact("c", fact)
    assert not comparison.disagrees
    assert [v.sources for v in comparison.versions] == [["a", "b"]]


def test_different_wordings_are_kept_apart():
    """'just over two hours' and 'roughly two hours' are two versions, never harmonised."""
    fact = _fact({"source": "a", "value": "just over two hours", "passage": "xxx"},
                 {"source": "b", "value": "roughly two hours", "passage": "yyy"},
                 {"source": "c", "value": "Roughly two hours.", "passage": "zzz"})
    comparison = compare_fact("c", fact)
    assert not comparison.disagrees and comparison.consistent  # overlapping approximations
    assert [(v.value, v.sources) for v in comparison.versions] == [
        ("just over two hours", ["a"]), ("roughly two hours", ["b", "c"])]


def test_matrix_has_facts_as_rows_sources_as_columns_and_gaps_as_none():
    """A source that does not report a fact has an empty cell."""
    fact = _fact({"source": "a", "value": "two hours", "passage": "xxx"})
    matrix = coverage_matrix([compare_fact("c", fact)], ["a", "b"])
    assert matrix.sources == ["a", "b"]
    [(comparison, cells)] = matrix.rows
    assert cells == ["two hours", None]
    assert comparison.single_source


def test_mini_corpus_disagreements_are_found():
    """The mini corpus's only conflict of fact is where Brown was (a remark worded two ways is a
    wording variant; the rest is consistent)."""
    from generator.core.compare import compare_corpus

    graph = validate(MINI)
    comparisons = compare_corpus(graph.corpus, graph.calls_in_order)
    found = sorted((c.call, c.key) for c in comparisons.disagreements())
    assert found == [("2021-12-07-adams-brown-video-call", "location-bob-brown")]


def test_changing_one_word_of_a_quote_fails_the_build_and_keeps_the_site(mini_copy: Path, tmp_path: Path):
    """A quote that is not in its source stops `briefing build`; the previous site is untouched."""
    site = build(mini_copy, tmp_path / "site")
    before = {p: p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}
    source = mini_copy / "sources" / "alpha-report.yaml"  # the quote's words are typed there
    words = source.read_text()
    assert words.count("We want peace - and trade") == 1
    source.write_text(words.replace("We want peace - and trade", "We want war - and trade"))
    result = CliRunner().invoke(main, ["build", "--content", str(mini_copy), "-d", str(site),
                                       "-f", str(ROOT / "mkdocs.yml")])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert re.fullmatch(
        r".*sources/alpha-report\.yaml:\d+:\d+: passages\.alpha-we-want-peace-and-trade\.text: "
        r"passage not found verbatim in source 'alpha-report': \"We want war - and trade\"; "
        r"closest passage in the source: \"We want peace - and trade\" \(yours has 'war' where "
        r"the source has 'peace'\)", lines[0]), lines[0]
    assert lines[-1] == "1 content problem found; nothing was built."
    after = {p: p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}
    assert after == before


def test_attribution_with_a_named_speaker_keeps_apostrophes_as_text():
    """'(according to [Bob Brown](…), Brown's office)': no HTML entity sneaks into Markdown."""
    from generator.core.models import Citation
    from generator.core.render import PageBuilder, Site

    builder = PageBuilder(Site(validate(MINI)), "calls/x.md")
    citation = Citation.model_validate({"source": "alpha-report", "passage": "xxx",
                                        "attribution": "on-record", "speaker": "bob-brown",
                                        "as": "Brown's office"})
    assert str(builder.attributed([citation])) == (
        " *(according to [Bob Brown](../actors/bob-brown.md), Brown's office)*")
