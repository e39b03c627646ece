"""`briefing serve` reading mkdocs.yml: a broken file is one message naming the file and line.

MkDocs' serve loads the configuration again for every rebuild, and its rebuild loop prints the
traceback of whatever goes wrong (two, chained, for a YAML error in mkdocs.yml) and then holds
every request until a build succeeds. So a configuration that cannot be loaded is a ConfigError
at start-up (the command's one-line error, exit 1); in a rebuild it is printed in one line,
shown on the served pages (serve_live.ErrorOverlay) and the rebuild is skipped (`Unloadable`):
the last site stays served until the file is fixed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from mkdocs.exceptions import ConfigurationError

from ..core.errors import ConfigError, relative
from ..core.yaml_syntax import syntax_problem


class Unloadable:
    """What a rebuild gets for a configuration that cannot be loaded: `build` skips it. (MkDocs'
    serve extends its watch list and sets its site_url before building.)"""

    def __init__(self, message: str, last: Any) -> None:
        self.message = message
        """What is wrong with the configuration, in one line."""
        self.last = last
        """The last configuration loaded, whose plugins show the message in the browser."""
        self.watch: list[str] = []
        self.site_url: str | None = None


def loading_config(load: Callable[..., Any]) -> Callable[..., Any]:
    """MkDocs' load_config, with a configuration it cannot load reported in one line."""
    last = None

    def load_config(**kwargs: Any) -> Any:
        nonlocal last
        try:
            config = load(**kwargs)
        except ConfigurationError as exc:
            message = config_problem(exc, kwargs.get("config_file"))
            if last is None:
                raise ConfigError(message) from None
            print(f"ERROR    -  {message}; still serving the last site: fix it and save",
                  file=sys.stderr, flush=True)
            return Unloadable(message, last)
        last = config
        return config

    return load_config


def config_problem(exc: ConfigurationError, config_file: Any) -> str:
    """FILE:LINE:COLUMN: what is wrong, for a YAML error in mkdocs.yml; MkDocs' own message
    (one line) for anything else."""
    cause = exc.__cause__ or exc.__context__
    if isinstance(cause, yaml.MarkedYAMLError) and config_file:
        path = Path(str(config_file))
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            text = ""
        message, line, column = syntax_problem(cause, text)
        return f"{relative(path)}:{line}:{column}: {message}"
    return " ".join(str(exc).split())
