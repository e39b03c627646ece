"""The MkDocs adapter: `mkdocs build` and `mkdocs serve` generate the briefing pages in memory.

All the work happens in `generator.core.pipeline`; this module only hands pages to MkDocs, reports
content errors the way MkDocs reports its own, and makes `serve` watch `content/`.

Under `serve --dirty` (what `briefing serve` runs) each save regenerates incrementally and
MkDocs rebuilds only the pages whose Markdown changed: the others are handed over as files
MkDocs' dirty build skips. Every page is still in MkDocs' file list, so the navigation, the
sitemap and every cross-page link are worked out as in a full build. What serve keeps between
builds, and its quick rebuilds, are serve_session.py's; this module hands it MkDocs' events.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from markupsafe import escape
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from ..core.errors import BriefingError, ConfigError
from ..core.link import Graph
from ..core.pipeline import content_epoch, read_manifest, render, validate
from ..core.template_cache import CompiledTemplates, cache_folder
from . import site_files
from .offline import unindexed_markers
from .output_dir import check_folders, check_source_date_epoch, mark_built
from .pagefind import OUTPUT, index_site, material_search_on
from .published import Published, add_published, feed_links, set_page_meta
from .serve_live import rewatch_when_back
from .serve_session import ServeSession

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
    serve: ServeSession | None = None
    """serve --dirty: what is kept between builds (serve_session.py)."""
    _made: Published | None = None
    """This build's feeds, data files and search facets, and the corpus they come from."""
    _dated = False
    """Whether this build set SOURCE_DATE_EPOCH (and must unset it when the build ends)."""
    _templates: CompiledTemplates | None = None
    """The theme's compiled templates (core/template_cache.py): MkDocs makes a new template
    environment per build, and they are compiled once per machine, and once per serve session
    in memory."""

    def on_startup(self, *, command, dirty):
        # Defining on_startup also makes MkDocs keep this instance across serve's rebuilds.
        self.serve = None
        if command == "serve" and dirty:
            logging.getLogger("mkdocs.commands.build").addFilter(_DIRTY_NOTICE)
            self.serve = ServeSession()

    def on_nav(self, nav, *, config, files):
        if self.serve is not None:
            self.serve.note_nav(config, files, nav)
        return nav

    def on_env(self, env, *, config, files):
        if self._templates is None:  # made once, kept across serve's rebuilds
            self._templates = CompiledTemplates(cache_folder())
        env.bytecode_cache = self._templates
        if self.serve is not None:
            self.serve.note_env(env)
        return env

    def on_shutdown(self):
        logging.getLogger("mkdocs.commands.build").removeFilter(_DIRTY_NOTICE)
        if self.serve is not None:
            self.serve.close()

    _built: dict[str, str] | None = None
    """The pages of this build, made in on_pre_build."""
    _kept: set[str] = set()
    """Those of them unchanged since the previous dirty build (serve), which MkDocs skips."""
    _graph: Graph | None = None
    """Their corpus, from on_pre_build to on_files."""
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
        if self.serve is not None:
            self.serve.reindexer.cancel()  # it would read the pages this build rewrites
            self.serve.overlay.clear("config")  # this build's configuration was loaded
        try:
            check_folders(config, self.content_dir(config))
            check_source_date_epoch()
            self._shipped = site_files.site_files()
            _check_stylesheets(config, self._shipped)
            # Taken, not read: MkDocs keeps a plugin with on_startup across load_config calls in
            # one process, so pages handed over for one build must not serve the next.
            pages, kept, self.pages = self.pages, set[str](), None
            graph, self.graph = self.graph, None
            epoch: int | None = None
            if pages is None and self.serve is not None:
                pages, kept, graph, epoch = self.serve.pages_for_build(config,
                                                                       self.content_dir(config))
            elif pages is None:
                graph = validate(self.content_dir(config))
                pages = render(graph)
                epoch = content_epoch(graph)
            if graph is None:  # pages handed over without their corpus
                graph = validate(self.content_dir(config))
            # MkDocs dates the sitemap from SOURCE_DATE_EPOCH, else today: date it by the
            # corpus, as `briefing build` does, so the same content gives the same bytes.
            if epoch is not None and "SOURCE_DATE_EPOCH" not in os.environ:
                os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
                self._dated = True
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
        graph, self._graph = self._graph, None
        assert graph is not None, "on_pre_build keeps the corpus with the pages"
        self._made = Published.of(config, graph)
        if self.serve is not None:
            self.serve.published = self._made  # what its quick rebuilds compare with
        add_published(files, self._made.files, config)
        return files

    def on_page_context(self, context, *, page, config, nav):
        """The page's description and metadata for the theme (adapters/published.py): from
        the last quick rebuild under serve, else from this build."""
        made = self.serve.published if self.serve is not None else self._made
        if made is not None:
            set_page_meta(page, config, made.graph, made.facets)
        return context

    def on_page_content(self, html, *, page, config, files):
        """Where Material's search indexes the pages (the offline edition), the footnote
        markers are left out of its index: its results would otherwise read "Biden said[1][2]"."""
        return unindexed_markers(html) if material_search_on(config) else html

    @event_priority(50)  # before the search plugin writes its index
    def on_post_build(self, *, config):
        self._undate()
        if self.serve is not None:
            _merge_search_index(config)  # Material's search, where it is on
        self._index_search(config)
        if self.serve is not None:
            self.serve.completed(config)

    def _index_search(self, config) -> None:
        """Index the built site with Pagefind, unless Material's own search serves it (the
        offline edition, which Pagefind cannot serve from file://). Under serve, every build
        after the first is indexed in the background (pagefind.Reindexer): the saved page is
        served at once, and search catches up with it when Pagefind is done."""
        if material_search_on(config):
            return
        site = Path(config.site_dir)
        if self.serve is not None and (site / OUTPUT / "pagefind-entry.json").is_file():
            self.serve.reindexer.start(site)
            return
        try:
            index_site(site)
        except BriefingError as exc:
            raise PluginError(str(exc)) from None

    def on_build_error(self, *, error):
        self._undate()
        self._graph = None
        if self.serve is not None:
            self.serve.failed()

    def _undate(self) -> None:
        if self._dated:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
            self._dated = False

    def on_serve(self, server, *, config, builder):
        content = str(self.content_dir(config))
        server.watch(content)
        rewatch_when_back(server, content)
        if self.serve is not None:
            server._inject_js_into_html = self.serve.overlay.wrap(server._inject_js_into_html)
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
