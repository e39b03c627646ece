"""The MkDocs side of the files for machines (feeds, the data export) and of each page's
metadata (core/feeds.py, core/export.py, core/metadata.py): where MkDocs puts pages, the site's
address and name, and handing the results to MkDocs' files and to the theme (theme/main.html).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from ..core.errors import ConfigError
from ..core.export import export
from ..core.facets import FacetIndex
from ..core.feeds import SiteAddress, feeds
from ..core.graph import Graph
from ..core.metadata import other_page_metadata, page_metadata
from ..core.urls import FEEDS

FEED_LINKS = "briefing_feeds"
"""config.extra key the theme reads the feeds from: [{"title", "path"}], linked from every page."""
PAGE_META = "briefing"
"""page.meta key the theme reads a page's metadata from."""


def page_url(path: str, directory_urls: bool) -> str:
    """Where MkDocs serves a Markdown page, relative to the site root (as File.url gives it)."""
    stem = path.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    return stem.removesuffix("index") if stem.endswith("/index") else stem + "/"


def site_address(config: Any) -> SiteAddress:
    return _address(config.site_name, config.site_url or None, bool(config.use_directory_urls))


def settings_address(settings: dict, config_file: Path) -> SiteAddress:
    """The site's address as mkdocs.yml states it, read as YAML (`briefing generate` loads no
    MkDocs configuration): the same values, and so the same feeds, as `briefing build`'s."""
    name = settings.get("site_name")
    if not isinstance(name, str) or not name.strip():
        raise ConfigError(f"{config_file}: site_name: missing; the feeds are titled with the "
                          "site's name: add site_name: 'Your briefing'")
    url = settings.get("site_url")
    return _address(name, str(url) if url else None, settings.get("use_directory_urls") is not False)


def _address(name: str, url: str | None, directory_urls: bool) -> SiteAddress:
    return SiteAddress(name, url, lambda path: page_url(path, directory_urls))


def feed_links(config: Any) -> None:
    """Name the feeds in config.extra, for the theme's <link rel="alternate">."""
    config.extra[FEED_LINKS] = [{"title": f"{config.site_name}: {title.lower()}", "path": path}
                                for path, title in FEEDS.items()]


def published_files(config: Any, graph: Graph) -> dict[str, bytes]:
    """The feeds and the data export, by path in the site."""
    return publish(graph, site_address(config))


def publish(graph: Graph, site: SiteAddress | None) -> dict[str, bytes]:
    """The feeds (where the site's name is known) and the data export, by path in the site."""
    return {**(feeds(graph, site) if site else {}), **export(graph)}


@dataclass(frozen=True)
class Published:
    """What a build makes from the whole corpus besides the pages: the feeds and data files,
    and the search facets its pages carry."""

    graph: Graph
    files: dict[str, bytes]
    facets: FacetIndex

    @classmethod
    def of(cls, config: Any, graph: Graph) -> Published:
        return cls(graph, published_files(config, graph), FacetIndex(graph))


def add_published(files: Files, made: dict[str, bytes], config: Any) -> None:
    """Add the feeds and the export to the site's files (they replace nothing of the project's
    own: a file of the same path in docs_dir wins, as for the shipped files)."""
    for path, body in made.items():
        if files.get_file_from_path(path) is None:
            files.append(File.generated(config, path, content=body))


def rewrite_published(config: Any, made: dict[str, bytes], previous: dict[str, bytes]) -> None:
    """serve's quick rebuilds (which hand MkDocs no files): write the files whose bytes
    changed since the last build (a quick rebuild adds and removes no record, so no path)."""
    for path, body in made.items():
        if previous.get(path) != body:
            target = Path(config.site_dir) / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(body)


def set_page_meta(page: Any, config: Any, graph: Graph, facets: FacetIndex) -> None:
    """Give the page its description, metadata and search facets (page.meta), for Material's
    <meta name="description"> and theme/main.html."""
    site = site_address(config)
    here = page.url

    def url(path: str) -> str:
        target = site.page_url(path)
        if site.url:
            return site.href(target, "")
        return get_relative_url(target or ".", here or ".")

    meta = page_metadata(graph, page.file.src_uri, url)
    if meta is None:
        # Titles are HTML-escaped in the front matter (markdown_text.front_matter_title).
        title = html.unescape(page.title or "")
        if not title and not page.is_homepage:
            return
        meta = other_page_metadata(title, config.site_name, config.site_description,
                                   home=page.is_homepage)
    # Material prints page.meta.description as given (MkDocs' templates do not autoescape).
    page.meta["description"] = html.escape(meta.description, quote=True)
    found = facets.facets(page.file.src_uri)
    page.meta[PAGE_META] = {"title": meta.title, "description": meta.description,
                            "og_type": meta.og_type, "jsonld": meta.jsonld,
                            "filters": found.filters if found else {},
                            "sort_date": found.sort_date if found else None}
