"""The loaded corpus: every record with where it came from, and the sources' verbatim texts."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import Problem, relative
from .yamlfile import Loc, Located, dotted


@dataclass
class Loaded:
    """One record with where it came from."""

    kind: str
    """The content folder: calls, actors, …"""
    id: str
    path: Path
    record: Any
    located: Located
    keyed: dict[Loc, str] = field(default_factory=dict)
    """Where the file cites a passage by key -> the key (core/citekeys.py)."""
    used: dict[str, Any] = field(default_factory=dict)
    """The keyed passages the file cites, as they were when it was read."""

    def problem(self, loc: Loc, message: str, root: Path | None = None) -> Problem:
        """A Problem pointing at loc inside this record's file."""
        where = self.located.where(loc)
        return Problem(relative(self.path, root), where.line if where else 0,
                       where.column if where else 0, dotted(loc), message)


@dataclass
class Corpus:
    """Every record, by kind then id, and the verbatim texts of the sources."""

    root: Path
    """The content directory."""
    records: dict[str, dict[str, Loaded]] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    """Source id -> verbatim text."""
    invalid: dict[str, set[str]] = field(default_factory=dict)
    """Kind -> ids of files that exist but failed validation (already reported), so references
    to them are not reported again as unknown."""
    partial: list[Loaded] = field(default_factory=list)
    """Files read as YAML that failed validation, with their raw data (`located.data`) and,
    when the record itself validated but a check after it failed, the record: linking checks
    what it can of them (references, cited passages), so that a type error never hides a
    file's other problems."""

    passages: dict[str, Any] | None = None
    """Passage key -> the passage (a citekeys.Entry), from every source record; None until the
    sources are read."""

    def get(self, kind: str, id: str) -> Any:
        return self.records[kind][id].record

    def all(self, kind: str) -> list[Any]:
        """Records of one kind, sorted by id (output must not depend on directory order)."""
        return [self.records[kind][i].record for i in sorted(self.records[kind])]

    def loaded(self, kind: str) -> list[Loaded]:
        return [self.records[kind][i] for i in sorted(self.records[kind])]
