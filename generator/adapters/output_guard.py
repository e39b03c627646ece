"""The one guard of every folder a command writes: build's site, generate's pages, schema's files,
init's new project, the offline edition, and mkdocs.yml's docs_dir and site_dir.

No command writes into the root of the file system, a home folder, the project folder or a folder
holding it, the content folder, a folder inside it or one holding it. Paths are compared as the
file system sees them (os.path.samefile where they exist: symbolic links, `..`, `./`, trailing
slashes, bind mounts, and the letter case of case-insensitive file systems all name one folder).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import ConfigError


@dataclass(frozen=True)
class Use:
    """What a command writes into a folder, for its messages and its own rules."""

    label: str
    """How the folder is named: "output folder", "docs_dir"."""
    advice: str
    """The message's tail: why, and what to choose instead."""
    guards_docs: bool = False
    """The folder must not be docs_dir, inside it or hold it (a built site replaces it)."""


SITE = Use("output folder", ": a build replaces everything in its output folder; choose a folder "
           "of its own, such as site/", guards_docs=True)
PAGES = Use("output folder", ": generated pages would be written and removed among its files; "
            "choose a folder of its own, such as docs/")
SCHEMAS = Use("schema folder", ": choose a folder of its own, such as schemas/")
PROJECT = Use("new project folder", ": choose a new folder of its own")
DOCS_DIR = Use("docs_dir", ": MkDocs publishes every file in docs_dir, and the content folder "
               "holds the raw records and texts; keep them apart, such as docs_dir: docs")


def check_folder(folder: Path, use: Use, *, project: Path | None, content: Path | None,
                 docs: Path | None = None) -> None:
    """Raise ConfigError (one line) if `use` may not write into `folder`."""
    target = Path(os.path.abspath(folder)).resolve()
    shown = f"{use.label} '{folder}'"
    if target == Path(target.anchor):
        raise ConfigError(f"{shown} is the root of the file system{use.advice}")
    guarded = [("your home folder", _home(), False),
               ("the project folder (where mkdocs.yml is)", project, False),
               ("the content folder", content, True),
               ("docs_dir", docs if use.guards_docs else None, True)]
    for label, path, inside_too in guarded:
        if path is None:
            continue
        path = Path(os.path.abspath(path)).resolve()
        if _same(target, path):
            problem = f"is {label}"
        elif _within(path, target):
            problem = f"contains {label} '{path}'"
        elif inside_too and _within(target, path):
            problem = f"lies inside {label} '{path}'"
        else:
            continue
        raise ConfigError(f"{shown} {problem}{use.advice}")


def _home() -> Path | None:
    home = os.path.expanduser("~")
    return Path(home) if home not in ("", "~", "/") else None


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one does not exist (yet): their resolved spellings decide
        return os.path.normcase(a) == os.path.normcase(b)


def _within(inner: Path, outer: Path) -> bool:
    """`inner` lies strictly inside `outer`."""
    return any(_same(parent, outer) for parent in inner.parents)
