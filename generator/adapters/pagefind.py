"""The served site's search index: Pagefind, run on the HTML MkDocs has just written.

Pagefind (PyPI `pagefind[bin]`, the binary inside the wheel) splits the index into chunks by
word and keeps each page's text in its own fragment, so a query fetches a few chunks and the
fragments of the results it shows, whatever the size of the site; Material's search would make
every reader download the whole index (41 MB at 1,000 calls). What is indexed and how it weighs
is marked in the theme (generator/theme/partials/content.html): the page's body only, its
words weighed by the page's search boost, its aliases and role titles at a title's weight.

Pagefind cannot run from file:// (it fetches its chunks), so the offline edition keeps
Material's lunr search (adapters/offline.py) and is not indexed here.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from ..core.errors import BuildError

OUTPUT = "pagefind"
"""The index's folder, relative to the site root (the theme's partials/search.html loads
pagefind/pagefind.js from it)."""
EXCLUDED = (
    ".headerlink",       # the ¶ after every heading
    ".footnote",         # the footnote list repeats the source labels of every citation
    ".footnote-ref",     # footnote markers would leak numbers into excerpts
)
"""Parts of a page's body that are not its text."""
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
"""Pagefind's own search interfaces, which the site does not use (its box is Material's)."""


def material_search_on(config) -> bool:
    """Whether Material's `search` plugin serves this build (mkdocs.yml keeps it off; the
    offline edition turns it on)."""
    plugin = config.plugins.get("material/search")
    return plugin is not None and bool(plugin.config.enabled)


def index_site(site_dir: Path) -> None:
    """Write the Pagefind index of the built site into `site_dir/pagefind/`.

    Raises BuildError with Pagefind's own message when it fails or indexes no page (every page
    carries data-pagefind-body, so none indexed means the theme's partial was not used).
    """
    try:
        from pagefind_bin import get_executable  # type: ignore[import-untyped]
    except ImportError:
        raise BuildError("Pagefind is not installed: pip install 'pagefind[bin]' "
                         "(the served site's search index)") from None
    command = [str(get_executable()), "--site", str(site_dir), "--output-subdir", OUTPUT,
               "--exclude-selectors", ", ".join(EXCLUDED), "--force-language", "en", "--quiet"]
    result = subprocess.run(command, capture_output=True, text=True)
    entry = Path(site_dir) / OUTPUT / "pagefind-entry.json"
    if result.returncode or not entry.is_file():
        details = (result.stderr or result.stdout).strip()
        raise BuildError(f"Pagefind could not index {site_dir}" + (f": {details}" if details else ""))
    languages = json.loads(entry.read_text("utf-8")).get("languages", {})
    if not sum(language.get("page_count", 0) for language in languages.values()):
        raise BuildError(f"Pagefind indexed no page of {site_dir}: the theme's partials/content.html "
                         "(data-pagefind-body) was not used")
    for name in UNUSED:
        (Path(site_dir) / OUTPUT / name).unlink(missing_ok=True)
