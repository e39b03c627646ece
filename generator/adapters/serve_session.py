"""`briefing serve`'s memory between builds, and what it rebuilds after a save.

MkDocs' serve builds the site again after each save. Under `serve --dirty` (what `briefing
serve` runs) a `ServeSession` keeps, between those builds: the incremental generator
(`core.incremental.Session`), what the last complete MkDocs build made (`quick_rebuild.LastBuild`),
the feeds, data files and search facets of the last build, the errors shown over the served
pages (`serve_live.ErrorOverlay`) and the background Pagefind run (`pagefind.Reindexer`).

`build` is what serve calls for each rebuild. When a save changed only the text of existing
pages, the session regenerates incrementally and renders those pages alone
(`quick_rebuild.render_changed`); anything else is MkDocs' own build, whose events the briefing
plugin hands to the session (`pages_for_build`, `note_nav`, `completed`…). The calls go one
way: serve -> `build` -> the session -> the core and quick_rebuild; the plugin only reads the
session's state for MkDocs' events.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

from mkdocs.commands import build as mkdocs_build
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation

from ..core.errors import BriefingError, ContentError
from ..core.incremental import Session
from ..core.link import Graph
from ..core.pipeline import content_epoch
from .pagefind import Reindexer
from .published import Published, rewrite_published
from .quick_rebuild import LastBuild, project_stamp, render_changed
from .serve_live import ErrorOverlay

log = logging.getLogger("mkdocs.plugins.briefing")

Pages = tuple[dict[str, str], set[str], int | None]
"""(every page's Markdown by path, the paths unchanged since the last build, the build date)."""


class ServeSession:
    """What serve --dirty keeps from one build to the next."""

    def __init__(self) -> None:
        self.generator: Session | None = None
        """The incremental generator (core/incremental.py), made at the first build."""
        self.reindexer = Reindexer()
        """Pagefind after each save, in the background."""
        self.overlay = ErrorOverlay()
        """The content errors of the last save, shown on every served page."""
        self.last: LastBuild | None = None
        """What the last build made, for quick rebuilds (quick_rebuild.py)."""
        self.published: Published | None = None
        """The feeds, data files and search facets of the last build, or quick rebuild."""
        self._handover: Pages | None = None
        """Pages a quick rebuild generated but could not render alone, for the build it hands
        to."""

    @property
    def graph(self) -> Graph | None:
        """The corpus of the last save without errors."""
        return self.generator.graph if self.generator is not None else None

    # -- MkDocs' build, through the plugin's events ---------------------------------------

    def pages_for_build(self, config: Any, content: Path) -> tuple[dict[str, str], set[str], Graph,
                                                                   int | None]:
        """A whole build's pages: those a quick rebuild handed over, else regenerated; with
        those unchanged since the last build (MkDocs' dirty build skips them), the corpus and
        the build date."""
        handover, self._handover = self._handover, None
        pages, kept, epoch = handover or self._regenerate(config, content)
        stamp = project_stamp(config)
        if self.last is not None and self.last.stamp != stamp:
            kept = set()  # mkdocs.yml, docs/ or the theme changed: every page shows it
        self.last = LastBuild(config, Files([]), Navigation([], []), stamp=stamp,
                              paths=frozenset(pages), epoch=epoch, content=content)
        assert self.graph is not None  # a first round with errors raises
        return pages, kept, self.graph, epoch

    def note_nav(self, config: Any, files: Files, nav: Navigation) -> None:
        if self.last is not None:
            self.last.config, self.last.files, self.last.nav = config, files, nav

    def note_env(self, env: Any) -> None:
        if self.last is not None:
            self.last.env = env

    def completed(self, config: Any) -> None:
        """The build of `config` finished without error: the next save may rebuild quickly."""
        if self.last is not None and self.last.config is config and not self.last.complete:
            self.last.doc_files = self.last.files.documentation_pages(
                inclusion=InclusionLevel.is_in_serve)
            self.last.complete = True

    def failed(self) -> None:
        self.last = None  # the next save builds everything

    def close(self) -> None:
        self.generator = None
        self.reindexer.cancel()

    # -- a save ------------------------------------------------------------------------------

    def rebuild_changed(self, config: Any) -> bool:
        """After a save: regenerate, and if only the text of existing pages changed, render
        those pages alone with the last build's navigation and files; False when a whole build
        is needed (it then uses the pages generated here)."""
        last = self.last
        if (last is None or not last.complete or project_stamp(last.config) != last.stamp
                or (config.config_file_path, config.site_dir)
                != (last.config.config_file_path, last.config.site_dir)):
            return False
        graph = self.graph
        pages, kept, epoch = self._regenerate(last.config, last.content)
        if frozenset(pages) != last.paths or epoch != last.epoch:
            self._handover = (pages, kept, epoch)
            return False
        if self.graph is graph or self.graph is None:  # a content error: the site stays
            return True
        # The feeds, data files and facets are made again even when no page changed: a field
        # no page shows is still in the data export.
        previous, self.published = self.published, Published.of(last.config, self.graph)
        changed = sorted(set(pages) - kept)
        if changed:
            self.reindexer.cancel()  # it would read the pages rewritten now
            render_changed(last, pages, changed)  # their metadata from self.published
        rewrite_published(last.config, self.published.files,
                          previous.files if previous is not None else {})
        return True

    def _regenerate(self, config: Any, content: Path) -> Pages:
        """Bring the pages up to date incrementally. A content error is printed and the
        previous pages stay served (all of them kept)."""
        if self.generator is None or self.generator.content != content:
            self.generator = Session(content)
        generator = self.generator
        first = not generator.pages
        try:
            update = generator.update()
        except BriefingError as exc:
            if first:
                raise
            lines = ([str(problem) for problem in exc.problems] if isinstance(exc, ContentError)
                     else [str(exc)])
            # Printed, not logged: strict mode would turn a logged error into a failed build,
            # and a failed build makes the server hold every request until the content is fixed.
            print("ERROR    -  Content errors; still serving the last site without errors:\n"
                  + "\n".join(lines), file=sys.stderr, flush=True)
            self.overlay.show(lines)
            assert generator.graph is not None  # not the first round: a good round came before
            return dict(generator.pages), set(generator.pages), content_epoch(generator.graph)
        self.overlay.clear()
        for path in update.removed:
            stale = Path(File.generated(config, path, content="").abs_dest_path)
            stale.unlink(missing_ok=True)
        times = ", ".join(f"{stage} {seconds:.2f} s" for stage, seconds in update.timings.items())
        log.info(f"{len(update.changed)} pages changed, {len(update.removed)} removed; "
                 f"{update.read_files} files read, {update.rendered} pages rendered ({times})")
        kept = set() if first else set(update.pages) - set(update.changed)
        assert generator.graph is not None  # update() succeeded
        return update.pages, kept, content_epoch(generator.graph)


def session_of(config: Any) -> ServeSession | None:
    """The serve session of the briefing plugin of `config`, if serving with dirty builds."""
    plugin = config.plugins.get("briefing")
    return getattr(plugin, "serve", None)


def build(config: Any, *, serve_url: str | None = None, dirty: bool = False) -> None:
    """What serve calls for each rebuild (in place of mkdocs.commands.build.build): the changed
    pages only when the session can tell that is enough, else MkDocs' own build; nothing when
    mkdocs.yml could not be loaded (serve_config.py has said why)."""
    from .serve_config import Unloadable

    if isinstance(config, Unloadable):
        session = session_of(config.last)
        if session is not None:
            session.overlay.show([config.message], about="config")
        return
    session = session_of(config)
    if dirty and session is not None and session.rebuild_changed(config):
        return
    mkdocs_build.build(config, serve_url=serve_url, dirty=dirty)

