"""The served site's search index: Pagefind, run on the HTML MkDocs has just written.

Pagefind (PyPI `pagefind[bin]`, the binary inside the wheel) splits the index into chunks by
word and keeps each page's text in its own fragment, so a query fetches a few chunks and the
fragments of the results it shows, whatever the size of the site; Material's search would make
every reader download the whole index (41 MB at 1,000 calls). What is indexed and how it weighs
is marked in the theme (generator/theme/partials/content.html): the page's body only, its
words weighed by the page's search boost, its aliases and role titles at a title's weight.

Pagefind cannot run from file:// (it fetches its chunks), so the offline edition keeps
Material's lunr search (adapters/offline.py) and is not indexed here.

`briefing serve` indexes in the background instead (`Reindexer`): the page a curator saved is
served as soon as MkDocs has written it, and the search index follows a few seconds later, built
beside the old one and swapped in whole. A page opened before the swap keeps the index it loaded
(pagefind.js reads pagefind-entry.json and the language's metadata once, then fetches chunks and
fragments by the names they list): those files are named by a hash of their content, so the
previous indexes' files are carried into the new one for a while (`KEEP_SECONDS`), and an open
page's searches keep working until livereload or the reader loads it again.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from ..core.errors import BuildError
from .output_dir import swap_in
from .pagefind_stable import stabilize

log = logging.getLogger("mkdocs.plugins.briefing")

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
          "pagefind-component-ui.js", "pagefind-component-ui.css")
"""Pagefind's own search interfaces, which the site does not use (its box is Material's). Its
highlighter, pagefind-highlight.js, stays: the page a result opens marks the searched words
with it (assets/briefing.js)."""
HASHED = ("fragment/*.pf_fragment", "index/*.pf_index", "filter/*.pf_filter", "*.pf_meta")
"""The files of an index named by a hash of what they hold (Pagefind 1.x): the same name is
always the same bytes, so an older index's files can stand beside a newer one's."""
KEEP_SECONDS = 3600.0
"""How long serve keeps an index's files after a newer index has replaced them, for pages
opened before the swap."""
NEXT = ".pagefind-next"
"""Where serve builds the next index, inside the site folder (so that it can be swapped in by a
rename); MkDocs' dirty builds leave it alone and Pagefind reads no HTML from it."""


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
    result = subprocess.run(_command(site_dir, OUTPUT), capture_output=True, text=True)
    _check(site_dir, site_dir / OUTPUT, result.returncode, result.stderr or result.stdout)


def _command(site_dir: Path, output: str) -> list[str]:
    try:
        from pagefind_bin import get_executable  # type: ignore[import-untyped]
    except ImportError:
        raise BuildError("Pagefind is not installed: pip install 'pagefind[bin]' "
                         "(the served site's search index)") from None
    return [str(get_executable()), "--site", str(site_dir), "--output-subdir", output,
            "--exclude-selectors", ", ".join(EXCLUDED), "--force-language", "en", "--quiet"]


def _check(site_dir: Path, output: Path, returncode: int, details: str) -> None:
    """Raise BuildError unless Pagefind wrote an index of at least one page into `output`;
    remove the parts of its bundle the site does not use."""
    entry = output / "pagefind-entry.json"
    if returncode or not entry.is_file():
        details = details.strip()
        raise BuildError(f"Pagefind could not index {site_dir}" + (f": {details}" if details else ""))
    languages = json.loads(entry.read_text("utf-8")).get("languages", {})
    if not sum(language.get("page_count", 0) for language in languages.values()):
        raise BuildError(f"Pagefind indexed no page of {site_dir}: the theme's partials/content.html "
                         "(data-pagefind-body) was not used")
    for name in UNUSED:
        (output / name).unlink(missing_ok=True)
    stabilize(output)  # the same pages, the same index files (pagefind_stable.py)


class Reindexer:
    """serve: Pagefind run in the background after each build, its index swapped in whole when
    it is done. A new build cancels the run in progress first (it would read pages MkDocs is
    rewriting), so the index served is always that of a complete build: the last one, once
    Pagefind has caught up with it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None
        self.done = threading.Event()
        """Set when the last run started has finished, indexed or not (tests wait on it)."""
        self._superseded: dict[str, float] = {}
        """Hashed files of earlier indexes still kept (relative path -> when replaced)."""

    def start(self, site_dir: Path) -> None:
        self.cancel()
        site_dir = Path(site_dir)
        shutil.rmtree(site_dir / NEXT, ignore_errors=True)
        # At low priority: the curator's next save must not wait for the search index.
        nice = shutil.which("nice")
        command = ([nice, "-n", "10"] if nice else []) + _command(site_dir, NEXT)
        with self._lock:
            self.done.clear()
            self._process = process = subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        threading.Thread(target=self._finish, args=(process, site_dir, time.monotonic()),
                         name="pagefind", daemon=True).start()

    def cancel(self) -> None:
        """Stop the run in progress, if any; its half-written index is never served."""
        with self._lock:
            process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()

    def _finish(self, process: subprocess.Popen, site_dir: Path, started: float) -> None:
        output, _ = process.communicate()
        with self._lock:
            if process is not self._process:
                return  # cancelled by a newer build: that build's run will finish instead
            self._process = None
            try:
                _check(site_dir, site_dir / NEXT, process.returncode, output or "")
                self._carry_over(site_dir / OUTPUT, site_dir / NEXT)
                swap_in(site_dir / NEXT, site_dir / OUTPUT)
                log.info(f"Search index rebuilt in {time.monotonic() - started:.1f} s")
            except (BuildError, OSError) as exc:
                shutil.rmtree(site_dir / NEXT, ignore_errors=True)
                # Printed, not logged as a warning: strict mode counts warnings logged while a
                # build runs, and this thread may log during the next one.
                print(f"WARNING  -  Search index not rebuilt: {exc}; search finds the site as "
                      "it was at the last indexed build", file=sys.stderr, flush=True)
            finally:
                self.done.set()

    def _carry_over(self, current: Path, new: Path, now: float | None = None) -> None:
        """Link into the new index the hashed files of the current one it lacks, unless they
        were replaced more than KEEP_SECONDS ago: pages opened before the swap fetch them."""
        now = time.monotonic() if now is None else now
        ours = _hashed(new)
        for name in ours:
            self._superseded.pop(name, None)  # current again
        for name in _hashed(current) - ours:
            replaced = self._superseded.setdefault(name, now)
            if now - replaced > KEEP_SECONDS:
                del self._superseded[name]
                continue
            target = new / name
            target.parent.mkdir(exist_ok=True)
            try:
                os.link(current / name, target)
            except OSError:
                shutil.copyfile(current / name, target)


def _hashed(index: Path) -> set[str]:
    """The hash-named files of an index, relative to it."""
    return {path.relative_to(index).as_posix() for pattern in HASHED for path in index.glob(pattern)}
