"""Results computed from one record alone, reused while the record is the same object.

`briefing serve` keeps every record whose file did not change as the very object it loaded
(core/incremental.py), then builds the whole-corpus indexes again each save: the comparisons
of every call, the counts of every source's citations. A `RecordMemo` lets such an index reuse,
for each unchanged record, what it computed from it last time, so that a save costs what its
edit touched. A cold build loads new objects and computes everything, as before.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class RecordMemo(Generic[T]):
    """What `compute` gave for a record, by the record's identity, for one pass over the corpus
    and the next: each `start()` keeps only the entries the previous pass used."""

    def __init__(self) -> None:
        self._previous: dict[int, tuple[Any, T]] = {}
        self._current: dict[int, tuple[Any, T]] = {}

    def start(self) -> None:
        """A new pass: what the last one did not use is dropped."""
        self._previous, self._current = self._current, {}

    def get(self, record: Any, compute: Callable[[], T]) -> T:
        """compute()'s value for this record object, or for this tuple of objects, each the same
        (what is held is kept, so its id is not reused). The value must depend on nothing but
        them, and must not be mutated."""
        many = isinstance(record, tuple)
        key: Any = tuple(map(id, record)) if many else id(record)
        hit = self._current.get(key) or self._previous.get(key)
        if hit is None or not (all(map(operator.is_, hit[0], record)) if many else hit[0] is record):
            hit = (record, compute())
        self._current[key] = hit
        return hit[1]
