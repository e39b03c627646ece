"""`briefing build` where POSIX's tools are missing, as on Windows: no fcntl module, no SIGHUP, no
signal mask, and no C library to load by None. Simulated on Linux in a process of its own, with
msvcrt's byte locks played by POSIX record locks, so that mutual exclusion is real."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import MINI, ROOT
from .test_atomic_build import _leftovers, _snapshot

WINDOWS = """
import ctypes, fcntl, os, signal, sys, types
import getpass, subprocess  # noqa: F401  (before the fake msvcrt: they take its presence for Windows)
log = open(os.environ["LOCK_LOG"], "a")
sys.modules["fcntl"] = None  # `import fcntl` now raises ImportError, as on Windows
del signal.SIGHUP, signal.pthread_sigmask
msvcrt = types.ModuleType("msvcrt")
msvcrt.LK_UNLCK, msvcrt.LK_LOCK = 0, 1
def locking(fd, mode, nbytes):
    if mode == msvcrt.LK_UNLCK:
        print("unlocking", os.getpid(), file=log, flush=True)
        fcntl.lockf(fd, fcntl.LOCK_UN, nbytes)
    else:
        fcntl.lockf(fd, fcntl.LOCK_EX, nbytes)
        print("locked", os.getpid(), file=log, flush=True)
msvcrt.locking = locking
sys.modules["msvcrt"] = msvcrt
real_cdll = ctypes.CDLL
def cdll(name, *args, **kwargs):
    if name is None:
        raise TypeError("LoadLibrary() argument 1 must be str, not None")
    return real_cdll(name, *args, **kwargs)
ctypes.CDLL = cdll
"""

STALL = ("import time, mkdocs.commands.build as b; real = b.build; "
         "b.build = lambda *a, **k: (time.sleep(60), real(*a, **k))[1]\n")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(MINI, tmp_path / "content")
    return tmp_path


def _spawn(project: Path, *, stall: bool = False) -> subprocess.Popen:
    code = WINDOWS + (STALL if stall else "") + "from generator.adapters.cli import main; main()"
    return subprocess.Popen(
        [sys.executable, "-c", code, "build", "-f", str(ROOT / "mkdocs.yml"), "--content", "content",
         "-d", "site"],
        cwd=project, env=dict(os.environ, NO_MKDOCS_2_WARNING="1", LOCK_LOG=str(project / "locks.log")),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_builds_without_fcntl_or_sighup_wait_for_each_other(project: Path) -> None:
    """Both builds succeed and leave one site; the second takes the lock only once the first has
    let it go (a lock file in the temporary folder, as msvcrt locks it on Windows)."""
    processes = [_spawn(project) for _ in range(2)]
    for process in processes:
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
    assert (project / "site" / "index.html").is_file() and _leftovers(project) == []
    log = [line.split() for line in (project / "locks.log").read_text().splitlines()]
    first, second = log[0][1], log[2][1]
    assert log == [["locked", first], ["unlocking", first], ["locked", second], ["unlocking", second]]
    assert {first, second} == {str(p.pid) for p in processes}


def test_a_build_without_sighup_stopped_by_sigterm_cleans_up(project: Path) -> None:
    """SIGTERM while MkDocs builds: the staging folder goes, the previous site stays as it was,
    and the process ends by that signal, with no SIGHUP to handle and no mask to set."""
    first = _spawn(project)
    assert first.communicate(timeout=300)[0] is not None and first.returncode == 0
    before = _snapshot(project / "site")
    process = _spawn(project, stall=True)
    deadline = time.monotonic() + 120
    while not _leftovers(project) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert _leftovers(project), process.communicate()
    process.send_signal(signal.SIGTERM)
    process.communicate(timeout=120)
    assert process.returncode == -signal.SIGTERM
    assert _leftovers(project) == [] and _snapshot(project / "site") == before
