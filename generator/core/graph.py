"""The linked corpus the pages are built from: record keys, cited passages and the graph of
backlinks (link.py builds it)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from .corpus import Corpus
from .urls import PagePath, record_path
from .verbatim import FoldedText, fold


@dataclass(frozen=True, order=True)
class Key:
    """A record's identity: its kind (content folder) and id."""

    kind: str
    id: str

    @property
    def path(self) -> PagePath:
        """The generated Markdown page of the record."""
        return record_path(self.kind, self.id)


@dataclass
class CitedPassage:
    """A passage of a source text that the site cites, with its anchor on the source page."""

    source: str
    anchor: str
    passage: str
    start: int
    end: int
    cited_from: set[Key] = field(default_factory=set)
    """Records whose pages cite it."""
    uses: list[Use] = field(default_factory=list)
    """Each statement that rests on it, in the order met."""


@dataclass(frozen=True)
class Use:
    """One statement of the site resting on a passage."""

    key: Key
    """The record whose page makes the statement."""
    kind: str
    """'claim', 'quote', 'fact', 'role' or 'location'."""
    text: str
    """The statement as curated (may hold [[wiki-links]])."""


@dataclass
class Graph:
    """Everything the renderers need beyond the records themselves."""

    corpus: Corpus
    texts: dict[str, FoldedText] = field(default_factory=dict)
    passages: dict[str, dict[str, CitedPassage]] = field(default_factory=dict)
    """Source id -> anchor -> passage."""
    backlinks: dict[Key, dict[str, set[Key]]] = field(default_factory=dict)
    """Target -> relation heading -> records that refer to it."""
    calls_in_order: list[str] = field(default_factory=list)
    previous_call: dict[str, str | None] = field(default_factory=dict)
    next_call: dict[str, str | None] = field(default_factory=dict)

    def record(self, key: Key) -> Any:
        return self.corpus.get(key.kind, key.id)

    def exists(self, key: Key) -> bool:
        return key.id in self.corpus.records.get(key.kind, {})


def passage_anchor(passage: str) -> str:
    """A stable anchor for a passage: the same words always get the same URL fragment."""
    return "cite-" + hashlib.sha1(fold(passage).encode("utf-8")).hexdigest()[:10]
