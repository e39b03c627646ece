"""Where a build may write: one guard for `briefing build` and `mkdocs build`, and the build date.

A build replaces everything in its output folder. The guard refuses a folder whose loss would
lose work: the project folder or one holding it, the content or docs folder or one inside them,
a file, and a non-empty folder that no build made. Every build leaves a marker file in the folder
it writes, which is how a later build knows the folder is its own to replace.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..core.errors import ConfigError
from ..core.pipeline import MAX_EPOCH
from .folder_swap import MARKER
from .folder_swap import swap_in as swap_in  # where pagefind.py imports it from
from .output_guard import DOCS_DIR, SITE, check_folder

_MARKER_TEXT = "Built by 'briefing build' or 'mkdocs build'; every build replaces this folder.\n"

def check_output_folder(folder: Path, *, project: Path, content: Path | None,
                        docs: Path | None) -> None:
    """Raise ConfigError (one line) unless a build may replace `folder`."""
    check_folder(folder, SITE, project=project, content=content, docs=docs)
    target = Path(folder).resolve()
    shown = f"output folder '{folder}'"
    if target.exists() and not target.is_dir():
        raise ConfigError(f"{shown} is a file, not a folder; remove it or choose another folder")
    if target.is_dir() and not (target / MARKER).is_file() and any(target.iterdir()):
        raise ConfigError(f"{shown} holds files that no build made (every build leaves a {MARKER} "
                          "file) and a build would replace them all; empty it, or choose another "
                          "folder")


def check_folders(config, content: Path | None) -> None:
    """The guard of a loaded MkDocs configuration: its site_dir, and its docs_dir kept apart
    from the content folder (MkDocs would publish the raw records and texts)."""
    check_folder(Path(config.docs_dir), DOCS_DIR, project=None, content=content)
    check_output_folder(Path(config.site_dir), project=Path(config.config_file_path).parent,
                        content=content, docs=Path(config.docs_dir))


def mark_built(folder: Path) -> None:
    """Leave the marker that lets the next build replace `folder`."""
    marker = Path(folder) / MARKER
    if not marker.is_file():
        marker.write_text(_MARKER_TEXT, "utf-8")


def check_source_date_epoch() -> None:
    """Raise ConfigError if SOURCE_DATE_EPOCH is set to something MkDocs cannot date a build by."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        return
    if not epoch.strip().isdigit():
        raise ConfigError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, not '{epoch}'")
    if int(epoch) > MAX_EPOCH:
        raise ConfigError(f"SOURCE_DATE_EPOCH={epoch.strip()} is past {MAX_EPOCH} "
                          "(2106-02-07), the last date the gzip header of sitemap.xml.gz can hold")
