"""Linking: references, wiki-links, backlinks and the order of calls."""

from __future__ import annotations

import posixpath
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from generator.core.link import MENTIONED, Key, link, resolve_wikilink
from generator.core.load import load_corpus
from generator.core.markdown_text import relative_link
from generator.core.pipeline import validate

from .conftest import MINI


def test_backlinks_are_computed_from_references_and_mentions():
    """Participants, quote speakers, authors and [[mentions]] all show up on the target."""
    graph = validate(MINI)
    adams = graph.backlinks[Key("actors", "alice-adams")]
    assert Key("calls", "2021-12-07-adams-brown-video-call") in adams["Took part in"]
    assert Key("calls", "2021-12-07-adams-brown-video-call") in adams["Quoted in"]
    assert Key("topics", "trade") in adams[MENTIONED]
    assert Key("sources", "alpha-report") in graph.backlinks[Key("actors", "ann-writer")]["Wrote"]


def test_previous_and_next_call_follow_shared_participants():
    """The two mini calls share both leaders: each points at the other."""
    graph = validate(MINI)
    assert graph.calls_in_order == ["2021-12-07-adams-brown-video-call",
                                    "2021-12-14-adams-brown-phone-call"]
    assert graph.previous_call["2021-12-07-adams-brown-video-call"] is None
    assert graph.next_call["2021-12-07-adams-brown-video-call"] == "2021-12-14-adams-brown-phone-call"
    assert graph.previous_call["2021-12-14-adams-brown-phone-call"] == "2021-12-07-adams-brown-video-call"


def test_wikilink_resolution_suggests_and_disambiguates(mini_copy: Path):
    """Unknown ids get a did-you-mean; an id used by two kinds asks for kind/id."""
    (mini_copy / "topics" / "alice-adams.yaml").write_text("name: Alice as a topic\n")
    corpus, problems = load_corpus(mini_copy)
    assert problems == []
    assert resolve_wikilink("alice-adam", corpus) == (None, " — did you mean 'alice-adams'?")
    key, hint = resolve_wikilink("alice-adams", corpus)
    assert key is None and hint == (" — the id is ambiguous: write [[actors/alice-adams]] "
                                    "or [[topics/alice-adams]]")
    assert resolve_wikilink("topics/alice-adams", corpus) == (Key("topics", "alice-adams"), "")


def test_unknown_reference_is_reported_with_its_position(mini_copy: Path):
    """A misspelt participant is reported at its line and column with a suggestion."""
    call = mini_copy / "calls" / "2021-12-14-adams-brown-phone-call.yaml"
    call.write_text(call.read_text().replace("actor: bob-brown", "actor: bob-browne"))
    corpus, problems = load_corpus(mini_copy)
    _, problems = link(corpus)
    assert [str(p).split("content/", 1)[1] for p in problems] == [
        "calls/2021-12-14-adams-brown-phone-call.yaml:7:12: participants[1].actor: "
        "unknown actor 'bob-browne' — did you mean 'bob-brown'?"]


_PART = st.sampled_from(["a", "b", "ab", "calls", "linked-from"])
"""Folders of generated pages (never named like a page: a folder `a.md` and a page `a.md`
cannot both be)."""
_PAGE = st.builds(lambda folders, name: "/".join([*folders, name]),
                  st.lists(_PART, max_size=3), st.sampled_from(["a.md", "ab.md", "index.md"]))


@given(_PAGE, _PAGE)
def test_relative_links_are_those_posixpath_gives(from_page: str, to_page: str):
    """The generator's own relative paths (markdown_text._relpath) agree with posixpath's."""
    expected = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    if from_page != to_page:
        assert relative_link(from_page, to_page) == expected
        assert relative_link(from_page, to_page, "notes") == f"{expected}#notes"
