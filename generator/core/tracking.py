"""Containers that note what is read from them: the dependency tracking of `incremental`.

While `READS.current` holds a set, every lookup in a tracked container adds a token to it:
(container name, key) for one key, (name, ("in", key)) for "is there such a key", (name, IDS)
for the set of keys and (name, EVERY) for every value. `diff` gives the tokens whose value
differs between two rounds, so that whatever read one of them is done again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Token = tuple
"""(container name, key): something a page read. The key is a record id or index key, or one of
IDS (the set of keys) and EVERY (every value)."""
IDS = ("<ids>",)
EVERY = ("<every>",)
_MISSING = object()


class Reads:
    """The tokens the page being rendered has read (None: no page is being rendered)."""

    current: set[Token] | None = None


READS = Reads()


class _KeyedReads:
    """What a tracked dict and a tracked set share: each notes, in READS.current, which keys are
    asked for (membership of one key is its own read) and when it is iterated or counted."""

    __slots__ = ()
    _name: str

    def _note(self, key: Any) -> None:
        reads = READS.current
        if reads is not None:
            reads.add((self._name, key))

    def __contains__(self, key):
        self._note(("in", key))  # whether it exists, not what it holds
        return super().__contains__(key)  # type: ignore[misc]

    def __iter__(self):
        self._note(IDS)
        return super().__iter__()  # type: ignore[misc]

    def __len__(self):
        self._note(IDS)
        return super().__len__()  # type: ignore[misc]


class TrackedDict(_KeyedReads, dict):
    """A dict that notes, in READS.current, which keys are read and when it is iterated."""

    __slots__ = ("_name",)

    def __init__(self, name: str, data: dict) -> None:
        super().__init__(data)
        self._name = name

    def __getitem__(self, key):
        self._note(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self._note(key)
        return super().get(key, default)

    def keys(self):
        self._note(IDS)
        return super().keys()

    def values(self):
        self._note(EVERY)
        return super().values()

    def items(self):
        self._note(EVERY)
        return super().items()


class TrackedList(list):
    """A list whose every read counts as reading all of it."""

    __slots__ = ("_name",)

    def __init__(self, name: str, data: list) -> None:
        super().__init__(data)
        self._name = name

    def _note(self) -> None:
        reads = READS.current
        if reads is not None:
            reads.add((self._name, EVERY))

    def __getitem__(self, index):
        self._note()
        return super().__getitem__(index)

    def __iter__(self):
        self._note()
        return super().__iter__()

    def __len__(self):
        self._note()
        return super().__len__()

    def __contains__(self, value):
        self._note()
        return super().__contains__(value)

    def __reversed__(self):
        self._note()
        return super().__reversed__()


class TrackedSet(_KeyedReads, set):
    """A set that notes which members are asked for, and when it is iterated."""

    __slots__ = ("_name",)

    def __init__(self, name: str, data) -> None:
        super().__init__(data)
        self._name = name



def diff(name: str, old: Any, new: Any, same: Callable[[Any, Any], bool]) -> set[Token]:
    """The tokens of container `name` whose value differs between two rounds (raw reads: the
    tracked containers' own methods are bypassed)."""
    if isinstance(new, list) or isinstance(old, list):
        return set() if list.__eq__(list(old or ()), list(new or ())) is True else {(name, EVERY)}
    if isinstance(new, set):
        differ = set.symmetric_difference(set(old or ()), new)
        return ({(name, ("in", key)) for key in differ} | {(name, IDS), (name, EVERY)}
                if differ else set())
    old = old if old is not None else {}
    changed: set[Token] = set()
    old_keys, new_keys = dict.keys(old), dict.keys(new)
    if old_keys != new_keys:
        changed.add((name, IDS))
        changed.update((name, ("in", key)) for key in old_keys ^ new_keys)
    for key in old_keys | new_keys:
        if not same(dict.get(old, key, _MISSING), dict.get(new, key, _MISSING)):
            changed.add((name, key))
    if changed:
        changed.add((name, EVERY))
    return changed


def equal(a: Any, b: Any) -> bool:
    return a is b or a == b
