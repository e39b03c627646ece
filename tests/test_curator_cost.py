"""What a new call costs a curator: the curated fixtures of tests/fixtures/curated/ validate,
build their call page whole, and stay within the issue's line targets (benchmarks/curator_cost.py
counts them; the README of the fixtures says how)."""

from __future__ import annotations

import importlib.util
import re
import sys

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from generator.adapters.cli import main
from generator.core.load import load_corpus

from .conftest import ROOT, build

CURATED = ROOT / "tests" / "fixtures" / "curated"
BOX_KEYS = ("start", "end", "duration")
"""Facts whose every version the facts box shows in its row (and `location-<actor>`)."""


def _cost_module():
    spec = importlib.util.spec_from_file_location("curator_cost", ROOT / "benchmarks" / "curator_cost.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


COST = _cost_module()
FIXTURES = sorted(COST.TARGETS)


@pytest.fixture(scope="module", params=FIXTURES)
def curated(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """(name, content folder, its one call, the call's built page) of each fixture."""
    content = CURATED / request.param / "content"
    corpus, problems = load_corpus(content)
    assert problems == []
    (loaded,) = corpus.loaded("calls")
    site = build(content, tmp_path_factory.mktemp(request.param) / "site")
    page = (site / "calls" / loaded.id / "index.html").read_text("utf-8")
    return request.param, content, loaded.record, BeautifulSoup(page, "html.parser")


def _plain(text: str) -> str:
    """Prose as the page shows it ('[[id|Label]]' is Label), without white space: the page
    splits text at its links and notes."""
    text = re.sub(r"\[\[[^]|]+\|([^]]+)\]\]", r"\1", text)
    return re.sub(r"\s+", "", re.sub(r"\[\[([^]]+)\]\]", r"\1", text))


def _section(page: BeautifulSoup, anchor: str, stop: str = "h2") -> str:
    """The text of a page section, from its heading to the next heading of its level, without
    white space."""
    heading = page.find(id=anchor)
    assert heading is not None, anchor
    parts = []
    for node in heading.find_next_siblings():
        if node.name == stop:
            break
        parts.append(node.get_text(""))
    return re.sub(r"\s+", "", "".join(parts))


def test_each_fixture_validates_in_the_keyed_form(curated) -> None:
    """`briefing validate` passes; every citation and quote of the call is given by key (none
    typed out), and no source types the same words twice."""
    name, content, _, _ = curated
    result = CliRunner().invoke(main, ["validate", "--content", str(content)])
    assert result.exit_code == 0, result.output
    corpus, _ = load_corpus(content)
    (loaded,) = corpus.loaded("calls")
    from generator.core.record_walk import cited_models

    assert all(loc in loaded.keyed for loc, _ in cited_models(loaded.record))
    for source in corpus.loaded("sources"):
        words = [p.text for p in source.record.passages.values()]
        assert len(words) == len(set(words)), source.id


def test_the_call_page_has_its_lead_facts_box_positions_and_quotes(curated) -> None:
    """The built page shows each lead sentence under 'In brief', each facts-box fact with every
    source's value in its row, each side's positions under its organization's name, and every
    quote's words."""
    _, content, call, page = curated
    corpus, _ = load_corpus(content)
    brief = _section(page, "in-brief")
    assert call.lead and all(_plain(claim.text) in brief for claim in call.lead)
    rows = {" ".join(tr.find_all(["td", "th"])[0].get_text(" ", strip=True).split()):
            " ".join(tr.get_text(" ", strip=True).split())
            for tr in page.find(id="facts-box").find_next("table").find_all("tr")}
    facts = {fact.key: fact for fact in call.facts}
    assert {"duration", "requested-by"} <= set(facts)
    for fact in call.facts:  # a row of the box gives each source's value
        if fact.key in BOX_KEYS[:3] or fact.key.startswith("location-"):
            assert any(all(r.value in row for r in fact.reports) for row in rows.values()), fact.key
    # format and requester are fields the facts back: the row shows the field, with one note
    # per report of the fact
    assert call.format in rows["Format"]
    requester = call.requester()
    shown = corpus.get(*requester).name if requester else "Unknown"
    assert shown in rows["Requested by"]
    assert len(re.findall(r"\[\d+\]", rows["Requested by"])) == len(facts["requested-by"].reports)
    assert call.positions
    positions = _section(page, "positions")
    for position in call.positions:
        assert _plain(corpus.get("organizations", position.side).name) in positions
        for claim in position.demands + position.warnings + position.offers + position.statements:
            assert _plain(claim.text) in positions
    quotes = _section(page, "quotes")
    assert len(call.quotes) >= 4 and all(_plain(quote.words) in quotes for quote in call.quotes)


def test_the_counts_stay_within_the_targets(curated) -> None:
    """What the curator typed or changed after `briefing ingest` (source records and call) is
    within the issue's target: 60 lines for the 150-word article, 150 for the call from three
    articles; the keyed form is shorter than the same records typed out."""
    name, _, _, _ = curated
    fixture = COST.measure(name)
    assert 0 < fixture.total("typed") <= COST.TARGETS[name], fixture
    assert fixture.total("typed") < fixture.total("lines") < fixture.total("typed_out"), fixture


def test_the_counter_reads_lines_as_a_curator_writes_them() -> None:
    """Blank and comment lines and trailing comments are not counted; a draft's call block
    counts as the lines it holds uncommented; typed-out keys expand into their citations."""
    assert COST.lines("a: 1\n\n# note\n  b: [x]  # why\n  #c: 2\n") == ["a: 1", "b: [x]"]
    draft = ("outlet: X\n# DRAFT CALL: save it\n# title: T\n# quotes:  # check\n#   - k\n#\n"
             "# Known records\n#   actors: none\n")
    assert COST.draft_lines(draft) == ["outlet: X", "title: T", "quotes:", "- k"]
