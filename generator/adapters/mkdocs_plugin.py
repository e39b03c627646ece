"""The MkDocs adapter: `mkdocs build` and `mkdocs serve` generate the briefing pages in memory.

All the work happens in `generator.core.pipeline`; this module only hands pages to MkDocs, reports
content errors the way MkDocs reports its own, and makes `serve` watch `content/`.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from ..core.errors import BriefingError, ConfigError
from ..core.pipeline import MANIFEST, content_epoch, render, validate
from . import site_files
from .output_dir import check_output_folder, check_source_date_epoch, mark_built
from .pagefind import index_site, material_search_on

THEME = Path(__file__).parent.parent / "theme"
"""Partials overriding Material's (the search box, an accessibility fix) and the search script,
shipped with the package."""


class BriefingConfig(Config):
    content = config_options.Type(str, default="content")
    """The content directory, relative to mkdocs.yml."""


class BriefingPlugin(BasePlugin[BriefingConfig]):
    pages: dict[str, str] | None = None
    """Pages generated beforehand by the caller (`briefing build`), so they are not made twice."""
    _dated = False
    """Whether this build set SOURCE_DATE_EPOCH (and must unset it when the build ends)."""

    _built: dict[str, str] | None = None
    """The pages of this build, made in on_pre_build."""
    _shipped: dict[str, Path] = {}  # replaced per build, never mutated
    """The site files shipped with the package (site_files), found before the build starts."""

    def content_dir(self, config) -> Path:
        """The content folder, relative to mkdocs.yml unless absolute."""
        return Path(config.config_file_path).parent / self.config.content

    def on_config(self, config):
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
        return config

    def on_pre_build(self, *, config) -> None:
        """Check the output folder and the content before MkDocs cleans the site folder (it does
        so right after this event): a content error must leave the previous site as it was."""
        try:
            check_output_folder(Path(config.site_dir), project=Path(config.config_file_path).parent,
                                content=self.content_dir(config), docs=Path(config.docs_dir))
            check_source_date_epoch()
            self._shipped = site_files.site_files()
            _check_stylesheets(config, self._shipped)
            pages = self.pages
            if pages is None:
                graph = validate(self.content_dir(config))
                pages = render(graph)
                # MkDocs dates the sitemap from SOURCE_DATE_EPOCH, else today: date it by the
                # corpus, as `briefing build` does, so the same content gives the same bytes.
                if "SOURCE_DATE_EPOCH" not in os.environ:
                    os.environ["SOURCE_DATE_EPOCH"] = str(content_epoch(graph))
                    self._dated = True
            Path(config.site_dir).mkdir(parents=True, exist_ok=True)
            mark_built(config.site_dir)
        except BriefingError as exc:
            raise PluginError(str(exc)) from None
        except OSError as exc:  # an unreadable text or folder: the disk's message, not a traceback
            raise PluginError(f"{exc.strerror or exc}" + (f" ({exc.filename})" if exc.filename
                                                           else "")) from None
        self._built = pages

    def on_files(self, files: Files, *, config) -> Files:
        pages, self._built = self._built, None
        assert pages is not None, "MkDocs runs on_pre_build, which makes the pages, before on_files"
        docs = Path(config.docs_dir)
        manifest = docs / MANIFEST
        # Pages an earlier `briefing generate docs` wrote are ours to replace; others clash.
        ours = set(manifest.read_text("utf-8").split()) if manifest.is_file() else set()
        for path in sorted(ours):
            stale = files.get_file_from_path(path)
            if stale is not None:
                files.remove(stale)
        clashes = sorted(path for path in pages if files.get_file_from_path(path) is not None)
        if clashes:
            raise PluginError(
                "hand-written pages in docs_dir clash with generated pages: "
                + ", ".join(clashes) + "; rename or remove them (generated pages come from content/)")
        for path, text in sorted(pages.items()):
            files.append(File.generated(config, path, content=text))
        for path, source in self._shipped.items():
            if files.get_file_from_path(path) is None:
                files.append(File.generated(config, path, abs_src_path=str(source)))
        return files

    def on_post_build(self, *, config):
        self._undate()
        self._index_search(config)

    def _index_search(self, config) -> None:
        """Index the built site with Pagefind, unless Material's own search serves it (the
        offline edition, which Pagefind cannot serve from file://)."""
        if material_search_on(config):
            return
        try:
            index_site(Path(config.site_dir))
        except BriefingError as exc:
            raise PluginError(str(exc)) from None

    def on_build_error(self, *, error):
        self._undate()

    def _undate(self) -> None:
        if self._dated:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
            self._dated = False

    def on_serve(self, server, *, config, builder):
        server.watch(str(self.content_dir(config)))
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
