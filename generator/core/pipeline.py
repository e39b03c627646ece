"""The core pipeline: load -> validate -> link -> render -> write. No MkDocs here.

The CLI and the MkDocs plugin are thin adapters over these functions.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import os
from collections.abc import Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .changes import changelog
from .errors import ConfigError, ContentError, Problem
from .history import History
from .link import Graph, link
from .load import load_corpus
from .render import Renderer

MANIFEST = ".briefing-pages"
"""File in an output folder listing the pages the generator wrote there, so stale ones go: one
line per page, its path, a tab and the SHA-256 of the bytes written (lines of an older version
have no digest), so that a page edited by hand since is told from one the generator wrote."""


def read_manifest(out: Path) -> dict[str, str | None]:
    """The pages an earlier run wrote in `out`, with their digests (None where not recorded)."""
    manifest = out / MANIFEST
    if not manifest.is_file():
        return {}
    pages: dict[str, str | None] = {}
    for line in manifest.read_text("utf-8").splitlines():
        path, _, digest = line.partition("\t")
        if path:
            pages[path] = digest or None
    return pages


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@contextmanager
def _no_cyclic_gc():
    """Pause Python's cyclic garbage collector during a stage, and exempt what it built from
    later collections.

    Loading and rendering allocate hundreds of thousands of objects that stay alive, and every
    automatic full collection walks all of them again: a sixth of the generator's time on 300
    calls, and a growing share as the corpus grows. Reference counting still frees whatever is
    dropped. What is alive at the end is frozen (gc.freeze), so neither the next stage nor
    MkDocs walks it again; the next build in the same process starts with `release_previous`,
    so that a long `mkdocs serve` session collects each old build's cycles once instead of
    keeping them.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def release_previous() -> None:
    """Collect what an earlier build in this process froze and no longer uses. Unfreezing alone
    is not enough: the collector stays paused through the next stage, whose freeze would then
    keep the old build's cycles for good (10 GB after eight generations of 5,000 calls)."""
    if gc.get_freeze_count():
        gc.unfreeze()
        gc.collect()


def validate(content: Path) -> Graph:
    """Load and link the whole corpus; raise ContentError listing every problem."""
    release_previous()
    return _validate(content)


@_no_cyclic_gc()
def _validate(content: Path) -> Graph:
    corpus, problems = load_corpus(content)
    graph, link_problems = link(corpus)
    problems = problems + link_problems
    if problems:
        raise ContentError(problems)
    return graph


@_no_cyclic_gc()
def render(graph: Graph, history: History | None = None) -> dict[str, str]:
    """Every page of the site as Markdown, by path relative to the docs root; the "What changed"
    page and the records' corrections from the history of the content the graph was loaded
    from (core/history.py), or from `history` when given (history.NO_HISTORY: none)."""
    return Renderer(graph, None if history is None else changelog(graph, history)).pages()


def generate(content: Path, history: History | None = None) -> dict[str, str]:
    return render(validate(content), history)


MAX_EPOCH = 2**32 - 1
"""The last second a gzip header can date (2106-02-07T06:28:15Z): MkDocs dates sitemap.xml.gz
from SOURCE_DATE_EPOCH, and fails past it."""


def content_epoch(graph: Graph) -> int:
    """The build date MkDocs writes (sitemap, gzip header) when SOURCE_DATE_EPOCH is unset:
    the newest call or publication date of the corpus, so the same content gives the same bytes;
    within what a gzip header can hold: never past MAX_EPOCH (a mistyped year such as 2201 must
    not crash the build) nor before 1970 (a corpus of calls from the 1960s is valid content)."""
    days = [call.date for call in graph.corpus.all("calls")]
    days += [source.published for source in graph.corpus.all("sources") if source.published]
    newest = max(days, default=dt.date(1970, 1, 1))
    epoch = int(dt.datetime(newest.year, newest.month, newest.day, tzinfo=dt.UTC).timestamp())
    return max(0, min(epoch, MAX_EPOCH))


@dataclass
class WriteStats:
    written: list[str]
    unchanged: int
    removed: list[str]


def write_pages(pages: Mapping[str, str | bytes], out: Path) -> WriteStats:
    """Write pages under `out` (Markdown as UTF-8, other files such as the feeds as their bytes),
    touching only files whose bytes change; remove pages the generator wrote before that no
    longer correspond to a record. Raise ConfigError, writing nothing, where a page would replace
    a hand-written one or one edited since it was written."""
    out.mkdir(parents=True, exist_ok=True)
    root = out.resolve()
    previous = read_manifest(out)
    # A page there that an earlier run did not write is someone's own: never overwrite it.
    clashes = sorted(rel for rel in set(pages) - set(previous) if os.path.lexists(out / rel))
    if clashes:
        raise ConfigError(f"hand-written pages in {out} clash with generated pages: "
                          + ", ".join(clashes) + "; rename or remove them (generated pages come "
                          "from content/)")
    olds = {rel: _read(out / rel) for rel in previous}
    # A generated page edited since it was written holds someone's work: neither overwritten
    # nor deleted when its record goes.
    edited = sorted(rel for rel, digest in previous.items()
                    if digest and (old := olds[rel]) is not None and _digest(old) != digest
                    and (rel not in pages or _bytes(pages[rel]) != old))
    if edited:
        raise ConfigError(f"generated pages in {out} were edited by hand since they were "
                          f"generated: {', '.join(edited)}; generated pages come from content/ "
                          "and the next run replaces them: move the changes into the records (or "
                          "a page of your own under another name), then delete these files")
    written, unchanged = [], 0
    digests: dict[str, str] = {}
    folders: dict[str, Path] = {}
    for rel in sorted(pages):
        folder_rel, _, name = rel.rpartition("/")
        folder = folders.get(folder_rel)
        if folder is None:
            folder = folders[folder_rel] = _output_folder(out, root, folder_rel, rel)
        if name in ("", ".", ".."):
            raise ContentError([Problem(rel, 0, 0, "", "page path leaves the output directory")])
        target = folder / name
        data = _bytes(pages[rel])
        digests[rel] = _digest(data)
        old = olds.get(rel)
        if old is None:
            # A new file: nobody can be reading a half-written version of it, and renaming a
            # temporary file costs five times the write itself on ext4.
            with open(target, "xb") as new:
                new.write(data)
        else:
            if old == data:
                unchanged += 1
                continue
            tmp = target.with_name(target.name + ".tmp")
            tmp.write_bytes(data)
            os.replace(tmp, target)  # readers (mkdocs serve) see the old page or the new one
        written.append(rel)
    removed = []
    for rel in sorted(set(previous) - set(pages)):
        target = out / rel
        if target.is_file() and target.resolve().is_relative_to(root):
            target.unlink()
            removed.append(rel)
    listing = "".join(f"{rel}\t{digests[rel]}\n" for rel in sorted(pages))
    manifest = out / MANIFEST
    if not manifest.exists() or manifest.read_text("utf-8") != listing:
        manifest.write_text(listing, "utf-8")
    return WriteStats(written, unchanged, removed)


def _bytes(body: str | bytes) -> bytes:
    return body.encode("utf-8") if isinstance(body, str) else body


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None


def _output_folder(out: Path, root: Path, folder_rel: str, rel: str) -> Path:
    """The folder a page goes in, created; checked once per folder (not per page) to stay under
    the output directory, symbolic links included."""
    folder = out / folder_rel if folder_rel else out
    if folder_rel.startswith("/") or ".." in folder_rel.split("/"):
        raise ContentError([Problem(rel, 0, 0, "", "page path leaves the output directory")])
    if not folder.resolve().is_relative_to(root):
        raise ContentError([Problem(rel, 0, 0, "", "page path leaves the output directory")])
    folder.mkdir(parents=True, exist_ok=True)
    return folder
