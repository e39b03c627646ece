"""The renderer of `briefing serve`'s rounds (incremental.py): its indexes note what each page
reads, its memo caches are emptied before each page, and a replaced round is taken apart."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from .link import Graph
from .render import Renderer
from .render.indexes import INDEXES

GRAPH_INDEXES = ("texts", "passages", "backlinks", "previous_call", "next_call", "calls_in_order")
"""Graph attributes pages read besides the records."""
SITE_INDEXES = ("sources_listing", "quotes_of")
"""Site attributes built once from the whole corpus (its other dicts are memo caches)."""


def dismantle(graph: Graph, renderer: Renderer | None = None) -> None:
    """Empty the containers a replaced round built (its corpus's, graph's, renderer's and
    site's), so that what they held is freed by reference counting even where the round's
    objects refer to one another; the records, the rendered pages and what the next round
    reuses are held elsewhere and stay."""
    owners: list[Any] = [graph.corpus, graph]
    if renderer is not None:
        owners += [renderer.indexes, renderer.site, renderer.site.comparisons]
    for owner in owners:
        for value in list(vars(owner).values()):
            if isinstance(value, (dict, list, set)):
                value.clear()


def tracked_renderer(graph: Graph, track: Callable[[str, Any], Any]) -> Renderer:
    """A Renderer over `graph` whose indexes note what each page reads (`track` wraps one and
    registers it; the corpus's record dictionaries are wrapped already)."""
    for name in GRAPH_INDEXES:
        setattr(graph, name, track(f"graph.{name}", getattr(graph, name)))
    renderer = Renderer(graph)
    site = renderer.site
    for name in SITE_INDEXES:
        setattr(site, name, track(f"site.{name}", getattr(site, name)))
    comparisons = site.comparisons
    comparisons.by_call = track("comparisons.by_call", comparisons.by_call)
    comparisons.remarks = track("comparisons.remarks", comparisons.remarks)
    comparisons.series = track("comparisons.series", comparisons.series)
    # The content's history, read when the renderer is made: a commit made while serve runs
    # shows on the pages that read it (the "What changed" page, corrected records).
    renderer.history = track("renderer.history", renderer.history)
    indexes = renderer.indexes
    for name in INDEXES:
        setattr(indexes, name, track(f"indexes.{name}", getattr(indexes, name)))
    # Anything else the renderer built from the whole corpus when it was made (a non-empty
    # container) is an index too: tracked, so that a new index cannot make pages stale.
    for owner, prefix in ((site, "site"), (indexes, "indexes")):
        for name, value in list(vars(owner).items()):
            if type(value) in (dict, list) and value:
                setattr(owner, name, track(f"{prefix}.{name}", value))
    return renderer


def cache_reset(renderer: Renderer) -> Callable[[], None]:
    """A function that empties the memo caches of the renderer and its Site (every empty
    container or None attribute they had when made), so that a page computes, and so reads,
    everything it shows."""
    owners = [renderer, renderer.site]
    initial = [{name: value for name, value in vars(owner).items()
                if value is None or (type(value) in (dict, list, set) and not value)}
               for owner in owners]
    known = [set(vars(owner)) for owner in owners]

    def reset() -> None:
        for owner, caches, names in zip(owners, initial, known):
            state = vars(owner)
            for name in [n for n in state if n not in names]:
                del state[name]  # set lazily by an earlier page
            for name, value in caches.items():
                state[name] = copy.copy(value)

    return reset
