"""`briefing migrate`: key every passage a corpus types out in full, once, on its source.

Citations, fact reports and quotes written in the old, typed-out form (`source:` and `passage:`
or `words:`) become citations by key (core/citekeys.py); each distinct passage is written once,
under `passages:` on its source record, with whom the source attributes it to said once (the
attribution most of its uses give; a use that differs keeps its own as a qualifier beside `cite`).

Nothing is lost: the files are edited through ruamel.yaml's round trip, so comments and layout
stay; the migrated corpus is written to a scratch copy first, loaded and compared record by record
with the corpus as it was (every citation and quote must read the same once its key is typed
out), and the files are replaced only when all do and no comment went missing.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from ..core.citekeys import CITE
from ..core.corpus import Corpus
from ..core.errors import BriefingError, ContentError
from ..core.link import link
from ..core.load import load_corpus
from ..core.models import KINDS, Call, Quote, suggest_id
from ..core.models.records import format_from_facts
from ..core.record_walk import cited_raw
from ..core.yamlfile import Loc

KEY_WORDS = 5
"""Words of a passage in its key, after the source's prefix: 'ap-face-to-face-for-just'."""
QUOTE_SPEAKER = {"speaker": "speaker", "speaker_as": "as", "speaker_org": "speaker_org"}
"""A quote's speaker fields -> the passage's."""
CITATION_SPEAKER = {"attribution": "attribution", "speaker": "speaker", "as": "as"}
"""A citation's attribution fields -> the passage's."""


class MigrationRefused(BriefingError):
    """The migrated corpus would not read as the corpus did: nothing was written."""


@dataclass
class _Use:
    """One typed-out citation or quote."""

    path: Path
    loc: Loc
    quote: bool
    fields: dict[str, Any]
    """Its attribution or speaker fields, by the passage's names (None when not given)."""


@dataclass
class _Passage:
    source: str
    text: str
    uses: list[_Use] = field(default_factory=list)
    key: str = ""
    spec: dict[str, Any] = field(default_factory=dict)


@dataclass
class Migration:
    """What `migrate` did (or, checking only, would do)."""

    citations: int = 0
    quotes: int = 0
    passages: int = 0
    formats: int = 0
    """Calls whose `format:` restated their `format` fact (left out now: the fact gives it)."""
    files: list[Path] = field(default_factory=list)


def migrate(content: Path, write: bool = True) -> Migration:
    """Key the corpus's typed-out passages; write the files when `write` and all reads the same."""
    corpus = _valid(content, "nothing was migrated: migrate works on content that validates, "
                             "so fix these first.")
    graph, _ = link(corpus)
    yaml = _yaml()
    docs: dict[Path, Any] = {}
    passages: dict[tuple[str, str], _Passage] = {}
    done = Migration()
    for kind in KINDS:
        for loaded in corpus.loaded(kind):
            doc = yaml.load(loaded.path.read_text("utf-8"))
            docs[loaded.path] = doc
            for loc, model, mapping in cited_raw(KINDS[kind], doc):
                if CITE in mapping:
                    continue
                quote = model is Quote
                text = str(mapping["words" if quote else "passage"])
                names = QUOTE_SPEAKER if quote else CITATION_SPEAKER
                given = {theirs: _given(mapping.get(mine)) for mine, theirs in names.items()}
                passage = passages.setdefault((str(mapping["source"]), text),
                                              _Passage(str(mapping["source"]), text))
                passage.uses.append(_Use(loaded.path, loc, quote, given))
                done.quotes += quote
                done.citations += not quote
    for loaded in corpus.loaded("calls"):
        done.formats += _drop_restated_format(docs[loaded.path], loaded.record)
    if not passages and not done.formats:
        return done
    keyed = {(loaded.id, spec.text): (key, spec) for loaded in corpus.loaded("sources")
             for key, spec in loaded.record.passages.items()}
    taken = {key for _, (key, _) in keyed.items()}
    for at, passage in passages.items():
        if at in keyed:  # typed out again where it is keyed already: cited by that key
            passage.key = keyed[at][0]
            passage.spec = keyed[at][1].model_dump(mode="json", by_alias=True, exclude_none=True,
                                                   exclude={"text"})
            continue
        passage.key = new_key(passage.source, passage.text, taken)
        passage.spec = _spec(passage.uses)
    for passage in passages.values():
        for use in passage.uses:
            _rewrite(docs[use.path], use, passage)
    by_source: dict[str, list[_Passage]] = {}
    for at, passage in passages.items():
        if at not in keyed:
            by_source.setdefault(passage.source, []).append(passage)
    for source_id, listed in by_source.items():
        folded = graph.texts[source_id]
        listed.sort(key=lambda p: (folded.span(p.text) or (0, 0))[0])
        _add_passages(docs[corpus.records["sources"][source_id].path], listed)
    changed = {path: _layout(path.read_text("utf-8"), _dump(yaml, doc))
               for path, doc in docs.items()}
    changed = {path: text for path, text in changed.items() if text != path.read_text("utf-8")}
    done.passages, done.files = len(passages), sorted(changed)
    _check(content, corpus, changed)
    if write:
        for path, text in changed.items():
            tmp = path.with_name(path.name + ".migrate-tmp")
            tmp.write_text(text, "utf-8")
            os.replace(tmp, path)
    return done


def _drop_restated_format(doc: Any, call: Call) -> int:
    """1 when the call's `format:` says what its `format` fact does, and is taken out."""
    if "format" not in doc:
        return 0
    if format_from_facts(call.model_dump(mode="json")) != call.format:
        return 0
    del doc["format"]
    return 1


def _valid(content: Path, refusal: str) -> Corpus:
    corpus, problems = load_corpus(content)
    problems += link(corpus)[1]
    if problems:
        raise ContentError(problems, refusal)
    return corpus


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 100_000  # a passage stays on its line, as curators write it
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _dump(yaml: YAML, doc: Any) -> str:
    out = io.StringIO()
    yaml.dump(doc, out)
    return out.getvalue()


_TOP_KEY = re.compile(r"^[a-z_]+:")


def _layout(before: str, after: str) -> str:
    """`after` with the blank lines and comments the curator left above each top-level field.
    The round trip keeps them with the value before them, which may be a citation the
    migration replaced by its key."""
    above: dict[str, list[str]] = {}
    run: list[str] = []
    for line in before.splitlines(keepends=True):
        if not line.strip() or line.lstrip().startswith("#"):
            run.append(line)
            continue
        if _TOP_KEY.match(line):
            above[line.split(":", 1)[0]] = run
        run = []
    out: list[str] = []
    for line in after.splitlines(keepends=True):
        key = line.split(":", 1)[0] if _TOP_KEY.match(line) else None
        if key in above:
            start = len(out)
            while start and (not out[start - 1].strip() or out[start - 1].lstrip().startswith("#")):
                start -= 1
            if out[start:] != above[key]:
                kept = [kept for kept in out[start:] if kept not in above[key]]
                out[start:] = kept + above[key]
        out.append(line)
    return "".join(out)


def _given(value: Any) -> Any:
    """A speaker field's value, None for left out or `unknown`."""
    return None if value is None or str(value) == "unknown" else str(value)


def _spec(uses: list[_Use]) -> dict[str, Any]:
    """The passage's attribution: for each field, what most of its uses say (citations alone
    have an attribution, quotes alone a speaking organization)."""
    spec: dict[str, Any] = {}
    for name in ("attribution", "speaker", "speaker_org", "as"):
        votes = Counter(use.fields.get(name) for use in uses if name in use.fields)
        if not votes:
            continue
        value = max(votes.items(), key=lambda item: (item[1], item[0] is not None))[0]
        if name == "attribution" and value == "outlet":
            continue  # the default
        if value is not None:
            spec[name] = value
    return spec


def _overrides(use: _Use, spec: dict[str, Any]) -> dict[str, Any]:
    """The fields a use gives otherwise than its passage, in the use's own names."""
    names = QUOTE_SPEAKER if use.quote else CITATION_SPEAKER
    out = {}
    for mine, theirs in names.items():
        default = "outlet" if theirs == "attribution" else None
        given = use.fields.get(theirs) or default
        if given != (spec.get(theirs) or default):
            out[mine] = given if given is not None else "unknown"
    return out


_WORD = re.compile(r"[A-Za-z0-9]+")


def new_key(source: str, text: str, taken: set[str]) -> str:
    """'ap-face-to-face-for-just': the source's first word and the passage's first words, not
    in `taken` (the key is added to it). `ingest` keys the passages it drafts by it too."""
    prefix = source.split("-")[0]
    words = _WORD.findall(text)[:KEY_WORDS]
    base = suggest_id("-".join([prefix, *words]))[:48].strip("-")
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    taken.add(key)
    return key


def _rewrite(doc: Any, use: _Use, passage: _Passage) -> None:
    """Replace one typed-out citation or quote by its key, keeping its own fields."""
    parent = _at(doc, use.loc[:-1])
    mapping = parent[use.loc[-1]]
    overrides = _overrides(use, passage.spec)
    typed = ("source", "words" if use.quote else "passage",
             *(QUOTE_SPEAKER if use.quote else CITATION_SPEAKER))
    for name in typed:
        if name in mapping:
            del mapping[name]
    if not mapping and not overrides:
        parent[use.loc[-1]] = passage.key
        if use.loc[-2] == "cites" and all(isinstance(item, str) for item in parent):
            parent.fa.set_flow_style()
        return
    mapping.insert(0, CITE, passage.key)
    for position, (name, value) in enumerate(overrides.items(), start=1):
        mapping.insert(position, name, value)


def _at(doc: Any, loc: Loc) -> Any:
    for step in loc:
        doc = doc[step]
    return doc


def _add_passages(doc: CommentedMap, keyed: list[_Passage]) -> None:
    block = doc.get("passages")
    if block is None:
        block = doc["passages"] = CommentedMap()
    for passage in keyed:
        words = DoubleQuotedScalarString(passage.text)
        if not passage.spec:
            block[passage.key] = words
        else:
            block[passage.key] = CommentedMap([("text", words), *passage.spec.items()])


def _check(content: Path, before: Corpus, changed: dict[Path, str]) -> None:
    """Load the migrated corpus from a scratch copy and compare it with the corpus as it was."""
    with tempfile.TemporaryDirectory(prefix="briefing-migrate-") as scratch:
        copy = Path(scratch) / "content"
        shutil.copytree(content, copy)
        for path, text in changed.items():
            (copy / path.relative_to(content)).write_text(text, "utf-8")
        after = _valid(copy, "nothing was migrated: the migrated corpus would not validate "
                             "(a bug in migrate; please report it with these lines).")
        differ = [f"{kind}/{id_}" for kind in KINDS for id_ in before.records[kind]
                  if _reads(before, kind, id_) != _reads(after, kind, id_)]
        lost = [f"{path.relative_to(content.parent)}: {line.strip()}" for path, text in changed.items()
                for line in _comments(path.read_text("utf-8")) if line not in _comments(text)]
    if differ or lost:
        raise MigrationRefused(
            "nothing was migrated: " + "; ".join(
                ([f"these records would read otherwise: {', '.join(differ)}"] if differ else [])
                + ([f"these comments would be lost: {' | '.join(lost)}"] if lost else []))
            + ". Please report it.")


def _reads(corpus: Corpus, kind: str, id_: str) -> Any:
    """What a record says, keyed passages apart (they are the migration's addition)."""
    loaded = corpus.records[kind].get(id_)
    if loaded is None:
        return None
    return loaded.record.model_dump(exclude={"passages"} if kind == "sources" else None)


def _comments(text: str) -> Iterator[str]:
    for line in text.splitlines():
        at = line.find("#")
        if at >= 0 and (at == 0 or line[:at].strip() == "" or line[at - 1] == " ") \
                and line.count('"', 0, at) % 2 == 0:
            yield line[at:].strip()

