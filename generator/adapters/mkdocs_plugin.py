"""The MkDocs adapter: `mkdocs build` and `mkdocs serve` generate the briefing pages in memory.

All the work happens in `generator.core.pipeline`; this module only hands pages to MkDocs, reports
content errors the way MkDocs reports its own, and makes `serve` watch `content/`.

Under `serve --dirty` (what `briefing serve` runs) each save regenerates incrementally
(`core.incremental.Session`) and MkDocs rebuilds only the pages whose Markdown changed: the
others are handed over as files MkDocs' dirty build skips. Every page is still in MkDocs' file
list, so the navigation, the sitemap and every cross-page link are worked out as in a full build.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from markupsafe import escape
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation

from ..core.errors import BriefingError, ConfigError, ContentError
from ..core.facets import FacetIndex
from ..core.incremental import Session
from ..core.link import Graph
from ..core.pipeline import content_epoch, read_manifest, render, validate
from ..core.template_cache import CompiledTemplates, cache_folder
from . import site_files
from .offline import unindexed_markers
from .output_dir import check_folders, check_source_date_epoch, mark_built
from .pagefind import OUTPUT, Reindexer, index_site, material_search_on
from .published import add_published, feed_links, published_files, rewrite_published, set_page_meta
from .quick_rebuild import LastBuild, project_stamp, render_changed
from .serve_live import ErrorOverlay, rewatch_when_back

log = logging.getLogger("mkdocs.plugins.briefing")

THEME = Path(__file__).parent.parent / "theme"
"""Partials overriding Material's (the search box, an accessibility fix) and the search script,
shipped with the package."""


OWNER_TEXT = ("site_name", "site_description", "site_author", "repo_name")
"""mkdocs.yml's plain-text settings that the theme prints into every page (`copyright` is
Material's one setting documented as HTML)."""


class _Kept(File):
    """A generated page whose Markdown did not change since the previous build: a dirty build
    (serve --dirty) neither re-reads nor re-renders it and keeps its HTML."""

    def is_modified(self) -> bool:
        return False


class _DirtyNotice(logging.Filter):
    """Drops MkDocs' warning that a dirty build may leave navigation and links inaccurate: the
    plugin hands every page over on each build, so they stay exact; and strict mode would turn
    the warning into a failed build."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


_DIRTY_NOTICE = _DirtyNotice()


class BriefingConfig(Config):
    content = config_options.Type(str, default="content")
    """The content directory, relative to mkdocs.yml."""


class BriefingPlugin(BasePlugin[BriefingConfig]):
    pages: dict[str, str] | None = None
    """Pages generated beforehand by the caller (`briefing build`), so they are not made twice."""
    graph: Graph | None = None
    """The validated corpus those pages were made from, handed over with them."""
    _graph: Graph | None = None
    """This build's corpus, for the feeds, the data export and each page's metadata."""
    _facets: FacetIndex | None = None
    """Its search facets' indexes, made once per build (core/facets.py)."""
    _published: dict[str, bytes] = {}  # replaced per build, never mutated
    """The feeds and data files of the last build, which serve's quick rebuilds compare with."""
    _dated = False
    """Whether this build set SOURCE_DATE_EPOCH (and must unset it when the build ends)."""
    _dirty = False
    """Serving with dirty builds: regenerate incrementally, rebuild only changed pages."""
    _session: Session | None = None
    _reindexer: Reindexer | None = None
    """serve --dirty: Pagefind after each save, in the background."""
    _last: LastBuild | None = None
    """serve --dirty: what the last build made, for quick rebuilds (quick_rebuild.py)."""
    _handover: tuple[dict[str, str], set[str], int | None] | None = None
    """Pages a quick rebuild generated but could not render alone, for the build it hands to."""
    _overlay: ErrorOverlay | None = None
    """serve --dirty: the content errors of the last save, shown on every served page."""
    _templates: CompiledTemplates | None = None
    """The theme's compiled templates (core/template_cache.py): MkDocs makes a new template
    environment per build, and they are compiled once per machine, and once per serve session
    in memory."""

    def on_startup(self, *, command, dirty):
        # Defining on_startup also makes MkDocs keep this instance across serve's rebuilds.
        self._dirty = command == "serve" and dirty
        self._session, self._last, self._handover = None, None, None
        if self._dirty:
            logging.getLogger("mkdocs.commands.build").addFilter(_DIRTY_NOTICE)
            self._reindexer = Reindexer()
            self._overlay = ErrorOverlay()

    def on_nav(self, nav, *, config, files):
        if self._dirty and self._last is not None:
            self._last.config, self._last.files, self._last.nav = config, files, nav
        return nav

    def on_env(self, env, *, config, files):
        if self._templates is None:  # made once, kept across serve's rebuilds
            self._templates = CompiledTemplates(cache_folder())
        env.bytecode_cache = self._templates
        if self._dirty and self._last is not None:
            self._last.env = env
        return env

    def show_config_error(self, message: str) -> None:
        """serve: mkdocs.yml could not be loaded; say so on every served page until it can."""
        if self._overlay is not None:
            self._overlay.show([message], about="config")

    def rebuild_changed(self, config) -> bool:
        """serve --dirty, after a save: regenerate, and if only the text of existing pages
        changed, render those pages alone with the last build's navigation and files; False
        when a whole build is needed (it then uses the pages generated here)."""
        last = self._last
        if (last is None or not last.complete or project_stamp(last.config) != last.stamp
                or (config.config_file_path, config.site_dir)
                != (last.config.config_file_path, last.config.site_dir)):
            return False
        pages, kept, epoch = self._regenerate(last.config)
        if frozenset(pages) != last.paths or epoch != last.epoch:
            self._handover = (pages, kept, epoch)
            return False
        changed = sorted(set(pages) - kept)
        if changed and self._session is not None and self._session.graph is not None:
            self._facets = FacetIndex(self._session.graph)  # a saved quote may add a speaker
        if changed:
            if self._reindexer is not None:
                self._reindexer.cancel()  # it would read the pages rewritten now
            render_changed(last, pages, changed)
            if self._session is not None and self._session.graph is not None:
                made = published_files(last.config, self._session.graph)
                rewrite_published(last.config, made, self._published)
                self._published = made
        return True

    def on_shutdown(self):
        logging.getLogger("mkdocs.commands.build").removeFilter(_DIRTY_NOTICE)
        self._session = None
        if self._reindexer is not None:
            self._reindexer.cancel()

    _built: dict[str, str] | None = None
    """The pages of this build, made in on_pre_build."""
    _kept: set[str] = set()
    """Those of them unchanged since the previous dirty build (serve), which MkDocs skips."""
    _shipped: dict[str, Path] = {}  # replaced per build, never mutated
    """The site files shipped with the package (site_files), found before the build starts."""

    def content_dir(self, config) -> Path:
        """The content folder, relative to mkdocs.yml unless absolute."""
        return Path(config.config_file_path).parent / self.config.content

    def on_config(self, config):
        # The owner's strings are text, as curated ones are: MkDocs' templates print them
        # unescaped (`<title>`, the header), so a title such as "Calls </title><script>" or
        # "<draft>" would become markup on every page. Markup is not escaped twice.
        for key in OWNER_TEXT:
            if isinstance(config.get(key), str):
                config[key] = escape(config[key])
        # Our theme fixes (generator/theme/) come before Material's templates, after any
        # custom_dir of the site's own.
        if str(THEME) not in config.theme.dirs:
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME))
        # The contrast fixes apply to every briefing site, listed or not; first, so that a
        # project's own stylesheets can override them.
        if site_files.STYLESHEET not in config.extra_css:
            config.extra_css.insert(0, site_files.STYLESHEET)
        if site_files.SCRIPT not in [str(script) for script in config.extra_javascript]:
            config.extra_javascript.append(site_files.SCRIPT)
        feed_links(config)
        return config

    def on_pre_build(self, *, config) -> None:
        """Check the output folder and the content before MkDocs cleans the site folder (it does
        so right after this event): a content error must leave the previous site as it was."""
        if self._reindexer is not None:
            self._reindexer.cancel()  # it would read the pages this build rewrites
        if self._overlay is not None:
            self._overlay.clear("config")  # this build's configuration was loaded
        try:
            check_folders(config, self.content_dir(config))
            check_source_date_epoch()
            self._shipped = site_files.site_files()
            _check_stylesheets(config, self._shipped)
            # Taken, not read: MkDocs keeps a plugin with on_startup across load_config calls in
            # one process, so pages handed over for one build must not serve the next.
            pages, kept, self.pages = self.pages, set[str](), None
            graph, self.graph = self.graph, None
            if pages is None and self._dirty:
                handover, self._handover = self._handover, None
                pages, kept, epoch = handover or self._regenerate(config)
                stamp = project_stamp(config)
                if self._last is not None and self._last.stamp != stamp:
                    kept = set()  # mkdocs.yml, docs/ or the theme changed: every page shows it
                self._last = LastBuild(config, Files([]), Navigation([], []), stamp=stamp,
                                       paths=frozenset(pages), epoch=epoch)
                if "SOURCE_DATE_EPOCH" not in os.environ:
                    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
                    self._dated = True
                graph = self._session.graph if self._session is not None else None
            elif pages is None:
                graph = validate(self.content_dir(config))
                pages = render(graph)
                # MkDocs dates the sitemap from SOURCE_DATE_EPOCH, else today: date it by the
                # corpus, as `briefing build` does, so the same content gives the same bytes.
                if "SOURCE_DATE_EPOCH" not in os.environ:
                    os.environ["SOURCE_DATE_EPOCH"] = str(content_epoch(graph))
                    self._dated = True
            if graph is None:  # pages handed over without their corpus
                graph = validate(self.content_dir(config))
            Path(config.site_dir).mkdir(parents=True, exist_ok=True)
            mark_built(config.site_dir)
        except BriefingError as exc:
            raise PluginError(str(exc)) from None
        except OSError as exc:  # an unreadable text or folder: the disk's message, not a traceback
            raise PluginError(f"{exc.strerror or exc}" + (f" ({exc.filename})" if exc.filename
                                                           else "")) from None
        self._built, self._kept, self._graph = pages, kept, graph

    def on_files(self, files: Files, *, config) -> Files:
        pages, self._built = self._built, None
        assert pages is not None, "MkDocs runs on_pre_build, which makes the pages, before on_files"
        kept, self._kept = self._kept, set()
        docs = Path(config.docs_dir)
        # Pages an earlier `briefing generate docs` wrote are ours to replace; others clash.
        ours = set(read_manifest(docs))
        for path in sorted(ours):
            stale = files.get_file_from_path(path)
            if stale is not None:
                files.remove(stale)
        clashes = sorted(path for path in pages if files.get_file_from_path(path) is not None)
        if clashes:
            raise PluginError(
                "hand-written pages in docs_dir clash with generated pages: "
                + ", ".join(clashes) + "; rename or remove them (generated pages come from content/)")
        # With a nav in mkdocs.yml, the generated pages are reached from their section's index,
        # not the nav: MkDocs' note listing every one of them "not included in the nav" (45
        # lines at each start of serve) says nothing a curator should act on.
        inclusion = (InclusionLevel.NOT_IN_NAV if config.nav is not None
                     else InclusionLevel.UNDEFINED)
        generated = [(_Kept if path in kept else File).generated(config, path, content=text,
                                                                  inclusion=inclusion)
                     for path, text in sorted(pages.items())]
        for file in generated:
            files.append(file)
        for path, source in self._shipped.items():
            if files.get_file_from_path(path) is None:
                files.append(File.generated(config, path, abs_src_path=str(source)))
        assert self._graph is not None, "on_pre_build keeps the corpus with the pages"
        self._published = published_files(config, self._graph)
        add_published(files, self._published, config)
        self._facets = FacetIndex(self._graph)
        return files

    def _regenerate(self, config) -> tuple[dict[str, str], set[str], int | None]:
        """serve --dirty: bring the pages up to date incrementally; (pages, unchanged pages,
        build date). A content error is printed and the previous pages stay served."""
        content = self.content_dir(config)
        if self._session is None or self._session.content != content:
            self._session = Session(content)
        session = self._session
        first = not session.pages
        try:
            update = session.update()
        except BriefingError as exc:
            if first:
                raise
            lines = ([str(problem) for problem in exc.problems] if isinstance(exc, ContentError)
                     else [str(exc)])
            # Printed, not logged: strict mode would turn a logged error into a failed build,
            # and a failed build makes the server hold every request until the content is fixed.
            print("ERROR    -  Content errors; still serving the last site without errors:\n"
                  + "\n".join(lines), file=sys.stderr, flush=True)
            if self._overlay is not None:
                self._overlay.show(lines)
            assert session.graph is not None  # not the first round: a good round came before
            return dict(session.pages), set(session.pages), content_epoch(session.graph)
        if self._overlay is not None:
            self._overlay.clear()
        for path in update.removed:
            stale = Path(File.generated(config, path, content="").abs_dest_path)
            stale.unlink(missing_ok=True)
        times = ", ".join(f"{stage} {seconds:.2f} s" for stage, seconds in update.timings.items())
        log.info(f"{len(update.changed)} pages changed, {len(update.removed)} removed; "
                 f"{update.read_files} files read, {update.rendered} pages rendered ({times})")
        kept = set() if first else set(update.pages) - set(update.changed)
        assert session.graph is not None  # update() succeeded
        return update.pages, kept, content_epoch(session.graph)

    def on_page_context(self, context, *, page, config, nav):
        """The page's description and metadata for the theme (adapters/published.py)."""
        graph = self._session.graph if self._session is not None else self._graph
        if graph is not None and self._facets is not None:
            set_page_meta(page, config, graph, self._facets)
        return context

    def on_page_content(self, html, *, page, config, files):
        """Where Material's search indexes the pages (the offline edition), the footnote
        markers are left out of its index: its results would otherwise read "Biden said[1][2]"."""
        return unindexed_markers(html) if material_search_on(config) else html

    @event_priority(50)  # before the search plugin writes its index
    def on_post_build(self, *, config):
        self._undate()
        if self._dirty:
            _merge_search_index(config)  # Material's search, where it is on
        self._index_search(config)
        if self._last is not None and self._last.config is config and not self._last.complete:
            self._last.doc_files = self._last.files.documentation_pages(
                inclusion=InclusionLevel.is_in_serve)
            self._last.complete = True

    def _index_search(self, config) -> None:
        """Index the built site with Pagefind, unless Material's own search serves it (the
        offline edition, which Pagefind cannot serve from file://). Under serve, every build
        after the first is indexed in the background (pagefind.Reindexer): the saved page is
        served at once, and search catches up with it when Pagefind is done."""
        if material_search_on(config):
            return
        site = Path(config.site_dir)
        if self._reindexer is not None and (site / OUTPUT / "pagefind-entry.json").is_file():
            self._reindexer.start(site)
            return
        try:
            index_site(site)
        except BriefingError as exc:
            raise PluginError(str(exc)) from None

    def on_build_error(self, *, error):
        self._undate()
        self._graph = None
        self._last = None  # the next save builds everything

    def _undate(self) -> None:
        if self._dated:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
            self._dated = False

    def on_serve(self, server, *, config, builder):
        content = str(self.content_dir(config))
        server.watch(content)
        rewatch_when_back(server, content)
        if self._overlay is not None:
            server._inject_js_into_html = self._overlay.wrap(server._inject_js_into_html)
        return server


def _check_stylesheets(config, shipped: dict[str, Path]) -> None:
    """MkDocs links a missing stylesheet without a word, even in strict mode: refuse it, before
    the site folder is cleaned."""
    docs = Path(config.docs_dir)
    missing = [css for css in config.extra_css
               if "://" not in css and css not in shipped and not (docs / css).is_file()]
    if missing:
        raise ConfigError(f"extra_css lists {', '.join(missing)}, which is neither in "
                          f"{config.docs_dir} nor shipped with the briefing package")


def _merge_search_index(config) -> None:
    """After a dirty build, the search plugin knows only the rebuilt pages; add the entries of
    every other page from its previous index. (Material merges for one rebuilt page only, and
    drops every entry when that page is the home page.)"""
    search = config.plugins.get("material/search") or config.plugins.get("search")
    previous = getattr(search, "search_index_prev", None)
    index = getattr(search, "search_index", None)
    if previous is None or index is None:
        return
    rebuilt = {entry["location"].partition("#")[0] for entry in index.entries}
    kept = [entry for entry in previous.entries
            if entry["location"].partition("#")[0] not in rebuilt]
    index.entries = kept + index.entries
    search.search_index_prev = None  # merged already
