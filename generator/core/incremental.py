"""Incremental generation for `briefing serve`: after an edit, redo only what the edit touches.

A `Session` keeps the loaded corpus, the linked graph and every rendered page between saves. On
`update()` it

1. re-reads only the files whose (mtime, size, inode) changed and whose bytes then hash
   differently (`load_corpus` and `link` take a per-file reader; everything else is reused);
2. works out which *inputs* changed: the records whose file changed and, for every site-wide
   index (backlinks, cited passages, call order, comparisons…), the keys whose value differs
   from the previous round's;
3. re-links the corpus, replaying each record's links from the previous round unless what it
   looked up changed (source texts are folded again only when their bytes change);
4. re-renders only the pages that read one of those inputs in the previous round. What a page
   reads is recorded while it renders, at one choke point: the corpus's record dictionaries and
   the indexes of `Graph` and `Site` are replaced by the containers of `tracking`, which note
   each key a page looks up (and "every key" when it iterates). The renderer's memo caches are
   emptied before each page, so that no page gets a value another page computed without the
   read being noted.

The result is byte-identical to a cold generation (tests/test_incremental.py checks it on random
edits). `briefing build` and CI never use this module: they generate cold.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import os
import stat
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import link as link_module
from . import load as load_module
from .corpus import Corpus
from .errors import ContentError
from .link import CitedPassage, Graph, link
from .render import Renderer
from .text_file import read_text
from .tracking import READS, TrackedDict, TrackedList, TrackedSet, diff, equal
from .verbatim import FoldedText

GRAPH_INDEXES = ("texts", "passages", "backlinks", "previous_call", "next_call", "calls_in_order")
"""Graph attributes pages read besides the records."""
SITE_INDEXES = ("sources_listing", "quotes_of")
"""Site attributes built once from the whole corpus (its other dicts are memo caches)."""
RENDERER_INDEXES = ("claim_rows", "listing_periods", "listing_members", "section_slugs",
                    "section_members", "backlink_split", "backlink_slugs", "backlink_members")
"""Renderer attributes built once from the whole corpus, tracked even when empty."""


RACY_NS = 2_000_000_000
"""A file changed less than this before it was read may change again with the same stamp
(file systems keep times in ticks of up to 2 s): its bytes are hashed until it is older."""


@dataclass
class _Stamped:
    """What was read from one file, and how to tell it did not change."""

    stamp: tuple
    digest: bytes
    value: Any
    trusted: bool = False
    """The stamp alone proves the file unchanged (it was older than RACY_NS when read)."""

    def unchanged(self, path: Path, stamp: tuple | None, now: int) -> bool:
        """Whether the file still holds what was read, by stamp, else by hash ("racy git")."""
        if stamp is None:
            return False
        if stamp == self.stamp and self.trusted:
            return True
        if _digest(path) != self.digest:
            return False
        self.stamp, self.trusted = stamp, _old(stamp, now)
        return True


def _old(stamp: tuple, now: int) -> bool:
    return max(stamp[0], stamp[3]) < now - RACY_NS


def _stamp(path: Path) -> tuple | None:
    try:
        link_st = os.lstat(path)
        st = os.stat(path) if stat.S_ISLNK(link_st.st_mode) else link_st
    except OSError:
        return None
    return (link_st.st_mtime_ns, link_st.st_size, link_st.st_ino, st.st_mtime_ns, st.st_size,
            st.st_ino)


def _digest(path: Path) -> bytes | None:
    try:
        return hashlib.sha256(path.read_bytes()).digest()
    except OSError:
        return None


@dataclass
class Update:
    """What one round produced."""

    pages: dict[str, str]
    """Every page of the site (path -> Markdown), as a cold generation gives them."""
    changed: list[str]
    """Pages whose text is new or differs from the previous round's."""
    removed: list[str]
    """Pages of the previous round that no longer exist."""
    rendered: int
    """Pages rendered this round (some may have come out unchanged)."""
    read_files: int
    """Files re-read this round (their stamp changed)."""
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds of CPU per stage: read, link, render."""
    rendered_pages: list[str] = field(default_factory=list)
    """The pages rendered this round, sorted (`rendered` counts them)."""


class Session:
    """The serve process's memory of the previous round: corpus, graph, pages and their reads."""

    def __init__(self, content: Path) -> None:
        self.content = content
        self._records: dict[Path, _Stamped] = {}
        self._texts: dict[Path, FoldedText] = {}
        self._sources: dict[Path, _Stamped] = {}
        """Source text files as read (text_file.read_text), by path."""
        self._read_files = 0
        self._now = 0
        self.graph: Graph | None = None
        """The graph of the last round without problems."""
        self._renderer: Renderer | None = None
        """Its renderer."""
        self.pages: dict[str, str] = {}
        self.reads: dict[str, frozenset[tuple]] = {}
        """Plan entry (a page's path, or a group's key) -> what rendering it read."""
        self._outputs: dict[str, dict[str, str]] = {}
        """Plan entry -> the pages it rendered."""
        self._indexes: dict[str, Any] = {}
        """Container name -> its raw contents in the last good round, to diff against."""
        self._links: dict[tuple[str, str], _Linked] = {}
        """(kind, id) -> what linking the record gave in the last good round."""
        self.last: Update | None = None
        """The last round without problems."""
        self.timings: dict[str, float] = {}
        """CPU seconds of the stages of the last round, with problems or not."""

    # -- reading, reusing what did not change -------------------------------------------------

    def _cached(self, cache: dict[Path, _Stamped], path: Path, read: Callable[[], Any],
                keep: Callable[[Any], bool] = lambda value: True) -> tuple[Any, bool]:
        """(what read() gives for the file, whether it was reused): the value read before while
        the file's stamp or bytes did not change; else read again, and remembered if `keep`
        accepts it and the file did not change while it was read."""
        stamp = _stamp(path)
        known = cache.get(path)
        if known is not None and known.unchanged(path, stamp, self._now):
            return known.value, True
        digest = _digest(path) if stamp is not None else None
        value = read()
        if keep(value) and digest is not None and stamp is not None and _stamp(path) == stamp:
            cache[path] = _Stamped(stamp, digest, value, _old(stamp, self._now))
        else:
            cache.pop(path, None)
        return value, False

    def _load_file(self, corpus: Corpus, kind: str, path: Path, root: Path, folder: Path):
        """load._load_file, reusing the record of a file whose stamp or bytes did not change.
        Only files that loaded without a problem are reused: a problem's message may depend
        on other files (an id already taken)."""
        def load() -> tuple[list, Any]:
            problems = load_module._load_file(corpus, kind, path, root, folder)
            return problems, corpus.records[kind].get(path.stem)

        (problems, loaded), reused = self._cached(
            self._records, path, load, keep=lambda made: not made[0] and made[1] is not None)
        if reused:
            corpus.records[kind][path.stem] = loaded
            return []
        self._read_files += 1
        return problems

    def _read_source(self, path: Path, name: str, root: Path) -> str:
        """text_file.read_text, reusing the text of a file whose stamp or bytes did not change
        (a file that could not be read is tried again each round)."""
        text, _ = self._cached(self._sources, path, lambda: read_text(path, name, root))
        return text

    def _fold_text(self, path: Path, text: str) -> FoldedText:
        """link's source-text folding, reused while the text is the same. A copy is returned:
        link sets body_end on it."""
        known = self._texts.get(path)
        if known is None or known.original != text:
            self._read_files += 1
            known = self._texts[path] = FoldedText.of(text)
        return dataclasses.replace(known)

    # -- one round ----------------------------------------------------------------------------

    def update(self) -> Update:
        """Bring the pages up to date with content/; raise ContentError (and keep the previous
        round) when the content has problems."""
        from .pipeline import _no_cyclic_gc

        # Every round runs with the collector paused and what it keeps is frozen (pipeline.py),
        # so that no collection walks the corpus. What a round replaces (the previous graph,
        # renderer and their indexes, some of it in cycles) is emptied by `_dismantle`, so that
        # reference counting frees it: a collection of what is not frozen took 0.1 s per save at
        # 1,000 calls and 0.5 s at 5,000, and freezing it without emptying kept 290,000 objects
        # per save.
        with _no_cyclic_gc():
            return self._update()

    def _update(self) -> Update:
        clock = time.process_time
        self._read_files = 0
        self._now = time.time_ns()
        t0 = clock()
        corpus, problems = load_module.load_corpus(self.content, load_file=self._load_file)
        t1 = clock()
        containers: dict[str, Any] = {}
        self._changed = changed = set[Any]()
        self._new_links: dict[tuple[str, str], _Linked] = {}

        def track(name: str, value: Any) -> Any:
            wrapped = value if isinstance(value, (TrackedDict, TrackedList, TrackedSet)) else (
                TrackedList(name, value) if isinstance(value, list) else TrackedDict(name, value))
            containers[name] = wrapped
            same = (lambda a, b: a is b) if name.startswith("records.") else equal
            changed.update(diff(name, self._indexes.get(name), wrapped, same))
            return wrapped

        self._track = track
        for kind in list(corpus.records):
            corpus.records[kind] = track(f"records.{kind}", corpus.records[kind])
        # One tracked set per kind, present even when empty: linking asks whether the id it
        # names is in its kind's set, and must learn when that id's file breaks.
        corpus.invalid = {kind: track(f"invalid.{kind}", TrackedSet(f"invalid.{kind}",
                                                                     corpus.invalid.get(kind, ())))
                          for kind in set(corpus.records) | set(corpus.invalid)}
        graph, link_problems = link(corpus, fold_text=self._fold_text,
                                    link_record=self._link_record, read_source=self._read_source)
        problems += link_problems
        t2 = clock()
        self.timings = {"read": t1 - t0, "link": t2 - t1}
        if problems:
            _dismantle(graph)
            raise ContentError(problems)
        renderer = _tracked_renderer(graph, track)
        plan = renderer.plan()  # a page, or a group of pages (path -> text)
        dirty = [key for key in plan if key not in self.reads or self.reads[key] & changed]
        reset = _cache_reset(renderer)
        outputs = {key: self._outputs[key] for key in plan if key in self._outputs}
        new_reads = {key: self.reads[key] for key in plan if key in self.reads}
        for key in dirty:
            reset()
            READS.current = reads = set[Any]()
            try:
                made = plan[key]()
            finally:
                READS.current = None
            new_reads[key] = frozenset(reads)
            outputs[key] = made if isinstance(made, dict) else {key: made}
        pages = {path: text for key in plan for path, text in outputs[key].items()}
        written = [path for key in dirty for path, text in outputs[key].items()
                   if self.pages.get(path) != text]
        t3 = clock()
        removed = sorted(set(self.pages) - set(pages))
        old_graph, old_renderer = self.graph, self._renderer
        self.graph, self.pages, self.reads, self._outputs = graph, pages, new_reads, outputs
        self._renderer = renderer
        self._indexes = {name: _raw(container) for name, container in containers.items()}
        self._links = self._new_links
        if old_graph is not None:
            _dismantle(old_graph, old_renderer)
        rendered = sum(len(outputs[key]) for key in dirty)
        self.last = Update(pages, sorted(written), removed, rendered, self._read_files,
                           {"read": t1 - t0, "link": t2 - t1, "render": t3 - t2},
                           sorted(path for key in dirty for path in outputs[key]))
        return self.last

    def _link_record(self, graph: Graph, loaded: Any) -> list:
        """link._link_record, replaying the previous round's result when neither the record
        nor anything it looked up (the existence of the records it names, the texts it cites)
        changed. Records with problems are linked again each round."""
        if not isinstance(graph.texts, TrackedDict):  # read by now: link reads texts first
            graph.texts = self._track("graph.texts", graph.texts)
        me = (loaded.kind, loaded.id)
        known = self._links.get(me)
        if known is None or known.loaded is not loaded or known.reads & self._changed:
            scratch = Graph(graph.corpus, texts=graph.texts, passages=defaultdict(dict))
            READS.current = reads = set[Any]()
            try:
                problems = link_module._link_record(scratch, loaded)
            finally:
                READS.current = None
            if problems:
                _replay(graph, scratch)
                return problems
            known = _Linked(loaded, frozenset(reads), scratch.backlinks, dict(scratch.passages))
        self._new_links[me] = known
        _replay(graph, known)
        return []


@dataclass
class _Linked:
    """What linking one record added to the graph, and what it looked up to do so."""

    loaded: Any
    reads: frozenset
    backlinks: dict
    passages: dict


def _replay(graph: Graph, linked: Any) -> None:
    """Add one record's backlinks and cited passages to the graph, in the order linking them
    adds them."""
    for target, groups in linked.backlinks.items():
        mine = graph.backlinks.setdefault(target, defaultdict(set))
        for relation, origins in groups.items():
            mine[relation].update(origins)
    for source, cited in linked.passages.items():
        passages = graph.passages[source]
        for anchor, passage in cited.items():
            found = passages.get(anchor)
            if found is None:
                found = passages[anchor] = CitedPassage(source, anchor, passage.passage,
                                                    passage.start, passage.end)
            found.cited_from.update(passage.cited_from)
            for use in passage.uses:
                if use not in found.uses:
                    found.uses.append(use)


def _dismantle(graph: Graph, renderer: Renderer | None = None) -> None:
    """Empty the containers a replaced round built (its corpus's, graph's, renderer's and
    site's), so that what they held is freed by reference counting even where the round's
    objects refer to one another; the records, the rendered pages and what the next round
    reuses are held elsewhere and stay."""
    owners: list[Any] = [graph.corpus, graph]
    if renderer is not None:
        owners += [renderer, renderer.site, renderer.site.comparisons]
    for owner in owners:
        for value in list(vars(owner).values()):
            if isinstance(value, (dict, list, set)):
                value.clear()


def _raw(container: Any) -> Any:
    """A plain copy of a tracked container's contents (the values themselves are shared)."""
    if isinstance(container, set):
        return set.copy(container)
    return list.copy(container) if isinstance(container, list) else dict.copy(container)


def _tracked_renderer(graph: Graph, track: Callable[[str, Any], Any]) -> Renderer:
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
    for name in RENDERER_INDEXES:
        setattr(renderer, name, track(f"renderer.{name}", getattr(renderer, name)))
    # Anything else the renderer built from the whole corpus when it was made (a non-empty
    # container) is an index too: tracked, so that a new index cannot make pages stale.
    for owner, prefix in ((site, "site"), (renderer, "renderer")):
        for name, value in list(vars(owner).items()):
            if type(value) in (dict, list) and value:
                setattr(owner, name, track(f"{prefix}.{name}", value))
    return renderer


def _cache_reset(renderer: Renderer) -> Callable[[], None]:
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
