"""What each publication added, changed and corrected (issue 26, item 2), from the content's
history (core/history.py): the record files of each commit compared before and after, by what
they say, not line by line.

- **Added / removed**: a record file that appears or goes (a call, a source, a person, …); a
  file moved to another id (`briefing rename`) is a rename.
- **Changed**: a statement added, removed or reworded (paired with the old wording it replaces:
  one citing the same passage, else the most alike), a quote added or removed, any other field.
- **Corrected**: what a source was misrepresented as saying: a quote's words (paired with the
  quote of the same source it replaces) or its speaker; the value a source gives for a fact; a
  call's date or a source's publication date; the verbatim text of a source.

Moving a statement or quote within its record (reordering, another section) changes nothing
here. The YAML of past commits is read as data, never validated again: history is what it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import yaml

from . import describe
from .change_items import (
    Change,
    collect,
    fact_changes,
    is_scalar,
    passage_changes,
    quote_changes,
    scalar,
    statement_changes,
)
from .citekeys import expand
from .graph import Graph, Key
from .history import FileChange, History
from .kinds import KINDS
from .link import resolve_wikilink
from .models.records import format_from_facts
from .redirects import redirects
from .wording import words_of

CORRECTED_FIELDS = {"date": "the date", "published": "the publication date"}
"""Top-level fields whose new value corrects a fact the record states (others are changes)."""
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
KIND_WORDS = {"calls": "call", "actors": "person", "organizations": "organization",
              "topics": "topic", "events": "event", "sources": "source"}


@dataclass(frozen=True)
class Publication:
    sha: str
    when: dt.datetime
    changes: tuple[Change, ...]

    @property
    def anchor(self) -> str:
        return f"change-{self.sha[:10]}"

    def counts(self) -> Counter:
        return Counter(c.kind for c in self.changes)


@dataclass
class Changelog:
    publications: list[Publication] = field(default_factory=list)
    """Newest first; only those that changed a record."""
    note: str | None = None
    """Why the history is missing or incomplete (history.History.note)."""
    corrections: dict[Key, list[tuple[Publication, Change]]] = field(default_factory=dict)
    """Record -> its corrections, newest first."""


_LAST: list[tuple[Graph, History, Changelog]] = []
"""The last changelog made: a build asks for it twice (the pages, the feeds)."""


def changelog(graph: Graph, history: History) -> Changelog:
    if _LAST and _LAST[0][0] is graph and _LAST[0][1] is history:
        return _LAST[0][2]
    log = _changelog(graph, history)
    _LAST[:] = [(graph, history, log)]
    return log


def _changelog(graph: Graph, history: History) -> Changelog:
    moved = redirects(graph.corpus)
    names = _Names(graph)
    log = Changelog(note=history.note)
    for revision in history.revisions:
        changes: list[Change] = []
        for file in revision.files:
            changes += _file_changes(file, names, moved)
        if not changes:
            continue
        publication = Publication(revision.sha, revision.when, tuple(changes))
        log.publications.append(publication)
        for change in changes:
            if change.kind == "corrected" and graph.corpus.records.get(change.key.kind, {}).get(
                    change.key.id):
                log.corrections.setdefault(change.key, []).append((publication, change))
    return log


class _Names:
    """Names of records today, and shown words of statements."""

    def __init__(self, graph: Graph):
        self.graph = graph
        self.texts = {graph.corpus.get("sources", s).text: s for s in graph.corpus.records["sources"]}
        self._words: dict[Any, str] = {}
        self.passages = graph.corpus.passages or {}
        """Today's keyed passages: past versions of a record are typed out with them, so that
        its quotes and citations compare as what they say (a passage's own past wordings are
        compared on its source, `passage_changes`)."""
        self.quoting: dict[str, list[Key]] = {}
        """Passage key -> the records that quote it today."""
        for kind in graph.corpus.records:
            for loaded in graph.corpus.loaded(kind):
                for loc, cited in loaded.keyed.items():
                    if loc[0] == "quotes":
                        self.quoting.setdefault(cited, []).append(Key(kind, loaded.id))

    def typed_out(self, kind: str, data: dict) -> dict:
        """A past version of a record with its passage keys typed out (core/citekeys.py)."""
        model = KINDS.get(kind)
        if model is None or kind == "sources" or not data:
            return data
        typed = expand(model, data, self.passages).data
        if not isinstance(typed, dict):
            return data
        derived = format_from_facts(typed) if kind == "calls" and typed.get("format") is None else None
        return {**typed, "format": derived} if derived else typed  # as the model reads it

    def exists(self, key: Key) -> bool:
        return key.id in self.graph.corpus.records.get(key.kind, {})

    def of_target(self, target: str) -> str:
        key, _ = resolve_wikilink(target, self.graph.corpus)
        return describe.name(self.graph, key) if key else target

    def source(self, source_id: str) -> str:
        """A source by its outlet, as the site's notes name it after the first time."""
        key = Key("sources", source_id)
        if not self.exists(key):
            return source_id
        source = self.graph.record(key)
        outlet = source.outlet or "an outlet not stated"
        return f"{source.republished_from} via {outlet}" if source.republished_from else outlet

    def words(self, text: Any) -> str:
        shown = self._words.get(text)
        if shown is None:
            shown = self._words[text] = words_of(str(text), self.of_target)
        return shown

    def person(self, quote: dict) -> str:
        for kind, field_ in (("actors", "speaker"), ("organizations", "speaker_org")):
            value = quote.get(field_)
            if isinstance(value, str):
                key = Key(kind, value)
                if self.exists(key):
                    return describe.name(self.graph, key)
                return value
        return str(quote.get("speaker_as") or "an unnamed speaker")


def _key(path: str, moved: dict[Key, Key]) -> Key:
    folder, _, file = path.partition("/")
    key = Key(folder, file.rsplit(".", 1)[0])
    return moved.get(key, key)


@functools.lru_cache(maxsize=4096)
def _parsed(data: bytes) -> dict:
    """A past version of a record file as data (libyaml's parser where installed: the history
    of a corpus is megabytes of YAML), remembered: serve compares again at every save."""
    try:
        loaded = yaml.load(data.decode("utf-8-sig", "replace"), Loader=LOADER)
    except yaml.YAMLError:
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _load(data: bytes | None) -> dict:
    return {} if data is None else _parsed(data)


TOP_LABEL = re.compile(r"^(?:title|name|headline):[ \t]*(.+?)[ \t]*$", re.MULTILINE)


def _label(data: bytes | None, key: Key) -> str:
    """A record's name as its file gives it, read without parsing the file (files added and
    removed are named, never compared): its title, name or headline line."""
    found = TOP_LABEL.search(data.decode("utf-8-sig", "replace")) if data else None
    if not found:
        return key.id
    value = found.group(1)
    if value[:1] in "'\"":
        with contextlib.suppress(yaml.YAMLError):  # a quoted name left as it is written
            value = str(yaml.safe_load(value))
    return value


def _file_changes(file: FileChange, names: _Names, moved: dict[Key, Key]) -> list[Change]:
    path = file.new or file.old
    assert path is not None
    if path.startswith("texts/"):
        if file.status != "M":
            return []  # a text comes and goes with its source
        source = names.texts.get(path)
        key = Key("sources", source) if source else Key("sources", path)
        return [Change("corrected", key, "verbatim text", label=path)]
    key = _key(path, moved)
    word = KIND_WORDS.get(key.kind, key.kind)
    if file.status == "A":
        return [Change("added", key, word, label=_label(file.after, key))]
    if file.status == "D":
        return [Change("removed", key, word, label=_label(file.before, key))]
    changes = []
    label = _label(file.after, key)
    if file.status == "R" and file.old:
        old = _key(file.old, {})
        changes.append(Change("renamed", key, word, old.id, key.id, label=label))
    return changes + _record_changes(key, _load(file.before), _load(file.after), names, label)


def _record_changes(key: Key, before: dict, after: dict, names: _Names,
                    label: str = "") -> list[Change]:
    before, after = names.typed_out(key.kind, before), names.typed_out(key.kind, after)
    out = [Change("corrected" if field_name in CORRECTED_FIELDS else "changed", key,
                  CORRECTED_FIELDS.get(field_name, f"the field {field_name}"),
                  scalar(before.get(field_name)), scalar(after.get(field_name)), label)
           for field_name in sorted(set(before) | set(after))
           if is_scalar(before.get(field_name)) and is_scalar(after.get(field_name))
           and before.get(field_name) != after.get(field_name)]
    out += statement_changes(key, label, collect(before, "text", "cites"),
                       collect(after, "text", "cites"), names)
    out += quote_changes(key, label, collect(before, "words", "source"),
                   collect(after, "words", "source"), names)
    out += fact_changes(key, label, before.get("facts") or [], after.get("facts") or [], names)
    if key.kind == "sources":
        out += passage_changes(key, label, before.get("passages"), after.get("passages"), names)
    return out
