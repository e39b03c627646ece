"""The site's own pages and stylesheet, shipped with the package (generator/site/).

Every briefing project gets them: the MkDocs plugin adds them to the build, and `briefing
generate` writes them next to the generated pages for builders that run no plugin (Zensical).
A file of the same path in the project's docs_dir replaces the shipped one.
"""

from __future__ import annotations

from pathlib import Path

from ..core.errors import ConfigError

SITE = Path(__file__).parent.parent / "site"
STYLESHEET = "assets/briefing.css"
"""Contrast fixes for Material's palette; mkdocs.yml lists it in extra_css."""
SCRIPT = "assets/briefing.js"
"""Highlights every fragment of the passage a reader lands on (source pages)."""


def site_files(root: Path | None = None) -> dict[str, Path]:
    """The shipped files by their path in the site ('how-to-read.md', 'assets/briefing.css')."""
    root = SITE if root is None else root
    found = {p.relative_to(root).as_posix(): p for p in sorted(root.rglob("*")) if p.is_file()}
    if STYLESHEET not in found:
        raise ConfigError(f"the briefing package is incomplete: {root / STYLESHEET} is missing; "
                          "reinstall it")
    return found
