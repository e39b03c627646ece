"""Stage 1: load every record file under `content/` into typed records, collecting all problems."""

from __future__ import annotations

import dataclasses
import errno
import os
import re
from pathlib import Path
from typing import Any

import pydantic

from .citekeys import CITE, Entry, Expanded, expand, key_problems, passage_entries
from .corpus import Corpus, Loaded
from .errors import ConfigError, Problem, did_you_mean, relative
from .explain import pydantic_problems
from .identity import identity
from .kinds import KIND_NAMES, KINDS, REGISTRY
from .models import Call, id_problem, suggest_id
from .record_walk import duplicate_references
from .text_file import file_kind
from .yamlfile import Located, YamlProblem, dotted, read_yaml


def load_corpus(content: Path, load_file=None) -> tuple[Corpus, list[Problem]]:
    """Read and validate every record; return what loaded and every problem found.

    `load_file` (default `_load_file`, same signature) lets `briefing serve` reuse the records
    of files that did not change since its previous load (core/incremental.py).
    """
    load_file = load_file or _load_file
    if not content.exists():
        raise ConfigError(f"content directory '{content}' does not exist; "
                          "run from the project root or pass --content")
    if not content.is_dir():
        raise ConfigError(f"content path '{content}' is not a directory")
    root = content.resolve()
    corpus = Corpus(root=content)
    problems: list[Problem] = []
    for kind in KINDS:
        corpus.records[kind] = {}
    try:
        entries = sorted(content.iterdir())
    except OSError as exc:
        raise ConfigError(f"content directory '{content}' cannot be read ({exc.strerror}); "
                          "check its permissions") from None
    for entry in entries:
        if entry.name.startswith(".") or entry.name == "texts":
            continue
        if entry.name not in KINDS:
            hint = did_you_mean(entry.name, set(KINDS))
            problems.append(Problem(relative(entry), 0, 0, "",
                                    f"unknown content folder '{entry.name}'{hint}; "
                                    f"expected one of: {', '.join(KINDS)}"))
    for kind in LOAD_ORDER:
        if kind == LOAD_ORDER[1]:  # the sources are read: their passages can be typed out
            corpus.passages, found = _passage_index(corpus)
            problems += found
        folder = content / kind
        if folder.exists() and not folder.is_dir():
            problems.append(Problem(relative(folder), 0, 0, "",
                                    f"'{kind}' must be a folder of '<id>.yaml' record files"))
        if not folder.is_dir():
            continue
        resolved = folder.resolve()
        try:
            paths = sorted(folder.iterdir())
        except OSError as exc:
            problems.append(Problem(relative(folder), 0, 0, "", f"the folder cannot be read "
                                                                f"({exc.strerror}); check its permissions"))
            continue
        for path in paths:
            found = load_file(corpus, kind, path, root, resolved)
            if found:
                corpus.invalid.setdefault(kind, set()).add(path.stem)
            problems.extend(found)
    problems += _duplicate_names(corpus)
    return corpus, problems


LOAD_ORDER = ("sources", *(kind for kind in KINDS if kind != "sources"))
"""Sources first: the passages they key are typed out in the other records as those load."""


def _passage_index(corpus: Corpus) -> tuple[dict[str, Entry], list[Problem]]:
    """Every keyed passage of the sources (of files with problems too, so that a key is not
    reported unknown where its source is broken), and each key used twice."""
    sources = sorted([*corpus.records["sources"].values(),
                      *(p for p in corpus.partial if p.kind == "sources")], key=lambda one: one.id)
    found = [(key, entry, loaded) for loaded in sources
             for key, entry in passage_entries(loaded.id, loaded.located.data)]
    problems = [found[at][2].problem(loc, message) for at, loc, message in key_problems(
        (key, loaded.path, ("passages", key)) for key, _, loaded in found)]
    index: dict[str, Entry] = {}
    for key, entry, _ in found:
        index.setdefault(key, entry)
    return index, problems


def _duplicate_names(corpus: Corpus) -> list[Problem]:
    """A record whose name is another record's name or alias, in the same folder, is most often
    a copy under a second file name: the site would show the same person twice. (Events are
    told apart by their date too: a summit is held every year.)"""
    problems = []
    for kind in (kind.folder for kind in REGISTRY if kind.unique_names):
        taken: dict[tuple[str, str], tuple[Loaded, str]] = {}
        for loaded in corpus.loaded(kind):
            record = loaded.record
            day = getattr(record, "date", "") if kind == "events" else ""
            name = (identity(record.name), day)
            if name in taken:
                first, how = taken[name]
                what = "the name" if how == "name" else "an alias"
                problems.append(loaded.problem(
                    ("name",), f"'{record.name}' is already {what} of {relative(first.path)}; "
                               f"one {KIND_NAMES[kind]}, one record: merge the two files, or "
                               "tell them apart in the name"))
                continue
            taken[name] = (loaded, "name")
            for alias in getattr(record, "aliases", []):
                taken.setdefault((identity(alias), day), (loaded, "alias"))
    return problems


def _load_file(corpus: Corpus, kind: str, path: Path, root: Path, folder: Path) -> list[Problem]:
    """Read one record file into the corpus; its problems, named by the path the curator sees.

    That path is worked out only for a file with problems: resolving it costs more than
    reading a small record.
    """
    if path.name.startswith("."):
        return []
    problems = _read_record(corpus, kind, path, root, folder)
    if problems:
        shown = relative(path)
        problems = [dataclasses.replace(problem, file=shown) for problem in problems]
    return problems


_COPY = re.compile(r"(.+?\.ya?ml)(?:\.[^.]+|~)+")
"""A copy or backup of a record file: energy.yaml.bak, energy.yaml~, energy.yml.orig."""


def not_a_record(name: str) -> str:
    """Why a file in a record folder is not a record, and what to do with it."""
    copy = _COPY.fullmatch(name)
    if copy:
        return (f"not a record file: records are '<id>.yaml' files, and this looks like a copy "
                f"or backup of '{copy.group(1)}'; move it out of content/ or delete it")
    return (f"not a record file: records are '<id>.yaml' files (rename it to "
            f"'{Path(name).stem}.yaml' or "
            "move it out of content/)")


def _loops(path: Path) -> bool:
    try:
        os.stat(path)
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


def _read_record(corpus: Corpus, kind: str, path: Path, root: Path, folder: Path) -> list[Problem]:
    """`_load_file`'s work; problems carry no file name yet."""
    shown = ""
    if path.suffix in (".yml", ".json") or (path.suffix != ".yaml" and not path.is_dir()):
        return [Problem(shown, 0, 0, "", not_a_record(path.name))]
    if path.is_dir():
        return [Problem(shown, 0, 0, "", "unexpected folder: records live directly in "
                                         f"content/{kind}/")]
    # Only a symbolic link can lead elsewhere than the (resolved) folder it sits in. A loop is
    # found by stat (ELOOP): Path.resolve() raises on one before Python 3.13 only.
    if path.is_symlink() and _loops(path):
        return [Problem(shown, 0, 0, "", "symlink loop: the link leads back to itself; replace "
                                         "it by the file")]
    target = path.resolve() if path.is_symlink() else folder / path.name
    if not target.is_relative_to(root):
        return [Problem(shown, 0, 0, "", f"symlink points outside content/ (to '{target}'); "
                                         "copy the file in instead")]
    if not path.is_file():
        try:
            what = file_kind(path.stat().st_mode)
        except OSError:
            what = "a broken symlink"
        else:
            what = f"a symlink to {what}" if path.is_symlink() else what
        return [Problem(shown, 0, 0, "", f"{what}: a record must be a YAML text file")]
    stem = path.stem
    wrong = id_problem(stem, kind, ".yaml")
    if wrong:
        return [Problem(shown, 0, 0, "", f"file name '{path.name}' {wrong}")]
    try:
        located = read_yaml(path)
    except YamlProblem as exc:
        return [Problem(shown, exc.line, exc.column, exc.field, exc.message)]
    except OSError as exc:
        return [Problem(shown, 0, 0, "", f"cannot read file: {exc.strerror}")]
    model = KINDS[kind]
    expanded = expand(model, located.data, corpus.passages or {})
    unkeyed = [Problem(shown, *located.line_column(loc), dotted(loc), message)
               for loc, message in expanded.problems]
    try:
        record = model.model_validate(expanded.data)
    except pydantic.ValidationError as exc:
        errors = [e for e in exc.errors() if _own_error(tuple(e["loc"]), located, expanded)]
        problems = unkeyed + pydantic_problems(shown, located, model, errors)
        # Invalid, with no problem of its own when a passage it cites is (reported on the
        # passage's source): references to it are not reported as unknown.
        corpus.invalid.setdefault(kind, set()).add(stem)
        corpus.partial.append(Loaded(kind, stem, path, None, located, expanded.keyed, expanded.used))
        return problems + _odd_numbers(shown, located, {p.field for p in problems})
    problems = unkeyed + _odd_numbers(shown, located, set())
    if record.id is not None and record.id != stem:
        line, column = located.line_column(("id",))
        other = path.with_name(f"{record.id}.yaml")
        if other.exists():
            message = (f"id '{record.id}' is already the id of {relative(other)}; ids are unique: "
                       f"set id: {stem} or leave the id out (the file name is the id)")
        else:
            message = (f"id '{record.id}' does not match the file name; "
                       f"rename the file to '{record.id}.yaml' or set id: {stem}")
        problems.append(Problem(shown, line, column, "id", message))
    problems += _duplicate_fact_keys(shown, located, record)
    problems += _duplicates(shown, located, record)
    problems += _event_span(shown, located, record)
    if isinstance(record, Call) and not stem.startswith(record.date.isoformat() + "-"):
        line, column = located.line_column(("date",))
        problems.append(Problem(shown, line, column, "date",
                                f"a call's id starts with its date: expected "
                                f"'{record.date.isoformat()}-…', got '{stem}'"))
    if not problems:
        corpus.records[kind][stem] = Loaded(kind, stem, path, record, located, expanded.keyed, expanded.used)
    else:
        corpus.partial.append(Loaded(kind, stem, path, record, located, expanded.keyed, expanded.used))
    return problems


def _own_error(loc: tuple, located: Located, expanded: Expanded) -> bool:
    """Whether a validation error is this file's: not one at a key that is reported unknown,
    nor one in the fields a passage gave (reported on its source)."""
    unexpanded = {where[:-1] if where[-1] == CITE else where for where, _ in expanded.problems}
    if any(loc[:len(where)] == where for where in unexpanded):
        return False
    return not any(loc[:n] in expanded.filled for n in range(len(loc), 0, -1))


_suggest_id = suggest_id  # the name ingest imports


def _odd_numbers(shown: str, located: Located, reported: set[str]) -> list[Problem]:
    """Numbers YAML read from 050, 0x32 or +50 where a number was accepted (a text field refuses
    them with its own message): one way of writing numbers, so 050 never counts as 40."""
    problems = []
    for loc, message in located.odd_numbers.items():
        if dotted(loc) not in reported:
            line, column = located.line_column(loc)
            problems.append(Problem(shown, line, column, dotted(loc), message))
    return problems


def _duplicates(shown: str, located: Located, record: Any) -> list[Problem]:
    """A list of references names each record once: `topics: [trade, trade]` would show Trade
    twice on the page (and a call listing one topic thousands of times costs MkDocs minutes)."""
    problems = []
    for loc, first, value in duplicate_references(record):
        line, column = located.line_column(loc)
        problems.append(Problem(shown, line, column, dotted(loc),
                                f"'{value}' is listed twice (first at {dotted(first)}); "
                                "remove this one"))
    return problems


def _event_span(shown: str, located: Located, record: Any) -> list[Problem]:
    """An event cannot end before it begins (compared as precisely as both dates are given)."""
    end, start = getattr(record, "end_date", None), getattr(record, "date", None)
    if not isinstance(end, str) or not isinstance(start, str):
        return []
    common = min(len(end), len(start))
    if end[:common] >= start[:common]:
        return []
    line, column = located.line_column(("end_date",))
    return [Problem(shown, line, column, "end_date",
                    f"end_date '{end}' is before date '{start}'; check both dates")]


def _duplicate_fact_keys(shown: str, located: Located, record: Any) -> list[Problem]:
    """Fact keys are unique within a record: a second 'duration' would hide the first."""
    problems: list[Problem] = []
    first: dict[str, int] = {}
    for index, fact in enumerate(getattr(record, "facts", [])):
        key = getattr(fact, "key", None)
        if key is None:
            continue
        if key in first:
            line, column = located.line_column(("facts", index, "key"))
            problems.append(Problem(shown, line, column, f"facts[{index}].key",
                                    f"duplicate fact key '{key}' (first at facts[{first[key]}]); "
                                    "put every source's version under one key, in its reports"))
        first.setdefault(key, index)
    return problems

