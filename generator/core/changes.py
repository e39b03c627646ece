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
import difflib
import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import yaml

from . import describe
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
ALIKE = 0.5
"""How alike (difflib's ratio of words) an old and a new wording must be to be one item
reworded, when they cite nothing in common."""
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
KIND_WORDS = {"calls": "call", "actors": "person", "organizations": "organization",
              "topics": "topic", "events": "event", "sources": "source"}


@dataclass(frozen=True)
class Change:
    kind: str
    """added, removed, renamed, changed or corrected."""
    key: Key
    """The record, by its id today where it is still in the corpus (renames followed)."""
    what: str
    """What changed, in words: a noun phrase where a value was replaced ("the quote of Alice
    Adams", "a statement", "the publication date"), else what was added or removed ("quote
    added", "fact removed")."""
    before: str | None = None
    after: str | None = None
    label: str = ""
    """The record's name as the changed file gave it (for a record no longer in the corpus)."""


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
        compared on its source, `_passages`)."""
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
        if kind == "calls" and typed.get("format") is None and format_from_facts(typed):
            typed = {**typed, "format": format_from_facts(typed)}  # as the model reads it
        return typed

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
                  _scalar(before.get(field_name)), _scalar(after.get(field_name)), label)
           for field_name in sorted(set(before) | set(after))
           if _is_scalar(before.get(field_name)) and _is_scalar(after.get(field_name))
           and before.get(field_name) != after.get(field_name)]
    out += _statements(key, label, _collect(before, "text", "cites"),
                       _collect(after, "text", "cites"), names)
    out += _quotes(key, label, _collect(before, "words", "source"),
                   _collect(after, "words", "source"), names)
    out += _facts(key, label, before.get("facts") or [], after.get("facts") or [], names)
    if key.kind == "sources":
        out += _passages(key, label, before.get("passages"), after.get("passages"), names)
    return out


def _passages(key: Key, label: str, old: Any, new: Any, names: _Names) -> list[Change]:
    """A keyed passage whose words or speaker changed: a correction of each quote citing it
    (where it is shown), else a change of the source's cited words."""
    def spec(value: Any) -> dict:
        return value if isinstance(value, dict) else {"text": value}

    old, new = (value if isinstance(value, dict) else {} for value in (old, new))
    out: list[Change] = []
    for passage in sorted(set(old) & set(new)):
        was, now = spec(old[passage]), spec(new[passage])
        quoting = names.quoting.get(passage, [])
        if str(was.get("text")) != str(now.get("text")):
            out += [Change("corrected", citer, f"the quote of {names.person(_as_quote(now))}",
                           str(was.get("text")), str(now.get("text")),
                           describe.name(names.graph, citer))
                    for citer in quoting] or [
                Change("changed", key, "a cited passage", str(was.get("text")),
                       str(now.get("text")), label)]
        elif names.person(_as_quote(was)) != names.person(_as_quote(now)):
            out += [Change("corrected", citer, f"the speaker of the quote “{now.get('text')}”",
                           names.person(_as_quote(was)), names.person(_as_quote(now)),
                           describe.name(names.graph, citer))
                    for citer in quoting]
    return out


def _as_quote(passage: dict) -> dict:
    """A passage's speaker fields under a quote's names."""
    return {"speaker": passage.get("speaker"), "speaker_org": passage.get("speaker_org"),
            "speaker_as": passage.get("as")}


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, dt.date)) or (
        isinstance(value, list) and all(isinstance(v, (str, int)) for v in value))


def _scalar(value: Any) -> str | None:
    if value is None:
        return None
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def _collect(node: Any, *fields: str) -> list[dict]:
    """Every mapping in the record holding all `fields` (statements, quotes), in file order."""
    found: list[dict] = []
    if isinstance(node, dict):
        if all(f in node for f in fields):
            found.append(node)
        for value in node.values():
            found += _collect(value, *fields)
    elif isinstance(node, list):
        for value in node:
            found += _collect(value, *fields)
    return found


def _cited(item: dict) -> set[tuple[str, str]]:
    return {(str(c.get("source")), str(c.get("passage"))) for c in item.get("cites") or []
            if isinstance(c, dict)}


def _unmatched(old: list[dict], new: list[dict], identity) -> tuple[list[dict], list[dict]]:
    """The items of each side with no identical item on the other (counted, so that a
    duplicated item added is still seen)."""
    left = Counter(identity(item) for item in new)
    gone = []
    for item in old:
        if left[identity(item)]:
            left[identity(item)] -= 1
        else:
            gone.append(item)
    right = Counter(identity(item) for item in old)
    came = []
    for item in new:
        if right[identity(item)]:
            right[identity(item)] -= 1
        else:
            came.append(item)
    return gone, came


def _alike(a: str, b: str) -> float:
    """How alike two wordings are: difflib's ratio of their words (of characters, it took
    seconds on the real corpus's history, and any two English sentences share letters), where
    its cheap upper bounds do not already rule the pair out."""
    matcher = difflib.SequenceMatcher(None, a.split(), b.split(), autojunk=False)
    if matcher.real_quick_ratio() < ALIKE or matcher.quick_ratio() < ALIKE:
        return 0.0
    return matcher.ratio()


def _pair(gone: list[dict], came: list[dict], text, related) -> list[tuple[dict, dict]]:
    """Old and new items that are one item changed: related ones first, then the most alike
    (deterministic: ties go to the earlier item in the file)."""
    pairs = []
    candidates = sorted((not related(o, n), -_alike(text(o), text(n)), i, j)
                        for i, o in enumerate(gone) for j, n in enumerate(came))
    used_old: set[int] = set()
    used_new: set[int] = set()
    for unrelated, ratio, i, j in candidates:
        if i in used_old or j in used_new or (unrelated and -ratio < ALIKE):
            continue
        used_old.add(i)
        used_new.add(j)
        pairs.append((gone[i], came[j]))
    return pairs


def _statements(key: Key, label: str, old: list[dict], new: list[dict],
                names: _Names) -> list[Change]:
    gone, came = _unmatched(old, new, lambda c: names.words(c["text"]))
    unpaired_old = list(gone)
    pairs = _pair(gone, came, lambda c: names.words(c["text"]), lambda a, b: bool(_cited(a) & _cited(b)))
    paired_new = {id(n) for _, n in pairs}
    paired_old = {id(o) for o, _ in pairs}
    out = [Change("changed", key, "a statement", names.words(o["text"]),
                  names.words(n["text"]), label) for o, n in pairs]
    out += [Change("changed", key, "statement added", None, names.words(n["text"]), label)
            for n in came if id(n) not in paired_new]
    out += [Change("changed", key, "statement removed", names.words(o["text"]), None, label)
            for o in unpaired_old if id(o) not in paired_old]
    return out


def _quotes(key: Key, label: str, old: list[dict], new: list[dict], names: _Names) -> list[Change]:
    ident = lambda q: (str(q["words"]), q.get("source"))  # noqa: E731
    gone, came = _unmatched(old, new, ident)
    unpaired_old = list(gone)
    out: list[Change] = []
    # The same words from the same source, said by someone else: the speaker was corrected.
    speakers: dict[tuple, list[str]] = {}
    for q in old:
        speakers.setdefault(ident(q), []).append(names.person(q))
    for q in new:
        was = speakers.get(ident(q))
        if was and names.person(q) not in was:
            out.append(Change("corrected", key, f"the speaker of the quote “{q['words']}”",
                              was.pop(0), names.person(q), label))
    pairs = [(o, n) for o, n in _pair(gone, came, lambda q: str(q["words"]),
                                      lambda a, b: a.get("source") == b.get("source"))
             if o.get("source") == n.get("source")]
    paired_new = {id(n) for _, n in pairs}
    paired_old = {id(o) for o, _ in pairs}
    out += [Change("corrected", key, f"the quote of {names.person(n)}", str(o["words"]),
                   str(n["words"]), label) for o, n in pairs]
    out += [Change("changed", key, "quote added", None, str(n["words"]), label)
            for n in came if id(n) not in paired_new]
    out += [Change("changed", key, "quote removed", str(o["words"]), None, label)
            for o in unpaired_old if id(o) not in paired_old]
    return out


def _facts(key: Key, label: str, old: list, new: list, names: _Names) -> list[Change]:
    def by_key(facts: list) -> dict[str, dict]:
        return {str(f["key"]): f for f in facts if isinstance(f, dict) and "key" in f}

    before, after = by_key(old), by_key(new)
    out: list[Change] = []
    for fact_key in sorted(set(before) | set(after)):
        o, n = before.get(fact_key), after.get(fact_key)
        title = str((n or o or {}).get("label") or fact_key)
        if o is None or n is None:
            out.append(Change("changed", key, f"fact {'added' if o is None else 'removed'}",
                              None if o is None else title, title if o is None else None, label))
            continue
        values = lambda f: [(str(r.get("source")), str(r.get("value")))  # noqa: E731
                            for r in f.get("reports") or [] if isinstance(r, dict)]
        gone, came = _unmatched([{"r": v} for v in values(o)], [{"r": v} for v in values(n)],
                                lambda r: r["r"])
        came_by_source: dict[str, list[str]] = {}
        for item in came:
            came_by_source.setdefault(item["r"][0], []).append(item["r"][1])
        for item in gone:
            source, value = item["r"]
            if came_by_source.get(source):
                new_value = came_by_source[source].pop(0)
                out.append(Change("corrected", key, f"“{title}”, as {names.source(source)} gives it,", value,
                                  new_value, label))
            else:
                out.append(Change("changed", key, f"{title}: report removed", value, None, label))
        out += [Change("changed", key, f"{title}: report added", None, value, label)
                for values_ in came_by_source.values() for value in values_]
    return out
