"""Running MkDocs on the generated pages, atomically: build elsewhere, then swap.

This is the CLI's MkDocs adapter; the core pipeline never imports MkDocs.
"""

from __future__ import annotations

import errno
import hashlib
import importlib
import logging
import os
import re
import signal
import sys
import tempfile
import threading
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from ..core.errors import BuildError, ConfigError
from ..core.link import Graph
from .folder_swap import STAGED_NEW, STAGED_OLD, UNMOVABLE, remove_tree
from .output_dir import MARKER, check_folders, check_source_date_epoch, mark_built, swap_in
from .project_paths import MISSING_PLUGIN


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_site(config_file: Path, site_dir: Path | None = None, *, offline: bool = False,
               content: Path | None = None, pages: dict[str, str] | None = None,
               source_date_epoch: int | None = None, graph: Graph | None = None) -> Path:
    """Build with MkDocs in strict mode into a temporary folder, then swap it into place.

    MkDocs dates the build (sitemap lastmod, the gzip header of sitemap.xml.gz) from
    SOURCE_DATE_EPOCH when it is set, else from today; `source_date_epoch` is used when the
    variable is unset, so that the same content builds the same bytes on any day.
    """
    check_source_date_epoch()
    if "SOURCE_DATE_EPOCH" not in os.environ and source_date_epoch is not None:
        os.environ["SOURCE_DATE_EPOCH"] = str(source_date_epoch)
        try:
            return build_site(config_file, site_dir, offline=offline, content=content, pages=pages,
                              graph=graph)
        finally:
            del os.environ["SOURCE_DATE_EPOCH"]
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    if not config_file.exists():
        raise ConfigError(f"config file '{config_file}' does not exist; run from the project root "
                          "or pass -f")
    overrides: dict = {"strict": True}
    try:
        config = load_config(config_file=str(config_file), **overrides)
    except ConfigurationError as exc:
        raise ConfigError(f"invalid {config_file}: {exc}") from None
    target = Path(site_dir) if site_dir is not None else Path(config.site_dir)
    plugin = next((p for p in config.plugins.values() if type(p).__name__ == "BriefingPlugin"),
                  None)
    if plugin is None:
        raise ConfigError(MISSING_PLUGIN.format(config=config_file))
    if content is not None:
        plugin.config.content = str(content.resolve())
    plugin.pages, plugin.graph = pages, graph
    content = plugin.content_dir(config)
    config.site_dir = str(target)
    check_folders(config, content)
    target = target.resolve()
    if offline:
        _enable_offline(config)
    target.parent.mkdir(parents=True, exist_ok=True)
    with _exclusive(target.parent), _signals_as_exceptions():
        _remove_leftovers(target)
        staging = _staging_folder(target)
        try:
            # mkdtemp makes the folder 0700; a site is for a web server user to read too.
            staging.chmod(0o777 & ~_umask())
            mark_built(staging)
            _build(config, staging, offline)
        except BaseException:
            remove_tree(staging)
            raise
        try:
            with _signals_held():
                swap_in(staging, target)
        except BaseException as exc:
            # Ctrl-C during the swap is held until the new site is in place: the build is then
            # done, and "Aborted!" would tell the user it was not.
            if (isinstance(exc, KeyboardInterrupt) and not staging.exists()
                    and (target / MARKER).is_file()):
                print(f"Interrupted after the new site was in place in {target}/.",
                      file=sys.stderr)
            else:
                remove_tree(staging)  # the new site not swapped in, or the old one swapped out
                raise
    return target


def _staging_folder(target: Path) -> Path:
    """A new folder to build in: next to `target`, so that it can take target's place in one
    rename; inside `target` where target cannot be renamed (a mount point, a Docker volume)
    or nothing can be made next to it (a writable site folder in a read-only folder), whose
    contents are then replaced (folder_swap.replace_contents)."""
    if not (target.is_dir() and os.path.ismount(target)):
        try:
            return Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
        except OSError as exc:
            if exc.errno not in UNMOVABLE:
                raise
            if not (target.is_dir() and os.access(target, os.W_OK)):
                raise BuildError(f"cannot write the site: neither {target} nor the folder it is "
                                 f"in ({target.parent}) is writable ({exc.strerror})") from None
    return Path(tempfile.mkdtemp(prefix=STAGED_NEW, dir=target))


def _build(config, staging: Path, offline: bool) -> None:
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort, MkDocsException

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
        details = "\n".join(collector.messages)
        raise BuildError(f"{exc}" + (f"\n{details}" if details else "")) from None
    finally:
        logger.removeHandler(collector)


_LEFTOVER = re.compile(r"\.(?P<name>.+)\.(?:building|old)-.+")
_LEFTOVER_INSIDE = re.compile(re.escape(STAGED_NEW) + "|" + re.escape(STAGED_OLD))


def _remove_leftovers(target: Path) -> None:
    """Remove what killed builds of `target` left next to it (staging and old copies), or inside
    it where it cannot be renamed.

    Called with the folder lock held: no other build of this folder is running, so any such
    folder belongs to a build that was killed (SIGKILL, a power cut) before it could clean up.
    Only folders a build marked (remove_tree removes the marker last), or empty ones, go.
    """
    candidates = [path for path in target.parent.iterdir()
                  if (match := _LEFTOVER.fullmatch(path.name)) and match["name"] == target.name]
    if target.is_dir() and not target.is_symlink():
        candidates += [path for path in target.iterdir() if _LEFTOVER_INSIDE.match(path.name)]
    for path in candidates:
        if (path.is_dir() and not path.is_symlink()
                and ((path / MARKER).is_file() or not any(path.iterdir()))):
            remove_tree(path)


@contextmanager
def _exclusive(folder: Path):
    """Hold an exclusive lock on `folder` (the site's parent): concurrent builds of the same
    site wait for each other instead of swapping over each other's folders.

    POSIX locks the folder itself (flock), which leaves nothing behind. Windows can neither open
    nor lock a folder, so there the lock is a byte of a file named after the folder, in the
    temporary folder (msvcrt.locking)."""
    try:
        import fcntl
    except ImportError:  # Windows
        with _exclusive_file(folder):
            yield
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        yield
        return
    try:
        with suppress(OSError):  # a file system without locks: build unlocked, as before
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


@contextmanager
def _exclusive_file(folder: Path):
    msvcrt: Any = importlib.import_module("msvcrt")  # Any: typeshed has it on Windows only
    key = hashlib.sha256(os.path.normcase(str(folder)).encode("utf-8")).hexdigest()[:16]
    try:
        fd = os.open(Path(tempfile.gettempdir()) / f"briefing-{key}.lock", os.O_RDWR | os.O_CREAT)
    except OSError:
        yield
        return
    locked = False
    try:
        while not locked:
            try:  # LK_LOCK gives up after ten tries a second apart: wait as flock does
                msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
                locked = True
            except OSError as exc:
                if exc.errno != errno.EDEADLOCK:
                    break  # a file system without locks: build unlocked
        yield
    finally:
        if locked:
            with suppress(OSError):
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        os.close(fd)


_STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGBREAK")
                      if hasattr(signal, name))
"""What CI timeouts and closed terminals send: SIGTERM everywhere, SIGHUP on POSIX, SIGBREAK
(Ctrl-Break, a closed console window) on Windows."""


class _Signalled(BaseException):
    """One of _STOP_SIGNALS arrived during a build."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextmanager
def _signals_as_exceptions():
    """Turn _STOP_SIGNALS into an exception while building, so that the staging folder is
    removed, then die of the same signal as the process would have."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, frame):
        raise _Signalled(signum)

    previous = {sig: signal.signal(sig, handler) for sig in _STOP_SIGNALS}
    try:
        yield
    except _Signalled as exc:
        for sig, old in previous.items():
            signal.signal(sig, signal.SIG_DFL if old is None else old)
        previous = {}
        os.kill(os.getpid(), exc.signum)
        raise SystemExit(128 + exc.signum) from None  # the signal was ignored before the build
    finally:
        for sig, old in previous.items():
            signal.signal(sig, signal.SIG_DFL if old is None else old)


@contextmanager
def _signals_held():
    """Hold _STOP_SIGNALS and SIGINT (Ctrl-C) back while the new site is swapped in and the
    old one removed: a signal then ends the process just after, with the new site in place and
    nothing left.

    Blocking them is not enough on its own: the kernel hands a signal to any thread that does
    not block it (a server or watcher thread of the same process), and Python then runs its
    handler in this thread anyway. So the main thread's handlers only note a signal until the
    swap is over, and it is raised again then. Windows has no signal mask (and runs every
    handler in the main thread): there the handlers alone hold them."""
    held = {*_STOP_SIGNALS, signal.SIGINT}
    noted: list[int] = []
    previous = {}
    if threading.current_thread() is threading.main_thread():
        previous = {sig: signal.signal(sig, lambda signum, frame: noted.append(signum))
                    for sig in held}
    mask = getattr(signal, "pthread_sigmask", None)
    if mask is not None:
        mask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        if mask is not None:
            mask(signal.SIG_UNBLOCK, held)  # a held signal is noted now
        for sig, old in previous.items():
            signal.signal(sig, signal.SIG_DFL if old is None else old)
        if noted:
            if noted[0] == signal.SIGINT:
                raise KeyboardInterrupt
            os.kill(os.getpid(), noted[0])


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _enable_offline(config) -> None:
    from .offline import configure_offline

    configure_offline(config)
