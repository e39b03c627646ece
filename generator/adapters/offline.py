"""The offline edition: a copy of the site that works opened from disk (file://), search included.

Material's `offline` plugin does most of it: it turns directory URLs off (a browser opening
`calls/x/` from disk shows a folder listing, not the page) and inlines the search index into
`search/search_index.js`, which a page can load from file:// where it cannot fetch JSON. Search
runs in a web worker, which browsers refuse to start from file://; the plugin therefore adds the
iframe-worker shim, from a CDN. We serve the shim from the site itself instead (a copy vendored in
`generator/assets/`, iframe-worker 1.0.4, MIT, by Material's author), so that the offline edition
makes no request to any host, and check every built page for resources from other hosts.

This module is part of the CLI's MkDocs adapter (`site_build`); the core never imports it.
"""

from __future__ import annotations

import re
import shutil
from importlib import resources
from pathlib import Path

from ..core.errors import BuildError
from ..core.page_loads import css_urls, is_remote, page_loads

SHIM = "assets/javascripts/iframe-worker-shim.js"
"""Where the iframe-worker shim is served from, relative to the site root."""
_VENDORED = ("iframe-worker-shim.js", "iframe-worker-LICENSE")
OFFLINE_PLUGIN = "material/offline"


def configure_offline(config) -> None:
    """Add Material's offline plugin to a loaded MkDocs config, with the shim served locally.

    Called before the build: the plugin's own `on_config` then turns directory URLs off, and
    finds our shim in `extra.polyfills` (any URL naming iframe-worker), so adds no CDN script.
    Material's search plugin, off in mkdocs.yml (the served site has Pagefind), is turned on.
    """
    from material.plugins.offline.plugin import OfflinePlugin

    polyfills = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in str(p)]
    config.extra["polyfills"] = [*polyfills, SHIM]
    search = config.plugins.get("material/search")
    if search is None:
        raise BuildError("the offline edition needs Material's search plugin listed in mkdocs.yml "
                         "(`- search:` under `plugins`, `enabled: false` for the served site)")
    # Pagefind, the served site's search, fetches its index and cannot run from file://
    search.config.enabled = True
    if not any(isinstance(plugin, OfflinePlugin) for plugin in config.plugins.values()):
        plugin = OfflinePlugin()
        errors, warnings = plugin.load_config({}, config_file_path=config.config_file_path)
        if errors or warnings:  # an empty config has nothing to get wrong; a Material upgrade might
            raise BuildError(f"Material's offline plugin refused its configuration: {errors or warnings}")
        config.plugins[OFFLINE_PLUGIN] = plugin


def finish_offline(site_dir: Path) -> None:
    """Copy the shim into the built site, drop the 404 page, then refuse the edition if it is not
    self-contained.

    404.html is shown by web servers only, and its root-absolute links (/assets/…) point at the
    root of the reader's disk when opened from it.

    Raises BuildError naming every page that would load something from another host, and when
    the inlined search index is missing (search would silently find nothing from disk).
    """
    site_dir = Path(site_dir)
    target = site_dir / SHIM
    target.parent.mkdir(parents=True, exist_ok=True)
    assets = resources.files("generator") / "assets"
    for name, dest in zip(_VENDORED, (target, target.with_name("iframe-worker-LICENSE"))):
        with resources.as_file(assets / name) as path:
            shutil.copyfile(path, dest)
    (site_dir / "404.html").unlink(missing_ok=True)
    problems = []
    if not (site_dir / "search" / "search_index.js").is_file():
        problems.append("search/search_index.js is missing: search would not work from disk")
    for page, url in external_resources(site_dir):
        problems.append(f"{page} loads {url} from another host")
    if problems:
        raise BuildError("the offline edition is not self-contained:\n" + "\n".join(problems))


def external_resources(site_dir: Path) -> list[tuple[str, str]]:
    """(file, URL) for every resource the built site loads from another host, in file order.

    Resources are what a browser fetches or follows by itself while showing a page: scripts,
    stylesheets, icons, images, frames (and what a srcdoc frame's document loads), media, SVG
    references, a <base>, a refresh, and every
    url(), @import and image-set() of inline styles, <style> elements and the site's CSS files;
    not links a reader may follow.
    """
    site_dir = Path(site_dir)
    found: list[tuple[str, str]] = []
    for path in sorted(site_dir.rglob("*")):
        if path.suffix not in (".html", ".css") or not path.is_file():
            continue
        text = path.read_text("utf-8", errors="replace")
        urls = css_urls(text) if path.suffix == ".css" else page_loads(text)
        relative = path.relative_to(site_dir).as_posix()
        found.extend((relative, url) for url in urls if is_remote(url))
    return found


FOOTNOTE_MARKER = re.compile(r'<sup id="fnref')
"""Python-Markdown's footnote reference: `<sup id="fnref:1"><a class="footnote-ref" …>[1]</a></sup>`
(`fnref2:1` for a note's second marker on the page)."""


def unindexed_markers(html: str) -> str:
    """A page's HTML with each footnote marker marked `data-search-exclude`, which Material's
    search skips, as it skips the notes' own section (renderer.NOTES_BLOCK)."""
    return FOOTNOTE_MARKER.sub('<sup data-search-exclude id="fnref', html)
