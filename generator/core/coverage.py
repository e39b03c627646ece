"""Checks that keep the corpus whole across files: every source text belongs to a source, and
a call cites only sources that say they cover it."""

from __future__ import annotations

import functools
from typing import Any

from .corpus import Corpus
from .errors import Problem, relative
from .memo import RecordMemo
from .record_walk import cited_models
from .yamlfile import Loc

TEXTS = "texts"


def orphan_texts(corpus: Corpus) -> list[Problem]:
    """A file in content/texts/ that no source record names in `text:` is never shown nor
    checked: left behind by a removed source, or a source that points at another copy."""
    folder = corpus.root / TEXTS
    try:
        # Only what a source's `text:` can name ('texts/<file>.txt'): other files (a pipe a
        # text links to, notes) are no source text left behind.
        names = sorted(entry.name for entry in folder.iterdir()
                       if entry.name.endswith(".txt") and not entry.name.startswith(".")
                       and not entry.is_dir())
    except OSError:
        return []  # no texts folder (or unreadable: reading the texts reports it)
    partial = {loaded.id for loaded in corpus.partial if loaded.kind == "sources"}
    if corpus.invalid.get("sources", set()) - partial:
        return []  # a source file that could not be read at all may be the one using a text
    used = {loaded.record.text for loaded in corpus.loaded("sources")}
    # A source file that failed validation may still name its text: not an orphan.
    for loaded in corpus.partial:
        if loaded.kind == "sources" and isinstance(loaded.located.data, dict):
            named = loaded.located.data.get("text")
            used.add(named if isinstance(named, str) else "")
    return [Problem(relative(folder / name), 0, 0, "",
                    f"no source uses this text: remove the file, or point a source's "
                    f"'text:' to it (text: {TEXTS}/{name})")
            for name in names if f"{TEXTS}/{name}" not in used]


def uncovered_sources(corpus: Corpus) -> list[Problem]:
    """A call citing a source whose `calls:` does not list it.

    The source's `calls:` is what its page lists as the calls it covers, and what the call
    page's sources come from. It is not derived from the citations (nor the citations checked
    against a derived list) because the two are independent evidence of the curator's intent:
    a citation of a source that does not cover the call is as often a wrong source id (the
    article about the other call) as a missing entry, and only the curator can tell which.
    So the mismatch is an error naming both files and the line to add.
    """
    problems = []
    sources = corpus.records.get("sources", {})
    _FIRST_CITES.start()
    for loaded in corpus.loaded("calls"):
        record = loaded.record
        for loc, source_id in _FIRST_CITES.get(record, functools.partial(_first_cites, record)):
            source = sources.get(source_id)
            if source is None or loaded.id in source.record.calls:
                continue
            problems.append(loaded.problem(
                loc + ("source",),
                f"cites source '{source_id}', whose calls: in {relative(source.path)} does "
                f"not list this call: add '- {loaded.id}' to its calls:, or cite a source that "
                "covers this call"))
    return problems


def _first_cites(call: Any) -> list[tuple[Loc, str]]:
    """(where, source) of the first citation of each source a call cites, in the call's order."""
    first: dict[str, Loc] = {}
    for loc, model in cited_models(call):
        first.setdefault(model.source, loc)
    return [(loc, source) for source, loc in first.items()]


_FIRST_CITES: RecordMemo[list[tuple[Loc, str]]] = RecordMemo()
"""Per call record: walking every call's citations on every save of `briefing serve` (which
keeps the records of unchanged files) cost more than the check itself."""
