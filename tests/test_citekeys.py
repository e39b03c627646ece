"""Cite once: passages keyed on their source record and cited by key read exactly as the
typed-out form did; every mistake in a key is reported where the curator typed it, once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.adapters.cli import main
from generator.core.citekeys import typed_out_count
from generator.core.history import NO_HISTORY
from generator.core.incremental import Session
from generator.core.link import link
from generator.core.load import load_corpus
from generator.core.models import Attribution
from generator.core.pipeline import generate
from generator.curator.migrate import migrate

from .broken import VIDEO
from .conftest import MINI

TYPED_OUT = MINI.parent.parent / "mini-typed-out" / "content"
ALPHA = "sources/alpha-report.yaml"


@pytest.fixture(autouse=True)
def _in_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages name files as the curator sees them, from the project folder."""
    monkeypatch.chdir(tmp_path)


def _problems(content: Path) -> list[str]:
    corpus, problems = load_corpus(content)
    problems += link(corpus)[1]
    return [str(p) for p in problems]


def _edit(content: Path, rel: str, old: str, new: str) -> None:
    path = content / rel
    text = path.read_text("utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), "utf-8")


def _line_of(content: Path, rel: str, words: str) -> int:
    return next(n for n, line in enumerate((content / rel).read_text("utf-8").splitlines(), 1)
                if words in line)


def _call(content: Path):
    corpus, problems = load_corpus(content)
    assert problems == []
    return corpus.get("calls", "2021-12-07-adams-brown-video-call")


# --- reading keys ------------------------------------------------------------------------------

def test_a_keyed_corpus_reads_as_its_typed_out_form(tmp_path: Path) -> None:
    """The mini fixture (keyed) and its old, typed-out form give the same records, page for page."""
    keyed, typed = load_corpus(MINI)[0], load_corpus(TYPED_OUT)[0]
    for kind, records in typed.records.items():
        for id_, loaded in records.items():
            exclude = {"passages"} if kind == "sources" else None
            assert keyed.get(kind, id_).model_dump(exclude=exclude) == \
                loaded.record.model_dump(exclude=exclude), (kind, id_)
    assert generate(MINI, NO_HISTORY) == generate(TYPED_OUT, NO_HISTORY)  # the folders' own git
    # histories differ, and the What changed page with them


def test_a_key_brings_the_words_source_and_attribution(mini_copy: Path) -> None:
    call = _call(mini_copy)
    brown = call.positions[0].warnings[0].cites[0]
    assert (brown.source, brown.passage, brown.attribution, brown.speaker) == (
        "alpha-report", 'warned of "grave consequences" if sanctions came',
        Attribution.on_record, "bob-brown")
    quote = call.quotes[0]
    assert (quote.words, quote.source, quote.speaker) == (
        "We want peace - and trade", "alpha-report", "alice-adams")


def test_a_use_may_qualify_its_passage(mini_copy: Path) -> None:
    """`cite:` with an attribution of its own: that use's, the passage's other uses unchanged."""
    _edit(mini_copy, VIDEO, "    cites: [alpha-warned-of-grave-consequences-if]\n  - text",
          "    cites:\n      - cite: alpha-warned-of-grave-consequences-if\n"
          "        attribution: outlet\n        speaker: unknown\n  - text")
    call = _call(mini_copy)
    qualified = [c for claim in call.outcomes + call.summary + call.lead for c in claim.cites
                 if c.passage.startswith("warned of")]
    assert [(c.attribution, c.speaker) for c in qualified] == [(Attribution.outlet, None)]
    assert call.positions[0].warnings[0].cites[0].attribution == Attribution.on_record


def test_an_organization_speaks_a_quote_through_its_passage(mini_copy: Path) -> None:
    _edit(mini_copy, ALPHA, "    text: \"We want peace - and trade\"\n    speaker: alice-adams",
          "    text: \"We want peace - and trade\"\n    speaker_org: ruritania-government")
    _edit(mini_copy, VIDEO, "  - cite: alpha-we-want-peace-and-trade\n",
          "  - cite: alpha-we-want-peace-and-trade\n    speaker: unknown\n")
    quote = _call(mini_copy).quotes[0]
    assert (quote.speaker, quote.speaker_org) == (None, "ruritania-government")
    assert _problems(mini_copy) == []
    page = generate(mini_copy)["calls/2021-12-07-adams-brown-video-call.md"]
    line = next(line for line in page.splitlines() if "We want peace — and trade" in line)
    assert "— [Government of Ruritania](../organizations/ruritania-government.md)" in line


# --- mistakes ------------------------------------------------------------------------------------

def test_an_unknown_key_is_named_where_it_is_cited_with_the_nearest_key(mini_copy: Path) -> None:
    _edit(mini_copy, VIDEO, "cites: [alpha-warned-of-grave-consequences-if]",
          "cites: [alpha-warned-of-grave-consequence-if]")
    line = _line_of(mini_copy, VIDEO, "alpha-warned-of-grave-consequence-if")
    assert _problems(mini_copy) == [
        f"content/calls/2021-12-07-adams-brown-video-call.yaml:{line}:17: positions[0].warnings[0]"
        ".cites[0]: unknown passage key 'alpha-warned-of-grave-consequence-if': a key names one of "
        "the `passages` of a source record — did you mean 'alpha-warned-of-grave-consequences-if'?"]


def test_an_unknown_key_does_not_hide_the_files_other_problems(mini_copy: Path) -> None:
    _edit(mini_copy, VIDEO, "cites: [alpha-warned-of-grave-consequences-if]", "cites: [nope-nope]")
    _edit(mini_copy, VIDEO, "format: video", "format: telegram")
    _edit(mini_copy, VIDEO, "side: ruritania-government", "side: atlantis")
    found = _problems(mini_copy)
    assert any("unknown passage key 'nope-nope'" in p for p in found)
    assert any(p.split(": ")[1] == "format" for p in found)
    assert any("unknown organization 'atlantis'" in p for p in found)


def test_a_key_and_typed_out_words_together_are_refused(mini_copy: Path) -> None:
    _edit(mini_copy, VIDEO, "  - cite: alpha-we-want-peace-and-trade\n",
          "  - cite: alpha-we-want-peace-and-trade\n    source: alpha-report\n")
    line = _line_of(mini_copy, VIDEO, "  - cite: alpha-we-want-peace-and-trade")
    assert _problems(mini_copy) == [
        f"content/calls/2021-12-07-adams-brown-video-call.yaml:{line}:11: quotes[0].cite: give "
        "either `cite` or `source` and `words`, not both (this one also has `source`)"]


def test_a_passage_not_in_its_text_is_reported_once_on_its_source(mini_copy: Path) -> None:
    """Cited from three places, reported at the one place the words are typed."""
    _edit(mini_copy, ALPHA, "  alpha-grave-consequences:\n    text: \"grave consequences\"",
          "  alpha-grave-consequences:\n    text: \"gravest consequences\"")
    found = _problems(mini_copy)
    line = _line_of(mini_copy, ALPHA, "gravest consequences")
    assert len(found) == 1
    assert found[0].startswith(f"content/sources/alpha-report.yaml:{line}:11: "
                               "passages.alpha-grave-consequences.text: passage ")


def test_a_passage_naming_an_unknown_speaker_is_reported_once_on_its_source(mini_copy: Path) -> None:
    _edit(mini_copy, ALPHA, "    speaker: alice-adams", "    speaker: alice-adam")
    line = _line_of(mini_copy, ALPHA, "speaker: alice-adam")
    assert _problems(mini_copy) == [
        f"content/sources/alpha-report.yaml:{line}:14: passages.alpha-we-want-peace-and-trade"
        ".speaker: unknown actor 'alice-adam' — did you mean 'alice-adams'?"]


def test_a_key_used_by_two_sources_is_refused(mini_copy: Path) -> None:
    path = mini_copy / "sources" / "beta-report.yaml"
    path.write_text(path.read_text("utf-8").replace(
        "  beta-for-50-minutes:", "  alpha-by-ann-writer: \"Adams and Brown\"\n  beta-for-50-minutes:", 1),
        "utf-8")
    line = _line_of(mini_copy, "sources/beta-report.yaml", "alpha-by-ann-writer")
    assert _problems(mini_copy) == [
        f"content/sources/beta-report.yaml:{line}:24: passages.alpha-by-ann-writer: passage key "
        "'alpha-by-ann-writer' is already a key of content/sources/alpha-report.yaml; keys are "
        "unique in the corpus (they are cited without their source): choose another"]


def test_the_same_words_keyed_twice_are_refused(mini_copy: Path) -> None:
    _edit(mini_copy, ALPHA, "  alpha-by-ann-writer: \"By Ann Writer\"\n",
          "  alpha-by-ann-writer: \"By Ann Writer\"\n  alpha-by-ann: \"By  Ann Writer\"\n")
    line = _line_of(mini_copy, ALPHA, "alpha-by-ann:")
    assert _problems(mini_copy) == [
        f"content/sources/alpha-report.yaml:{line}:17: passages.alpha-by-ann: passage "
        "'alpha-by-ann' has the words of passage 'alpha-by-ann-writer': type them once, and "
        "cite 'alpha-by-ann-writer'"]


# --- serve ---------------------------------------------------------------------------------------

def test_serve_types_a_key_out_again_when_its_passage_changes(mini_copy: Path) -> None:
    """The call file is unchanged; the passage it cites is not: its page follows the passage."""
    session = Session(mini_copy)
    session.update()
    _edit(mini_copy, ALPHA, "    speaker: alice-adams", "    speaker: bob-brown")
    update = session.update()
    assert update.pages == generate(mini_copy)
    assert "calls/2021-12-07-adams-brown-video-call.md" in update.changed


# --- migrate -------------------------------------------------------------------------------------

def test_migrate_keys_the_typed_out_form_and_every_record_reads_the_same(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(TYPED_OUT, content)
    before = generate(content, NO_HISTORY)
    done = migrate(content)
    assert (done.citations, done.quotes, done.passages) == (33, 4, 30)
    assert generate(content, NO_HISTORY) == before
    for path in sorted(content.rglob("*.yaml")):
        assert (path.read_text("utf-8") == (MINI / path.relative_to(content)).read_text("utf-8")), path
    assert migrate(content).files == []  # nothing left to do


def test_migrate_keeps_comments_and_the_check_option_changes_nothing(tmp_path: Path,
                                                                     monkeypatch) -> None:
    content = tmp_path / "content"
    shutil.copytree(TYPED_OUT, content)
    _edit(content, VIDEO, "quotes:\n", "# The quotes, in the order the sources give them.\nquotes:\n")
    monkeypatch.chdir(tmp_path)
    snapshot = {p: p.read_bytes() for p in content.rglob("*.*")}
    result = CliRunner().invoke(main, ["migrate", "--check"])
    assert (result.exit_code, result.output) == (1, (
        "Would migrate 33 citation(s) and 4 quote(s) as 30 passage(s) keyed on their sources, "
        "in 8 file(s); run 'briefing migrate' to do it.\n"))
    assert {p: p.read_bytes() for p in content.rglob("*.*")} == snapshot
    result = CliRunner().invoke(main, ["migrate"])
    assert result.exit_code == 0, result.output
    assert "# The quotes, in the order the sources give them.\nquotes:\n  - cite: " in \
        (content / VIDEO).read_text("utf-8")


def test_validate_points_a_typed_out_corpus_to_migrate(tmp_path: Path, monkeypatch) -> None:
    shutil.copytree(TYPED_OUT, tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 0
    assert result.output.splitlines()[-1] == (
        "Note: 37 citation(s) and quote(s) type their passage out in full; 'briefing migrate' "
        "writes each passage once, keyed on its source, and cites it by key (see the curator's "
        "guide).")


def test_migrate_refuses_a_corpus_with_problems(tmp_path: Path, monkeypatch) -> None:
    content = tmp_path / "content"
    shutil.copytree(TYPED_OUT, content)
    _edit(content, VIDEO, "format: video", "format: telegram")
    monkeypatch.chdir(tmp_path)
    snapshot = {p: p.read_bytes() for p in content.rglob("*.*")}
    result = CliRunner().invoke(main, ["migrate"])
    assert result.exit_code == 1
    assert result.output.splitlines()[-1].endswith(
        "nothing was migrated: migrate works on content that validates, so fix these first.")
    assert {p: p.read_bytes() for p in content.rglob("*.*")} == snapshot


@pytest.mark.parametrize("fixture", ["mini", "seed", "update"])
def test_every_fixture_is_keyed(fixture: str) -> None:
    """No fixture corpus but the typed-out one types a passage out."""
    content = MINI.parent.parent / fixture / "content"
    corpus = load_corpus(content)[0]
    assert typed_out_count(corpus) == 0
    assert sum(len(s.passages) for s in corpus.all("sources")) > 0


# --- rename and remove follow keys -------------------------------------------------------------

def test_renaming_a_speaker_rewrites_the_passage_that_names_them(mini_copy: Path) -> None:
    result = CliRunner().invoke(main, ["rename", "bob-brown", "robert-brown"])
    assert result.exit_code == 0, result.output
    assert "    speaker: robert-brown\n" in (mini_copy / ALPHA).read_text("utf-8")
    assert _problems(mini_copy) == []
    assert _call(mini_copy).quotes[2].speaker == "robert-brown"


def test_renaming_a_source_keeps_its_keys_and_their_citations(mini_copy: Path) -> None:
    before = (mini_copy / VIDEO).read_text("utf-8")
    result = CliRunner().invoke(main, ["rename", "alpha-report", "alpha-times-report"])
    assert result.exit_code == 0, result.output
    assert _problems(mini_copy) == []
    assert _call(mini_copy).quotes[0].source == "alpha-times-report"
    assert "cite: alpha-we-want-peace-and-trade" in (mini_copy / VIDEO).read_text("utf-8")
    assert before.count("alpha-report") == (mini_copy / VIDEO).read_text("utf-8").count("alpha-report")


@pytest.mark.content
def test_the_live_corpus_types_every_passage_once() -> None:
    """A generic rule of the content lane: every citation cites a key, and no source keys the
    same words twice (validate refuses that)."""
    corpus, problems = load_corpus(MINI.parent.parent.parent.parent / "content")
    assert problems == []
    assert typed_out_count(corpus) == 0
