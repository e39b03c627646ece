"""`briefing init DIR`: a new briefing project that `briefing build` builds at once.

The project is copied from `generator/project_template/` (mkdocs.yml and a content skeleton with
one small, invented example call, its source and the source's text), plus what a wheel cannot
carry as files: the empty kind folders, docs/, .gitignore, and the editor schemas, written from
the model so that they always match the installed version.
"""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import yaml

from ..core.errors import ConfigError
from ..core.kinds import KINDS
from ..core.schema import write_schemas

TEMPLATE = Path(__file__).parent.parent / "project_template"
DEFAULT_TITLE = "A sourced briefing"
GITIGNORE = "site/\nsite-offline/\n.briefing/\n"


def check_title(title: str) -> None:
    """Refuse a title no page could show: empty, or holding control characters (a line break,
    a tab) or bytes the terminal could not decode."""
    bad = sorted({f"U+{ord(c):04X}" for c in title if unicodedata.category(c) in ("Cc", "Cs")})
    if bad:
        raise ConfigError(f"--title must be one line of text; it holds {', '.join(bad)}")
    if not title.strip():
        raise ConfigError("--title is empty; give the site's name, such as --title 'Trade calls'")


def init_project(target: Path, title: str = DEFAULT_TITLE) -> list[Path]:
    """Write a new project into `target` (absent or empty); return the files written."""
    check_title(title)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ConfigError(f"'{target}' already exists and is not an empty folder; "
                          "choose a new folder (init never overwrites)")
    if not (TEMPLATE / "mkdocs.yml").is_file():
        raise ConfigError(f"the briefing package is incomplete: {TEMPLATE} is missing; reinstall it")
    shutil.copytree(TEMPLATE, target, dirs_exist_ok=True)
    config = target / "mkdocs.yml"
    lines = config.read_text("utf-8").splitlines(keepends=True)
    # Written as a double-quoted YAML string with YAML's own escapes (a JSON string is not one:
    # YAML reads a raw U+0085 in it as a line break); escaped for HTML by the plugin.
    lines[0] = "site_name: " + yaml.safe_dump(title, default_style='"', allow_unicode=True,
                                              width=float("inf"))
    config.write_text("".join(lines), "utf-8")
    for kind in KINDS:
        (target / "content" / kind).mkdir(parents=True, exist_ok=True)
    (target / "content" / "texts").mkdir(exist_ok=True)
    (target / "docs").mkdir(exist_ok=True)
    (target / "docs" / ".gitkeep").write_text("", "utf-8")  # git keeps no empty folder
    (target / ".gitignore").write_text(GITIGNORE, "utf-8")
    write_schemas(target / "schemas")
    return sorted(p for p in target.rglob("*") if p.is_file())
