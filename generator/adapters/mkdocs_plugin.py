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

from ..core.errors import BriefingError
from ..core.pipeline import MANIFEST, content_epoch, render, validate
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

    def _content_dir(self, config) -> Path:
        return Path(config.config_file_path).parent / self.config.content

    def on_config(self, config):
        # Our theme fixes (generator/theme/) come before Material's templates, after any
        # custom_dir of the site's own.
        if str(THEME) not in config.theme.dirs:
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME))
        return config

    def on_files(self, files: Files, *, config) -> Files:
        pages = self.pages
        if pages is None:
            try:
                graph = validate(self._content_dir(config))
                pages = render(graph)
            except BriefingError as exc:
                raise PluginError(str(exc)) from None
            # MkDocs dates the sitemap from SOURCE_DATE_EPOCH, else today: date it by the
            # corpus, as `briefing build` does, so the same content gives the same bytes.
            if "SOURCE_DATE_EPOCH" not in os.environ:
                os.environ["SOURCE_DATE_EPOCH"] = str(content_epoch(graph))
                self._dated = True
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
        server.watch(str(self._content_dir(config)))
        return server
