"""Running MkDocs on the generated pages, atomically: build elsewhere, then swap.

This is the CLI's MkDocs adapter; the core pipeline never imports MkDocs.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

from ..core.errors import BuildError, ConfigError


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_site(config_file: Path, site_dir: Path | None = None, *, offline: bool = False,
               content: Path | None = None, pages: dict[str, str] | None = None,
               source_date_epoch: int | None = None) -> Path:
    """Build with MkDocs in strict mode into a temporary folder, then swap it into place.

    MkDocs dates the build (sitemap lastmod, the gzip header of sitemap.xml.gz) from
    SOURCE_DATE_EPOCH when it is set, else from today; `source_date_epoch` is used when the
    variable is unset, so that the same content builds the same bytes on any day.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None and not epoch.strip().isdigit():
        raise ConfigError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, not '{epoch}'")
    if epoch is None and source_date_epoch is not None:
        os.environ["SOURCE_DATE_EPOCH"] = str(source_date_epoch)
        try:
            return build_site(config_file, site_dir, offline=offline, content=content, pages=pages)
        finally:
            del os.environ["SOURCE_DATE_EPOCH"]
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

    if not config_file.exists():
        raise ConfigError(f"config file '{config_file}' does not exist; run from the project root "
                          "or pass -f")
    overrides: dict = {"strict": True}
    try:
        config = load_config(config_file=str(config_file), **overrides)
    except ConfigurationError as exc:
        raise ConfigError(f"invalid {config_file}: {exc}") from None
    target = Path(site_dir) if site_dir else Path(config.site_dir)
    target = target.resolve()
    for plugin in config.plugins.values():
        if type(plugin).__name__ == "BriefingPlugin":
            if content is not None:
                plugin.config.content = str(content.resolve())
            plugin.pages = pages
    if offline:
        _enable_offline(config)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
    config.site_dir = str(staging)
    collector = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
        if offline:
            from .offline import finish_offline

            finish_offline(staging)
    except (Abort, MkDocsException) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        details = "\n".join(collector.messages)
        raise BuildError(f"{exc}" + (f"\n{details}" if details else "")) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        logger.removeHandler(collector)
    _swap(staging, target)
    return target


def _swap(staging: Path, target: Path) -> None:
    """Replace target by staging with two renames, so readers never see a half site."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.replace(target, old)
    os.replace(staging, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _enable_offline(config) -> None:
    from .offline import configure_offline

    configure_offline(config)
