"""Incremental generation (`briefing serve`) gives exactly what a cold generation gives.

After every edit, valid or not, the pages of `Session.update()` must be byte-identical to
`pipeline.generate` on the same files, in the same order, and a broken corpus must be reported
with the same problems.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.core.errors import BriefingError, ContentError
from generator.core.incremental import Session
from generator.core.pipeline import generate

from .conftest import MINI


def _cold(content: Path):
    try:
        return generate(content)
    except BriefingError as exc:
        return _failure(exc)


def _incremental(session: Session):
    try:
        return session.update()
    except BriefingError as exc:
        return _failure(exc)


def _failure(exc: BriefingError) -> tuple:
    if isinstance(exc, ContentError):
        return ("problems", [str(p) for p in exc.problems])
    return (type(exc).__name__, str(exc))


def _same_as_cold(session: Session, content: Path):
    """Run a round and check it against a cold generation; return the round."""
    cold = _cold(content)
    update = _incremental(session)
    if isinstance(cold, tuple):
        assert update == cold
        return None
    assert not isinstance(update, tuple), update
    assert update.pages == cold
    assert list(update.pages) == list(cold)  # the same order too
    return update


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_a_round_without_change_renders_and_reads_nothing(mini_copy: Path):
    session = Session(mini_copy)
    first = _same_as_cold(session, mini_copy)
    assert first.rendered == len(first.pages) == len(first.changed)
    again = _same_as_cold(session, mini_copy)
    assert (again.rendered, again.changed, again.removed, again.read_files) == (0, [], [], 0)


def test_an_edit_re_reads_one_file_and_re_renders_only_pages_that_show_it(mini_copy: Path):
    session = Session(mini_copy)
    _same_as_cold(session, mini_copy)
    before = dict(session.pages)
    _edit(mini_copy / "events" / "sanctions-vote.yaml", "name: Sanctions vote",
          "name: Sanctions ballot")
    update = _same_as_cold(session, mini_copy)
    assert update.read_files == 1
    differ = sorted(p for p in update.pages if update.pages[p] != before.get(p))
    assert update.changed == differ and "events/sanctions-vote.md" in differ
    assert update.rendered < len(update.pages)
    # A page that does not show the event is not rendered again.
    assert "Sanctions" not in update.pages["actors/ann-writer.md"]


def test_rewriting_a_file_with_the_same_bytes_changes_nothing(mini_copy: Path):
    session = Session(mini_copy)
    _same_as_cold(session, mini_copy)
    for path in sorted(mini_copy.rglob("*.*")):
        path.write_bytes(path.read_bytes())
    update = _same_as_cold(session, mini_copy)
    assert (update.rendered, update.changed, update.read_files) == (0, [], 0)


def test_a_sequence_of_edits_each_equal_to_a_cold_generation(mini_copy: Path):
    """Renames, a new record, a broken file and its fix, a source text edit, a deletion."""
    session = Session(mini_copy)
    _same_as_cold(session, mini_copy)
    actor = mini_copy / "actors" / "alice-adams.yaml"
    good = actor.read_text("utf-8")
    _edit(actor, "name: Alice Adams", "name: Alice Zebedee")
    assert "actors/alice-adams.md" in _same_as_cold(session, mini_copy).changed
    added = mini_copy / "events" / "second-vote.yaml"
    added.write_text((mini_copy / "events" / "sanctions-vote.yaml").read_text("utf-8")
                     .replace("name: Sanctions vote", "name: Second vote"), "utf-8")
    update = _same_as_cold(session, mini_copy)
    assert {"events/second-vote.md", "events/index.md"} <= set(update.changed)
    _edit(actor, "name: Alice Zebedee", "nam: Alice Zebedee")
    assert _same_as_cold(session, mini_copy) is None  # the same problems as a cold run
    actor.write_text(good, "utf-8")
    _same_as_cold(session, mini_copy)
    text = mini_copy / "texts" / "alpha.txt"
    text.write_text(text.read_text("utf-8") + "\nA paragraph added at the end.\n", "utf-8")
    assert "sources/alpha-report.md" in _same_as_cold(session, mini_copy).changed
    added.unlink()
    update = _same_as_cold(session, mini_copy)
    assert update.removed == ["events/second-vote.md"]


def test_after_an_error_the_next_round_diffs_against_the_last_good_one(mini_copy: Path):
    session = Session(mini_copy)
    _same_as_cold(session, mini_copy)
    good = dict(session.pages)
    event = mini_copy / "events" / "sanctions-vote.yaml"
    _edit(event, "topics: [trade]", "topics: [no-such-topic]")
    with pytest.raises(ContentError, match="unknown topic 'no-such-topic'"):
        session.update()
    assert session.pages == good
    _edit(event, "topics: [no-such-topic]", "topics: [trade]")
    assert _same_as_cold(session, mini_copy).changed == []


# --- random edits ----------------------------------------------------------------------------

WORDS = st.text(alphabet="abcdefghij KLMN-'.", min_size=1, max_size=14)
FIELD_LINE = re.compile(r"(?m)^(\s*(?:- )?[a-z_]+): (.+)$")


def _files(content: Path, pattern: str) -> list[Path]:
    return sorted(content.glob(pattern))


def _apply(content: Path, originals: dict[Path, bytes], op: str, pick: int, words: str) -> None:
    """One random edit; many leave the corpus invalid, which is part of the test."""
    records = _files(content, "[!t]*/*.yaml")
    texts = _files(content, "texts/*.txt")
    if op == "value" and records:  # any field's value replaced: valid or not
        path = records[pick % len(records)]
        text = path.read_text("utf-8")
        lines = list(FIELD_LINE.finditer(text))
        if lines:
            line = lines[pick % len(lines)]
            path.write_text(text[:line.start(2)] + words + text[line.end(2):], "utf-8")
    elif op == "name" and records:  # the common valid edit
        path = records[pick % len(records)]
        text = path.read_text("utf-8")
        if "\nname: " in "\n" + text:
            path.write_text(re.sub(r"(?m)^name: .*$", f"name: {words.strip() or 'X'}", text, count=1),
                            "utf-8")
    elif op == "delete-line" and records:
        path = records[pick % len(records)]
        lines = path.read_text("utf-8").splitlines(keepends=True)
        if lines:
            del lines[pick % len(lines)]
            path.write_text("".join(lines), "utf-8")
    elif op == "copy" and records:
        path = records[pick % len(records)]
        shutil.copy(path, path.with_name(f"{path.stem}-copy.yaml"))
    elif op == "remove" and records:
        records[pick % len(records)].unlink()
    elif op == "text" and texts:
        path = texts[pick % len(texts)]
        text = path.read_text("utf-8")
        at = pick % (len(text) + 1)
        path.write_text(text[:at] + words + text[at + len(words) // 2:], "utf-8")
    elif op == "touch" and records:
        path = records[pick % len(records)]
        path.write_bytes(path.read_bytes())
    elif op == "restore":
        path = sorted(originals)[pick % len(originals)]
        path.write_bytes(originals[path])


EDITS = st.lists(st.tuples(st.sampled_from(["value", "name", "delete-line", "copy", "remove",
                                            "text", "touch", "restore", "restore"]),
                           st.integers(0, 10_000), WORDS), min_size=1, max_size=6)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(edits=EDITS)
def test_random_edits_give_what_a_cold_generation_gives(tmp_path_factory, edits):
    content = tmp_path_factory.mktemp("incremental") / "content"
    shutil.copytree(MINI, content)
    originals = {path: path.read_bytes() for path in content.rglob("*") if path.is_file()}
    session = Session(content)
    _same_as_cold(session, content)
    for op, pick, words in edits:
        _apply(content, originals, op, pick, words)
        _same_as_cold(session, content)


def test_a_call_statement_edit_re_renders_only_its_periods_listing_pages(tmp_path: Path):
    """Each listing period is its own page to render: editing one call's statement on a corpus
    spanning several months re-renders that call's month (and year) pages, no other period's,
    and no listing index (their counts do not change)."""
    from generator.core.urls import LISTINGS, SECTIONS, listing_path

    from .test_benchmark_synth import synth

    content = tmp_path / "content"
    synth.write_corpus(content, 40)  # a call every three days: four months and more
    session = Session(content)
    first = _same_as_cold(session, content)
    listing_pages = {p for p in first.pages if p.partition("/")[0] in LISTINGS and "/" in p}
    months = {p for p in listing_pages if p.startswith("coverage/")}
    assert len(months) >= 4
    calls = sorted((content / "calls").glob("*.yaml"))
    path = calls[len(calls) // 2]
    date = session.graph.corpus.get("calls", path.stem).date
    _edit(path, " minutes.'\n", " minutes, officials said.'\n")
    update = _same_as_cold(session, content)
    assert f"calls/{path.stem}.md" in update.changed
    listed = {p for p in update.rendered_pages if p.partition("/")[0] in LISTINGS or
              p.removesuffix(".md") in LISTINGS}
    mine = {listing_path(name, f"{date:%Y}" if unit == "year" else f"{date:%Y-%m}")
            for name, unit in LISTINGS.items()}
    # The call's statement is its timeline line and heads its coverage matrix.
    assert {listing_path("timeline", f"{date:%Y}"),
            listing_path("coverage", f"{date:%Y-%m}")} <= listed <= mine
    others = set(update.rendered_pages) - listed
    assert all(p.partition("/")[0] in SECTIONS or p == "index.md" for p in others), others


def test_a_call_statement_edit_re_renders_only_its_own_section_part(tmp_path: Path):
    """Each part of a section index (a month of calls, a letter of people) is its own page to
    render: editing one call's statement re-renders its month's part of the calls index, no
    other part and no section index; renaming a person re-renders their letter's part."""
    from generator.core.render.sections import initial
    from generator.core.urls import SECTIONS, section_part_path

    from .test_benchmark_synth import synth

    content = tmp_path / "content"
    synth.write_corpus(content, 40)
    session = Session(content)
    first = _same_as_cold(session, content)
    corpus = session.graph.corpus
    records = {f"{kind}/{id_}.md" for kind in SECTIONS for id_ in corpus.records[kind]}
    listings = {p for p in first.pages if p.partition("/")[0] in SECTIONS} - records
    assert len([p for p in listings if p.startswith("calls/")]) >= 5  # the index, four months
    calls = sorted((content / "calls").glob("*.yaml"))
    path = calls[len(calls) // 2]
    date = session.graph.corpus.get("calls", path.stem).date
    _edit(path, " minutes.'\n", " minutes, officials said.'\n")
    update = _same_as_cold(session, content)
    assert listings & set(update.rendered_pages) == {section_part_path("calls", f"{date:%Y-%m}")}
    person = sorted((content / "actors").glob("*.yaml"))[5]
    name = session.graph.corpus.get("actors", person.stem).name
    _edit(person, f"name: {name}\n", f"name: {name} Junior\n")
    update = _same_as_cold(session, content)
    actors = {p for p in listings & set(update.rendered_pages) if p.startswith("actors/")}
    assert actors == {section_part_path("actors", initial(name))}
