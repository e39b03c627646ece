"""How a comparison's outcome (decided in core/compare.py) is said, and how a call's comparisons
are grouped on its page; templates/_comparisons.md.j2 only lays these out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..compare import CLASH, COMPATIBLE, ONE_SOURCE, SAME, VARIANT
from .markup import Safe

PAIR_KINDS = {COMPATIBLE: "Consistent", VARIANT: "Wording variant", CLASH: "Clash"}
"""How a pair of versions relates, as its line in "Pair by pair" starts."""


def verdict(c: Any) -> Safe:
    """The line above a comparison's table. Only a conflict says "disagree"."""
    n = len(c.versions)
    if c.disagrees:
        if c.kind == "remark":
            return Safe(f"**Sources disagree:** the outlets' {n} wordings of the same remark give "
                        "different figures, or one negates another.")
        return Safe(f"**Sources disagree:** {n} versions, not all consistent: a pair that no rule "
                    "or cited relation reconciles clashes (pair by pair below).")
    if c.variant:
        return Safe(f"**Wording variants:** the outlets print {n} wordings of the same remark; no "
                    "number differs and none negates another, so it is not counted as a "
                    "disagreement.")
    if c.outcome == ONE_SOURCE:
        if n > 1:
            return Safe(f"**One source**, stating it {n} ways — stated differently, consistent.")
        return Safe("**One source** only: no other source confirms it, none contradicts it.")
    if c.outcome == COMPATIBLE:
        return Safe(f"**Stated differently, consistent:** {n} wordings that do not contradict "
                    "each other.")
    return Safe(f"**Same:** all {len(c.sources)} sources state it the same way.")


@dataclass(frozen=True)
class CallComparisons:
    """A call's comparisons in the groups its page shows, each in the call's order."""

    conflicting: list[Any]
    """Where the sources disagree (conflicts of fact)."""
    consistent: list[Any]
    """Stated differently, consistent (by several sources, or one in several ways)."""
    variants: list[Any]
    """Wording variants of one remark."""
    same: list[Any]
    """Stated the same way by every source."""
    single: list[Any]
    """Given by one source, in one way."""


def call_comparisons(comparisons: Iterable[Any]) -> CallComparisons:
    found = list(comparisons)
    return CallComparisons(
        conflicting=[c for c in found if c.disagrees],
        consistent=[c for c in found if c.consistent],
        variants=[c for c in found if c.variant],
        same=[c for c in found if c.outcome == SAME],
        single=[c for c in found if c.outcome == ONE_SOURCE and not c.consistent])
