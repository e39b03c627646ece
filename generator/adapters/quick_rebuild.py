"""`briefing serve`'s rebuild after a save: only the pages whose Markdown changed, through
MkDocs' own page build.

MkDocs' dirty build skips rendering unchanged pages, but still redoes everything around them on
every save: it lists the files, makes a File and a Page for each of the site's thousands of pages,
builds the navigation, and writes the sitemap and the 404 page (1.5 s at 1,000 calls, a second
more per 1,000). When a save changed only the text of existing pages, none of that changes: the
file list, the URLs, the navigation and the build date are those of the last build. So the
serve session (serve_session.py) keeps what its last build made (`LastBuild`), and
`render_changed` renders the changed pages with it, through the same MkDocs functions a build
uses for each page (`_populate_page` and `_build_page`, which have been stable through MkDocs
1.x; this project pins mkdocs<2), then runs the post-build events (the search index, in the
background).

Anything else runs MkDocs' build as before: the first build, a page added or removed, a new
build date (the newest content date moved), an edit to mkdocs.yml, docs_dir or the theme's custom_dir,
and any build that failed.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.commands import build as mkdocs_build
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.utils import CountHandler

log = logging.getLogger("mkdocs.plugins.briefing")


@dataclass
class LastBuild:
    """What a complete build made that a quick rebuild reuses, and what it was made from."""

    config: Any
    files: Files
    nav: Navigation
    env: Any = None
    doc_files: Sequence[File] = ()
    stamp: tuple = ()
    """The project's own inputs besides content/ (see `project_stamp`)."""
    paths: frozenset[str] = frozenset()
    """The generated pages."""
    epoch: int | None = None
    """The build date the pages carry (SOURCE_DATE_EPOCH)."""
    content: Path = Path()
    """The content folder the pages were generated from."""
    complete: bool = False
    """Set once the build has finished without error."""


def project_stamp(config: Any) -> tuple:
    """The stamps of mkdocs.yml and of every file in docs_dir and the theme's custom_dir: a
    change to any of them needs a whole build. (The installed themes' own folders are left out,
    as serve does not watch them either.)"""
    folders = [Path(config.docs_dir)]
    if config.theme.custom_dir:
        folders.append(Path(config.theme.custom_dir))
    stamps = [_stat(Path(config.config_file_path))]
    for folder in folders:
        for root, dirs, names in os.walk(folder):
            dirs.sort()
            stamps.extend((os.path.join(root, name), *_stat(Path(root) / name)) for name in sorted(names))
    return tuple(stamps)


def _stat(path: Path) -> tuple:
    try:
        info = path.stat()
    except OSError:
        return (str(path), None)
    return (str(path), info.st_mtime_ns, info.st_size, info.st_ino)


def render_changed(last: LastBuild, pages: dict[str, str], changed: list[str]) -> None:
    """Render and write the changed pages with the last build's files, navigation and templates,
    check their links, and run the post-build events; in strict mode a warning fails the rebuild
    as it fails a build (the pages are written, as MkDocs' build writes them)."""
    config, files = last.config, last.files
    started = time.monotonic()
    counter = CountHandler()
    counter.setLevel(logging.WARNING)
    mkdocs_logger = logging.getLogger("mkdocs")
    if config.strict:
        mkdocs_logger.addHandler(counter)
    try:
        rendered = []
        for path in changed:
            file = files.get_file_from_path(path)
            assert file is not None and file.page is not None, path  # the same pages as last build
            file.content_string = pages[path]
            mkdocs_build._populate_page(file.page, config, files)
            rendered.append(file.page)
        for page in rendered:
            mkdocs_build._build_page(page, config, last.doc_files, last.nav, last.env)
        for page in rendered:
            page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
        config.plugins.on_post_build(config=config)
        if counts := counter.get_counts():
            message = ", ".join(f"{n} {level.lower()}s" for level, n in counts)
            raise Abort(f"Aborted with {message} in strict mode!")
    except Exception as error:
        last.complete = False  # the next save builds everything again
        config.plugins.on_build_error(error=error)
        raise
    finally:
        mkdocs_logger.removeHandler(counter)
    log.info(f"Rebuilt {len(rendered)} changed pages in {time.monotonic() - started:.2f} seconds "
             "(navigation, file list and sitemap unchanged)")
