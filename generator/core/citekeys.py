"""Cite once: a passage is typed on its source record under a key, and cited by that key.

Like a Zotero cite key, a passage key names the words once (with whom the source attributes
them to); claims, facts and quotes cite the key. Keys are expanded here, in the raw data of a
record file before it is typed, into the citations and quotes the rest of the pipeline has
always read, so linking, comparing and rendering never see a key and the site says what it said
when every citation was typed out.

    cites: [ap-two-hours, wh-strong-measures]     # a claim's citations
    reports:
      - cite: ap-two-hours                         # a fact report: the citation, then its value
        value: just over two hours
    quotes:
      - ap-putin-grave-error                       # a quote: words, source and speaker
      - cite: wh-readout-measures                  # … with its own fields beside
        timing: after

A mapping with `cite` may set `attribution`, `speaker` or `as` for that one use (a qualifier on
a Wikidata reference); everything else comes from the passage.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .errors import did_you_mean, relative
from .models import Citation, FactReport, Quote
from .record_walk import cited_models, raw_fields, shapes
from .yamlfile import Loc

CITE = "cite"
QUOTE_FIELDS = {"text": "words", "speaker": "speaker", "speaker_org": "speaker_org", "as": "speaker_as"}
"""A passage's fields -> the fields of a quote citing it."""
CITATION_FIELDS = {"text": "passage", "attribution": "attribution", "speaker": "speaker", "as": "as"}
"""A passage's fields -> the fields of a citation (or fact report) citing it. A speaking
organization is the passage's `as` in a citation's note; it speaks only in quotes."""
TYPED_OUT = {Quote: ("source", "words"), Citation: ("source", "passage"),
             FactReport: ("source", "passage")}


@dataclass(frozen=True)
class Entry:
    """One keyed passage, as its source record gives it."""

    source: str
    """The source record's id."""
    spec: tuple[tuple[str, Any], ...]
    """The passage's fields (text, attribution, speaker, speaker_org, as), raw."""

    @property
    def text(self) -> str:
        words = dict(self.spec).get("text")
        return words if isinstance(words, str) else ""


@dataclass
class Expanded:
    """A record file's raw data with its keys expanded, and what the expansion found."""

    data: Any
    keyed: dict[Loc, str] = field(default_factory=dict)
    """Where a citation or quote was given by key -> the key."""
    problems: list[tuple[Loc, str]] = field(default_factory=list)
    """(location, message) of each key that cannot be expanded."""
    used: dict[str, Entry] = field(default_factory=dict)
    """The passages the file cites, as they were: a record is reused only while they are."""
    filled: set[Loc] = field(default_factory=set)
    """The fields a passage filled in (its problems are reported on its source)."""


def passage_entries(source_id: str, data: Any) -> Iterator[tuple[str, Entry]]:
    """(key, entry) of every passage of a source's raw data: a passage with problems of its
    own is reported on the source, and its key still resolves (the records citing it are then
    refused without a problem of their own)."""
    passages = data.get("passages") if isinstance(data, dict) else None
    if not isinstance(passages, dict):
        return
    for key, spec in passages.items():
        spec = spec if isinstance(spec, dict) else {"text": spec}
        if isinstance(key, str):
            yield key, Entry(source_id, tuple(spec.items()))


def expand(model: type[BaseModel], data: Any, index: dict[str, Entry]) -> Expanded:
    """`data` with every citation and quote given by key typed out from `index`."""
    found = Expanded(data)
    found.data = _expand(model, data, (), index, found)
    return found


def _expand(model: type[BaseModel], data: Any, loc: Loc, index: dict[str, Entry],
            found: Expanded) -> Any:
    if not isinstance(data, dict):
        return data
    citing = _citing(model)
    if not citing:
        return data
    out = dict(data)
    for name, shape, value, item_loc in raw_fields(model, data, loc):
        if shape.alias not in citing:
            continue
        if shape.model in TYPED_OUT:
            value = _cited(shape.model, value, item_loc, index, found)
        elif shape.model is not None:
            value = _expand(shape.model, value, item_loc, index, found)
        else:
            continue
        if shape.many:
            if out[name] is data[name]:
                out[name] = list(data[name])
            out[name][item_loc[-1]] = value
        else:
            out[name] = value
    return out


_CITING: dict[type, frozenset[str]] = {}


def _citing(model: type[BaseModel]) -> frozenset[str]:
    """The fields of `model` that hold a citation or quote, or a model that does: the only
    ones expanding walks (every record file is expanded on every load)."""
    if model not in _CITING:
        _CITING[model] = frozenset()  # a model that holds itself ends here
        _CITING[model] = frozenset(
            shape.alias for shape in shapes(model)
            if shape.model in TYPED_OUT or (shape.model is not None and _citing(shape.model)))
    return _CITING[model]


def _cited(model: type[BaseModel], value: Any, loc: Loc, index: dict[str, Entry],
           found: Expanded) -> Any:
    """A citation, fact report or quote typed out from its key; as it was when not keyed."""
    if isinstance(value, str):
        key, given = value, {}
    elif isinstance(value, dict) and CITE in value:
        key, given = value[CITE], {k: v for k, v in value.items() if k != CITE}
        both = [name for name in TYPED_OUT[model] if name in given]
        if both:
            found.problems.append((loc + (CITE,), f"give either `cite` or {_names(TYPED_OUT[model])}, "
                                                  f"not both (this one also has {_names(both)})"))
            return value
        loc = loc + (CITE,)
    else:
        return value
    entry = index.get(key) if isinstance(key, str) else None
    if entry is None:
        found.problems.append((loc, _unknown(key, index)))
        return value
    at = loc[:-1] if loc[-1] == CITE else loc
    found.keyed[at] = key
    found.used[key] = entry
    names = QUOTE_FIELDS if model is Quote else CITATION_FIELDS
    typed = {"source": entry.source}
    typed.update({names[k]: v for k, v in entry.spec if k in names and v is not None})
    found.filled.update(at + (name,) for name in typed if name not in given)
    typed.update(given)
    return typed


def _names(fields: Iterable[str]) -> str:
    return " and ".join(f"`{name}`" for name in fields)


def _unknown(key: Any, index: dict[str, Entry]) -> str:
    if not isinstance(key, str):
        return "a passage key is a word like 'ap-two-hours', the key of a source's `passages`"
    return (f"unknown passage key '{key}': a key names one of the `passages` of a source "
            f"record{did_you_mean(key, set(index))}")


def key_problems(keys: Iterable[tuple[str, Path, Loc]]) -> Iterator[tuple[int, Loc, str]]:
    """(position in `keys`, location, message) of each key already used by another source:
    keys are cited without their source, so one key names one passage in the whole corpus."""
    first: dict[str, Path] = {}
    for position, (key, path, loc) in enumerate(keys):
        if key in first and first[key] != path:
            yield position, loc, (f"passage key '{key}' is already a key of {relative(first[key])}; "
                                  "keys are unique in the corpus (they are cited without their "
                                  "source): choose another")
        first.setdefault(key, path)


PASSAGE_REFERENCES = {"speaker": "actors", "speaker_org": "organizations"}
"""A passage's fields that name a record -> the record's kind."""


def passage_references(source: Any) -> Iterator[tuple[Loc, str, str]]:
    """(location, kind, id) of every record a source's passages name."""
    for key, passage in source.passages.items():
        for name, kind in PASSAGE_REFERENCES.items():
            value = getattr(passage, name)
            if value:
                yield ("passages", key, name), kind, value


def typed_out_count(corpus: Any) -> int:
    """How many citations and quotes of the corpus type their passage out instead of citing a
    key (the form before cite-once, still read)."""
    return sum(1 for kind in corpus.records for loaded in corpus.loaded(kind)
               for loc, _ in cited_models(loaded.record) if loc not in loaded.keyed)


def typed_out(keyed: dict[Loc, str], loc: Loc) -> bool:
    """Whether loc lies inside a citation or quote that was given by key (its words and
    references are checked once, on the source record)."""
    return any(loc[:n] in keyed for n in range(len(loc), 0, -1)) if keyed else False

