"""Where a project's content is: one answer for every command, `mkdocs build` included.

The content folder is the briefing plugin's `content:` in mkdocs.yml, relative to mkdocs.yml
(the plugin's own rule, `BriefingPlugin.content_dir`); `--content` overrides it; without a
mkdocs.yml it is ./content. Reading the configuration's YAML is enough: loading it as MkDocs does
would import the theme and every plugin.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..core.errors import ConfigError

DEFAULT_CONFIG = Path("mkdocs.yml")
DEFAULT_CONTENT = "content"
PLUGIN = "briefing"

MISSING_PLUGIN = ("{config} lists no 'briefing' plugin, so MkDocs would build none of the "
                  "briefing's pages; add it under plugins:\n"
                  "plugins:\n"
                  "  - briefing:\n"
                  "      content: content   # the content folder, relative to {config}")


@dataclass(frozen=True)
class Project:
    config_file: Path | None
    """mkdocs.yml, or None where there is none (content given or ./content)."""
    folder: Path | None
    """The folder of mkdocs.yml: the project folder."""
    content: Path
    docs: Path | None
    """docs_dir, where mkdocs.yml says (relative to it), else None."""


def find_project(config_file: Path | None, content: Path | None, *,
                 lenient: bool = False) -> Project:
    """The project of `config_file` (default ./mkdocs.yml, optional) and its content folder.

    `lenient`: for commands that only guard against writing into the content folder (schema,
    init), a configuration without the plugin or unreadable gives ./content, not an error."""
    if lenient:
        try:
            return find_project(config_file, content)
        except ConfigError:
            folder = (config_file or DEFAULT_CONFIG).parent
            return Project(None, folder, content or folder / DEFAULT_CONTENT, None)
    explicit = config_file is not None
    config_file = config_file if explicit else DEFAULT_CONFIG
    assert config_file is not None
    if not config_file.is_file():
        if explicit and content is None:
            raise ConfigError(f"config file '{config_file}' does not exist; run from the project "
                              "root or pass -f")
        return Project(None, None, content or Path(DEFAULT_CONTENT), None)
    settings = read_config(config_file)
    folder = config_file.parent
    plugin = plugin_settings(settings)
    if plugin is None and content is None:
        raise ConfigError(MISSING_PLUGIN.format(config=config_file))
    configured = (plugin or {}).get("content", DEFAULT_CONTENT)
    if not isinstance(configured, str) or not configured.strip():
        raise ConfigError(f"{config_file}: plugins: briefing: content must be a folder name, "
                          f"not {configured!r}")
    docs = settings.get("docs_dir", "docs")
    return Project(config_file, folder, content if content is not None else folder / configured,
                   folder / str(docs) if isinstance(docs, str) else None)


def read_config(config_file: Path) -> dict:
    """mkdocs.yml as MkDocs reads it (its !ENV and !relative tags, INHERIT)."""
    from mkdocs.utils.yaml import yaml_load

    try:
        with open(config_file, "rb") as stream:
            settings = yaml_load(stream)
    except Exception as exc:  # YAML or INHERIT errors: MkDocs would refuse the file too
        raise ConfigError(f"invalid {config_file}: {str(exc).strip()}") from None
    if not isinstance(settings, dict):
        raise ConfigError(f"invalid {config_file}: expected settings (key: value), "
                          f"not {type(settings).__name__}")
    return settings


def plugin_settings(settings: dict) -> dict | None:
    """The briefing plugin's settings ({} when listed bare); None when it is not listed."""
    plugins = settings.get("plugins")
    entries = plugins.items() if isinstance(plugins, dict) else (
        ((item, None) if isinstance(item, str) else next(iter(item.items()), (None, None)))
        for item in plugins or () if isinstance(item, str | dict))
    for name, options in entries:
        if name == PLUGIN:
            return options if isinstance(options, dict) else {}
    return None
