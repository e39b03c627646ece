"""`briefing rename` and `briefing remove`: change a record's id, or take a record out, without
leaving a broken reference behind.

Both find every reference by the model (fields typed as references, and [[links]] in prose), so
nothing is found by guessing at text. Both work only on a corpus that validates, and rename
checks the corpus again before it writes: on any problem nothing is changed. Edits are made in the
files' own text, at the positions the YAML reader reports, so comments and layout stay as the
curator wrote them.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..core.citekeys import passage_references, typed_out
from ..core.corpus import Corpus, Loaded
from ..core.errors import ConfigError, ContentError, Problem, relative
from ..core.graph import Key
from ..core.kinds import KIND_NAMES, KINDS
from ..core.link import WIKILINK, link, resolve_wikilink
from ..core.load import load_corpus
from ..core.models import LOCATION_FACT, id_problem
from ..core.record_walk import walk
from ..core.redirects import CALL_ID, renamed_hint
from ..core.yamlfile import dotted


@dataclass(frozen=True)
class Reference:
    """One place that names a record: a reference field or a [[link]] in prose."""

    loaded: Loaded
    line: int
    column: int
    field: str
    link: bool
    """A [[link]] in prose (else a field whose value is the id)."""
    keyed: str = ""
    """The passage key a citation gives, where it cites the source by key: it follows a
    rename by itself, and keeps the source from being removed."""

    def __str__(self) -> str:
        what = "link in" if self.link else ("citation by key in" if self.keyed else "field")
        return f"{relative(self.loaded.path)}:{self.line}:{self.column}: {what} {self.field}"


def _valid_corpus(content: Path, verb: str) -> Corpus:
    corpus, problems = load_corpus(content)
    _, link_problems = link(corpus)
    problems += link_problems
    if problems:
        raise ContentError(problems, f"nothing was {verb}d: {verb} works on content that "
                                     "validates, so fix these first.")
    return corpus


def find_record(corpus: Corpus, name: str) -> Key:
    """The record `name` means: an id, or kind/id where ids of two kinds are the same."""
    kind, _, id_ = name.strip().rpartition("/")
    if kind and kind not in KINDS:
        raise ConfigError(f"unknown kind '{kind}' in '{name}'; kinds are: {', '.join(KINDS)}")
    key, hint = resolve_wikilink(name, corpus)
    if key is None:
        renamed = "".join(renamed_hint(corpus, k, id_) for k in ([kind] if kind else KINDS))
        raise ConfigError(f"no record '{name}' in {corpus.root}{renamed or hint}")
    return key


def references_to(corpus: Corpus, target: Key) -> list[Reference]:
    """Every reference to target in the corpus, in file then line order; its own file included."""
    found: list[Reference] = []
    for kind in KINDS:
        for loaded in corpus.loaded(kind):
            lines: list[str] | None = None
            for loc, shape, value, _ in walk(loaded.record):
                if typed_out(loaded.keyed, loc) and loc not in loaded.located.positions:
                    if shape.ref == target.kind == "sources" and value == target.id:
                        at = next(loc[:n] for n in range(len(loc), 0, -1) if loc[:n] in loaded.keyed)
                        where = loaded.located.where(at)
                        found.append(Reference(loaded, where.line if where else 0,
                                               where.column if where else 0, dotted(at), False,
                                               keyed=loaded.keyed[at]))
                    continue  # a passage's field, named on its source
                where = loaded.located.where(loc)
                line, column = (where.line, where.column) if where else (0, 0)
                field = dotted(loc)
                located_actor = (target.kind == "actors" and field.startswith("facts[")
                                 and field.endswith("].key") and value == LOCATION_FACT + target.id)
                if (shape.ref == target.kind and value == target.id) or located_actor:
                    found.append(Reference(loaded, line, column, field, False))
                elif shape.prose and isinstance(value, str) and "[[" in value:
                    for match in WIKILINK.finditer(value):
                        if resolve_wikilink(match.group(1), corpus)[0] == target:
                            lines = lines if lines is not None else _lines(loaded.path)
                            found.append(Reference(loaded, *_link_position(lines, line, match.group(0)),
                                                   field, True))
            if kind == "sources":
                for loc, ref_kind, value in passage_references(loaded.record):
                    if (ref_kind, value) == (target.kind, target.id):
                        line, column = loaded.located.line_column(loc)
                        found.append(Reference(loaded, line, column, dotted(loc), False))
    found.sort(key=lambda r: (str(r.loaded.path), r.line, r.column))
    return found


def rename_record(content: Path, old_name: str, new_id: str) -> tuple[Key, Key, list[Reference]]:
    """Give a record a new id: rewrite every reference, move its file, and list the old id in
    its `redirect_from` so that its old URL sends readers on. Returns (old, new, references)."""
    corpus = _valid_corpus(content, "rename")
    old = find_record(corpus, old_name)
    new = Key(old.kind, new_id)
    noun = KIND_NAMES[old.kind]
    wrong = id_problem(new_id, old.kind)
    if wrong:
        raise ConfigError(f"the new id '{new_id}' {wrong}")
    if old.kind == "calls" and not CALL_ID.match(new_id):
        raise ConfigError(f"the new id '{new_id}' must start with the call's date, "
                          f"e.g. '{old.id[:11]}{new_id}'")
    if old.kind == "calls" and new_id[:10] != old.id[:10]:
        raise ConfigError(f"a call's id starts with its date ({old.id[:10]}); to correct the "
                          "date, change `date:` and the id together by hand")
    if new_id == old.id:
        raise ConfigError(f"'{old.id}' already has that id")
    if new_id in corpus.records[old.kind]:
        raise ConfigError(f"there is already {_a(noun)} '{new_id}' "
                          f"({relative(corpus.records[old.kind][new_id].path)}); choose another id")
    for loaded in corpus.loaded(old.kind):
        if new_id in loaded.record.redirect_from and loaded.id != old.id:
            raise ConfigError(f"'{new_id}' is a former id of {relative(loaded.path)}, whose old "
                              "URL sends readers there; choose another id")
    qualified = any(new_id in corpus.records[k] for k in KINDS if k != old.kind)
    references = references_to(corpus, old)
    edited = _rewrite(corpus, old, new_id, references, qualified)
    record = corpus.records[old.kind][old.id]
    new_path = record.path.with_name(f"{new_id}.yaml")
    edited[record.path] = _with_redirect(edited.get(record.path, record.path.read_text("utf-8")),
                                         record, old.id, new_id)
    originals = {path: path.read_text("utf-8") for path in edited}
    _write(edited, moves={record.path: new_path})
    try:
        _valid_corpus(content, "rename")
    except ContentError:
        new_path.unlink(missing_ok=True)
        _write(originals, moves={})
        raise
    return old, new, references


def remove_record(content: Path, name: str) -> tuple[Key, list[Path]]:
    """Take a record out, with its source text if no other source uses it. Refuses, changing
    nothing, while any other record refers to it. Returns the key and the files removed."""
    corpus = _valid_corpus(content, "remove")
    key = find_record(corpus, name)
    loaded = corpus.records[key.kind][key.id]
    others = [r for r in references_to(corpus, key) if r.loaded is not loaded]
    if others:
        raise ContentError([Problem(relative(r.loaded.path), r.line, r.column, r.field,
                                    f"refers to {KIND_NAMES[key.kind]} '{key.id}'"
                                    + (" in a [[link]]" if r.link else "")
                                    + (f" by citing its passage '{r.keyed}'" if r.keyed else ""))
                            for r in others],
                           f"nothing was removed: {relative(loaded.path)} stays until no record "
                           "refers to it (change or delete each reference, then run remove "
                           "again; to give it another id instead, use rename).")
    removed = [loaded.path]
    text = getattr(loaded.record, "text", None)
    if key.kind == "sources" and text:
        users = [s for s in corpus.loaded("sources") if s.id != key.id and s.record.text == text]
        text_path = corpus.root / text
        if not users and text_path.is_file():
            removed.append(text_path)
    for path in removed:
        path.unlink()
    return key, removed


# --- editing the files' text -------------------------------------------------------------

def _rewrite(corpus: Corpus, old: Key, new_id: str, references: list[Reference],
             qualified: bool) -> dict[Path, str]:
    """New text of every file that refers to old: fields at their positions, links anywhere."""
    edited: dict[Path, str] = {}
    by_file: dict[Path, list[Reference]] = {}
    for reference in references:
        by_file.setdefault(reference.loaded.path, []).append(reference)
    own = corpus.records[old.kind][old.id]
    if own.record.id is not None:  # an explicit `id:` in the file names it too
        where = own.located.where(("id",))
        if where:
            by_file.setdefault(own.path, []).append(
                Reference(own, where.line, where.column, "id", False))
    bare_ok = resolve_wikilink(old.id, corpus)[0] == old
    for path, refs in by_file.items():
        lines = _lines(path)
        for ref in refs:
            if ref.link or ref.keyed:
                continue
            index = ref.line - 1
            prefix = LOCATION_FACT if ref.field.endswith("].key") else ""
            field = re.compile(r"([\"']?)" + re.escape(prefix + old.id) + r"\1(?![a-z0-9-])")
            match = field.match(lines[index], ref.column - 1)
            if match is None:
                raise ConfigError(f"{ref}: cannot find '{old.id}' where the YAML reader put it; "
                                  "nothing was changed: edit this reference by hand, then rename")
            quote = match.group(1)
            lines[index] = (lines[index][:match.start()] + f"{quote}{prefix}{new_id}{quote}"
                            + lines[index][match.end():])
        text = "".join(lines)
        if any(ref.link for ref in refs):
            kind = re.escape(old.kind)
            qualifier = rf"({kind}/)?" if bare_ok else rf"({kind}/)"
            pattern = re.compile(r"\[\[(\s*)" + qualifier + re.escape(old.id) + r"(?=\s*(?:\||\]\]))")
            text = pattern.sub(lambda m: "[[" + m.group(1) + (
                f"{old.kind}/" if m.group(2) or qualified else "") + new_id, text)
        edited[path] = text
    return edited


def _with_redirect(text: str, record: Loaded, old_id: str, new_id: str) -> str:
    """The record's text with old_id added to `redirect_from` (and new_id dropped from it, when
    a record goes back to an id it had)."""
    former = [i for i in record.record.redirect_from if i != new_id] + [old_id]
    block = "redirect_from:\n" + "".join(f"  - {i}\n" for i in former)
    lines = text.splitlines(keepends=True)
    located = record.located
    if "redirect_from" in located.data:
        start = located.positions[("redirect_from", "<key>")].line - 1
        items = [located.positions[("redirect_from", i)].line
                 for i in range(len(record.record.redirect_from))]
        end = max(items, default=start + 1)
        return "".join(lines[:start]) + block + "".join(lines[end:])
    # After the leading comments (the editor's schema line), before the first field.
    first = next((i for i, line in enumerate(lines) if line.strip() and not line.startswith("#")),
                 len(lines))
    return "".join(lines[:first]) + block + "".join(lines[first:])


def _write(edited: dict[Path, str], moves: dict[Path, Path]) -> None:
    """Write each file through a temporary one, then move the renamed record to its new name."""
    for path, text in edited.items():
        tmp = path.with_name(path.name + ".rename-tmp")
        tmp.write_text(text, "utf-8")
        os.replace(tmp, moves.get(path, path))
        if path in moves:
            path.unlink()


def _lines(path: Path) -> list[str]:
    return path.read_text("utf-8").splitlines(keepends=True)


def _link_position(lines: list[str], start: int, link_text: str) -> tuple[int, int]:
    """Line and column of a [[link]] in a file, searching from the line its value starts on."""
    for index in range(max(start - 1, 0), len(lines)):
        column = lines[index].find(link_text)
        if column >= 0:
            return index + 1, column + 1
    return start, 0


def _a(noun: str) -> str:
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"
