"""Options shared by the `briefing` commands: where the project's content folder is."""

from __future__ import annotations

from pathlib import Path

import click


def content_folder(content: Path | None, config_file: Path | None = None) -> Path:
    """The project's content folder: --content, else what mkdocs.yml's plugin says."""
    from .project_paths import find_project

    return find_project(config_file, content).content


_CONTENT_HELP = ("The content directory (curated YAML and source texts). Default: the briefing "
                 "plugin's content: in mkdocs.yml (relative to it), else content/.")

# readable=False: click would refuse an unreadable folder as a usage error (exit 2, with the
# usage text); loading it says what is wrong, as every other content problem (exit 1).
content_option = click.option(
    "--content", "content", type=click.Path(path_type=Path, readable=False), default=None,
    callback=lambda ctx, param, value: content_folder(value), help=_CONTENT_HELP)
"""--content of a command without -f: resolved from ./mkdocs.yml when not given."""

config_content_option = click.option(
    "--content", "content", type=click.Path(path_type=Path, readable=False), default=None, help=_CONTENT_HELP)
"""--content of a command with -f (build, check): resolved from that configuration."""
