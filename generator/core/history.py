"""The content's history, read from git: each commit that changed the content folder, with the
record files it changed, before and after (core/changes.py compares them).

Why git and not a manifest published with the previous site: the history is then the curators'
own record, complete and reproducible (the same commit gives the same "What changed" page, on any
machine, with or without network), it dates each change by when it was committed, and it needs
nothing kept between builds. A manifest would know only the one build before, and a build that
could not fetch it would lose the history for good.

A publication is a commit of the branch built, along its first parents: a merged branch is one
publication (compared with the commit it was merged into), as the site published it. Changes
not yet committed are not history yet, and are not listed.

When the history cannot be read (the content is not in a git repository, git is missing, or the
clone is shallow, as GitHub's checkout is by default) the build goes on and `History.note` says
what is missing, for the page to say it.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

RECORD_FOLDERS = ("calls", "actors", "organizations", "topics", "events", "sources", "texts")
"""The content's folders whose files are records (and, `texts`, the sources' verbatim texts)."""
SHALLOW_FIX = ("fetch the whole history: `git fetch --unshallow`, or `fetch-depth: 0` for "
               "GitHub's actions/checkout")


@dataclass(frozen=True)
class FileChange:
    """One file a commit changed, relative to the content folder."""

    status: str
    """A (added), D (deleted), M (modified) or R (renamed, maybe modified too)."""
    old: str | None
    new: str | None
    before: bytes | None = None
    after: bytes | None = None


@dataclass(frozen=True)
class Revision:
    sha: str
    when: dt.datetime
    """When it was committed (committer date), in UTC: when the change reached the branch."""
    files: tuple[FileChange, ...]

    @property
    def short(self) -> str:
        return self.sha[:10]


@dataclass
class History:
    revisions: list[Revision] = field(default_factory=list)
    """Newest first."""
    note: str | None = None
    """Why the history is missing or incomplete; None when it is whole."""


NO_HISTORY = History(note="this build was made without the content's history")
"""For a rendering that must not depend on git (the golden pages of tests/test_golden.py)."""

_CACHE: dict[tuple[str, str], History] = {}
"""(content folder, HEAD) -> its history: serve renders the site again at every save."""


def _git(content: Path, *args: str, stdin: bytes | None = None) -> bytes:
    return subprocess.run(["git", "-C", str(content), *args], input=stdin, capture_output=True,
                          check=True).stdout


def read_history(content: Path) -> History:
    """The history of the content folder, or an empty one with a note saying why there is none."""
    content = Path(content)
    try:
        lines = _git(content, "rev-parse", "--show-prefix", "--is-shallow-repository",
                     "--git-path", "shallow", "HEAD").decode().splitlines()
    except FileNotFoundError:
        return History(note="git is not installed where this site was built")
    except subprocess.CalledProcessError as exc:
        said = exc.stderr.decode("utf-8", "replace").strip().splitlines()
        if not said or any("not a git repository" in line or "unknown revision" in line
                           for line in said):
            return History(note=f"the content folder ({content.name}/) is not in a git "
                                "repository with a commit")
        # e.g. "detected dubious ownership": git's own words say what to do
        return History(note=f"git could not read the content's history: {said[0]}")
    if len(lines) != 4:
        return History(note="git gave no answer about the content folder")
    prefix, shallow, shallow_file, head = lines
    cached = _CACHE.get((str(content.resolve()), head))
    if cached is not None:
        return cached
    boundary: set[str] = set()
    if shallow == "true":
        path = Path(shallow_file)
        path = path if path.is_absolute() else content / path
        boundary = set(path.read_text("ascii").split()) if path.is_file() else set()
    history = _read(content, prefix, boundary)
    _CACHE[(str(content.resolve()), head)] = history
    return history


def _read(content: Path, prefix: str, boundary: set[str]) -> History:
    log = _git(content, "log", "--first-parent", "--diff-merges=first-parent", "--name-status",
               "-M", "-z", "--relative", "--format=%x01%H %P%x02%ct", "--", ".")
    listed: list[tuple[str, str | None, dt.datetime, list[FileChange]]] = []
    for chunk in log.decode("utf-8", "surrogateescape").split("\x01")[1:]:
        header, _, rest = chunk.partition("\x02")
        sha, *parents = header.split()
        stamp, _, body = rest.partition("\x00")
        files = _name_status(body.strip("\n\x00").split("\x00"))
        files = [f for f in files if _is_record(f.old) or _is_record(f.new)]
        when = dt.datetime.fromtimestamp(int(stamp.strip()), dt.UTC)
        listed.append((sha, parents[0] if parents else None, when, files))
    note = None
    if boundary:
        kept = [entry for entry in listed if entry[0] not in boundary]
        if len(kept) < len(listed):
            first = min(entry[2] for entry in listed if entry[0] in boundary)
            note = (f"the history before {first.date().isoformat()} is not in the copy of the "
                    f"content this site was built from (a shallow clone): {SHALLOW_FIX}")
        listed = kept
    blobs = _blobs(content, prefix, [
        spec for sha, parent, _, files in listed for f in files
        for spec in ((f"{parent}:{prefix}{f.old}" if f.old and parent else None),
                     (f"{sha}:{prefix}{f.new}" if f.new else None)) if spec])
    revisions = [Revision(sha, when, tuple(
        FileChange(f.status, f.old, f.new,
                   blobs.get(f"{parent}:{prefix}{f.old}") if f.old and parent else None,
                   blobs.get(f"{sha}:{prefix}{f.new}") if f.new else None) for f in files))
        for sha, parent, when, files in listed if files]
    return History(revisions, note)


def _name_status(fields: list[str]) -> list[FileChange]:
    """The files of `git log --name-status -z`: a status, then one path (two for a rename or
    a copy; a copy is a new file)."""
    files: list[FileChange] = []
    i = 0
    while i < len(fields):
        status = fields[i].strip()[:1]
        if not status:
            i += 1
        elif status in "RC":
            old, new = fields[i + 1], fields[i + 2]
            files.append(FileChange("R", old, new) if status == "R" else FileChange("A", None, new))
            i += 3
        else:
            path = fields[i + 1]
            files.append(FileChange(status if status in "AD" else "M",
                                    None if status == "A" else path,
                                    None if status == "D" else path))
            i += 2
    return files


def _is_record(path: str | None) -> bool:
    if path is None:
        return False
    folder, _, name = path.partition("/")
    return folder in RECORD_FOLDERS and "/" not in name and (
        name.endswith((".yaml", ".yml")) if folder != "texts" else bool(name))


def _blobs(content: Path, prefix: str, specs: list[str]) -> dict[str, bytes]:
    """The files at `rev:path` for each spec, read by one `git cat-file --batch`."""
    if not specs:
        return {}
    out = _git(content, "cat-file", "--batch", stdin="".join(s + "\n" for s in specs).encode())
    found: dict[str, bytes] = {}
    at = 0
    for spec in specs:
        end = out.index(b"\n", at)
        header = out[at:end].split()
        at = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            found[spec] = out[at:at + size]
            at += size + 1
        # "<spec> missing": the file is not at that revision (left out)
    return found
