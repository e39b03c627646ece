"""One normalisation of names for identity (core/identity.py), used by every duplicate check and
name lookup: a name with invisible characters inserted (zero-width, bidi marks, soft hyphen, word
joiner…) is the same name, a name of only invisible characters is blank, and a message shows
them escaped (issue 28: a second "Bob Brown\\u200b" passed the duplicate check and looked the
same)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pydantic
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.core.errors import one_line
from generator.core.identity import INVISIBLE, identity
from generator.core.load import load_corpus
from generator.core.models import Topic
from generator.curator.ingest.names import Names

INVISIBLES = [chr(code) for code in (*range(0x80, 0x10000), *range(0xE0000, 0xE1000))
              if INVISIBLE.fullmatch(chr(code))]
NAMED = ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\ufeff", "\u2060", "\u00ad",
         "\u202e", "\u2066", "\u180e"]
"""The characters the issue lists (zero-width, bidi marks, BOM, word joiner, soft hyphen…)."""

names = st.text(st.characters(whitelist_categories=("Lu", "Ll")), min_size=1, max_size=12).map(
    lambda first: first + " Brown")
invisibles = st.lists(st.sampled_from(INVISIBLES), min_size=1, max_size=4)


def test_the_issue_s_characters_are_invisible():
    assert set(NAMED) <= set(INVISIBLES)


def _insert(name: str, chars: list[str], data: st.DataObject) -> str:
    for char in chars:
        at = data.draw(st.integers(0, len(name)))
        name = name[:at] + char + name[at:]
    return name


@given(names, invisibles, st.data())
def test_a_name_with_invisible_characters_is_the_same_name(name, chars, data):
    assert identity(_insert(name, chars, data)) == identity(name)


@pytest.mark.parametrize("same", ["Bob Brown", "BOB  BROWN", " bob brown ", "\uff22ob Brown",
                                  "Bob\u00a0Brown", "Bob Brown\u200b", "B\u00adob Brown"])
def test_case_spacing_and_compatibility_forms_are_one_name(same):
    assert identity(same) == identity("Bob Brown")


@given(invisibles, st.sampled_from(["", " ", "  "]))
def test_a_name_of_invisible_characters_only_is_blank(chars, spaces):
    with pytest.raises(pydantic.ValidationError, match="invisible characters"):
        Topic(name=spaces.join(chars))


@given(names, invisibles, st.data())
def test_messages_show_invisible_characters_escaped(name, chars, data):
    shown = one_line(f"'{_insert(name, chars, data)}' is already the name of …")
    assert not INVISIBLE.search(shown)
    assert shown != one_line(f"'{name}' is already the name of …")


def _yaml(text: str) -> str:
    """text as a double-quoted YAML value, every non-ASCII character escaped."""
    return '"' + "".join(ch if ch.isascii() and ch not in '"\\' else
                         (f"\\u{ord(ch):04x}" if ord(ch) < 0x10000 else f"\\U{ord(ch):08x}")
                         for ch in text) + '"'


@settings(max_examples=30, deadline=None)
@given(names, invisibles, st.data())
def test_a_second_record_whose_name_differs_by_invisible_characters_is_refused(name, chars, data):
    copy = _insert(name, chars, data)
    with tempfile.TemporaryDirectory() as folder:
        actors = Path(folder) / "content" / "actors"
        actors.mkdir(parents=True)
        (actors / "first.yaml").write_text(f"name: {_yaml(name)}\n", "utf-8")
        (actors / "second.yaml").write_text(f"name: {_yaml(copy)}\naliases: [Someone Else]\n", "utf-8")
        _, problems = load_corpus(Path(folder) / "content")
    assert [p.file.rsplit("/", 1)[-1] for p in problems] == ["second.yaml"]
    if "\ufeff" not in copy:  # a byte order mark in a value is refused on reading, as such
        assert "is already the name of" in problems[0].message


@given(names, invisibles, st.data())
def test_ingest_finds_a_person_by_a_name_with_invisible_characters(name, chars, data):
    known = Names([("actors", "bob-brown", name)])
    assert known.actor(_insert(name, chars, data)) == "bob-brown"
