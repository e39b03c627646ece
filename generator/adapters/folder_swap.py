"""Putting a freshly built folder in place of the previous one, and removing folders safely.

The new folder takes the old one's place in one step where the file system can (Linux'
renameat2 exchange), else by two renames. Where the folder itself cannot be renamed (a mount
point, such as a Docker volume: EBUSY; a folder whose parent is read-only), its contents are
replaced instead, as MkDocs does: not in one step, but nothing of the new folder is lost.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import stat
import tempfile
from pathlib import Path

MARKER = ".briefing-site"
"""Left in every built site (output_dir.mark_built): this folder was made by a build and is
replaced by the next one. MkDocs keeps dot files when it cleans the site folder and never copies
them from docs_dir. Removed last (remove_tree), so that a folder a killed removal leaves is still
known as a build's own."""

STAGED_NEW = ".briefing-building-"
STAGED_OLD = ".briefing-old-"
"""Prefixes of the folders made inside a site folder that cannot be renamed: the build staged
there, and the previous contents moved aside."""

UNMOVABLE = (errno.EBUSY, errno.EPERM, errno.EACCES, errno.EROFS, errno.EXDEV)
"""Why a folder cannot be renamed while its contents can be replaced."""


def swap_in(staging: Path, target: Path) -> None:
    """Put staging in target's place, so readers never see a half-written folder (a site, a
    search index).

    On Linux the two folders are exchanged in one step (renameat2 RENAME_EXCHANGE): there is
    never a moment without target. Elsewhere, or on a file system that cannot exchange, two
    renames leave target missing for the instant between them. A target that cannot be renamed
    gets staging's contents instead (replace_contents).
    """
    if staging.parent != target.parent:  # staged inside target: only its contents can move
        replace_contents(staging, target)
        return
    if not target.exists():
        os.rename(staging, target)
        return
    try:
        if _exchange(staging, target):
            remove_tree(staging)  # now the previous folder
            return
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.replace(target, old)
    except OSError as exc:
        if exc.errno not in UNMOVABLE:
            raise
        replace_contents(staging, target)
        return
    try:
        os.replace(staging, target)
    except BaseException:
        os.replace(old, target)
        raise
    remove_tree(old)


def replace_contents(staging: Path, target: Path) -> None:
    """Replace everything in `target` by what `staging` holds, `target` itself staying in place.

    The previous contents are first moved aside into a folder inside `target` (renames within one
    file system), the new ones moved in (renamed, or copied when `staging` is on another file
    system), then the previous ones removed. If moving in fails (a full disk), what was moved in
    is removed and the previous contents are put back.
    """
    aside = Path(tempfile.mkdtemp(prefix=STAGED_OLD, dir=target))
    # Both folders keep a marker throughout, so that whatever a kill leaves is cleaned by the
    # next build: target keeps its own until the new one replaces it, last.
    (aside / MARKER).write_text("The previous contents of a site being replaced.\n", "utf-8")
    keep = {staging.name, aside.name, MARKER}
    moved_in: list[Path] = []
    try:
        for child in sorted(target.iterdir()):
            if child.name not in keep:
                os.rename(child, aside / child.name)
        for child in sorted(staging.iterdir(), key=lambda path: path.name == MARKER):
            if child.name != MARKER:
                moved_in.append(target / child.name)
            shutil.move(child, target / child.name)
    except BaseException:
        for path in moved_in:
            if path.is_dir() and not path.is_symlink():
                remove_tree(path)
            else:
                path.unlink(missing_ok=True)
        for child in aside.iterdir():
            if not (target / child.name).exists():
                os.rename(child, target / child.name)
        remove_tree(aside)
        raise
    remove_tree(staging)
    remove_tree(aside)


def remove_tree(path: Path) -> bool:
    """Remove a folder completely: read-only folders inside it too (made writable first, as
    `rm -rf` by their owner would), and its marker last, so that a removal killed midway leaves
    a folder the next build still knows as its own and removes. False if something stayed (not
    ours to change): the next build tries again."""
    path = Path(path)
    try:
        if not path.exists():
            return True
        for child in path.iterdir():
            if child.name == MARKER:
                continue
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child, onerror=_writable_and_retry)
            else:
                try:
                    child.unlink()
                except PermissionError:
                    _make_writable(path)
                    child.unlink()
        shutil.rmtree(path, onerror=_writable_and_retry)
    except OSError:
        return False
    return True


def _writable_and_retry(function, failed: str, info) -> None:
    """shutil.rmtree's error handler: what a read-only folder holds is removed once the folder is
    writable (and a folder that cannot be listed once it can)."""
    error = info[1]
    if isinstance(error, FileNotFoundError):  # removed here already
        return
    if not isinstance(error, PermissionError):
        raise error
    failed_path = Path(failed)
    if function in (os.open, os.scandir):
        _make_writable(failed_path)
        shutil.rmtree(failed_path, onerror=_writable_and_retry)
        return
    _make_writable(failed_path.parent)
    function(failed_path)


def _make_writable(folder: Path) -> None:
    mode = stat.S_IMODE(folder.lstat().st_mode)
    os.chmod(folder, mode | stat.S_IRWXU)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths; False if this system or file system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError, TypeError):  # not Linux; Windows loads no library by None
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                          ctypes.c_uint]
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EXDEV):
        return False
    raise OSError(error, os.strerror(error), str(b))
