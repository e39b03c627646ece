"""Nothing half-built: a failed build leaves the previous site byte for byte, and pages of
removed records disappear instead of lingering."""

from __future__ import annotations

import logging
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.adapters.cli import main

from .broken import ALPHA_REPORT, edit
from .conftest import MINI, ROOT

ENERGY = "name: Energy\ndescription: Gas and oil, raised by [[bob-brown]].\n"


def _snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under folder with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder holding a copy of the mini corpus (the project's mkdocs.yml is used)."""
    shutil.copytree(MINI, tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _build(*extra: str):
    return CliRunner().invoke(main, ["build", "-f", str(ROOT / "mkdocs.yml"), "--content",
                                     "content", "-d", "site", *extra])


def test_a_quote_changed_by_one_word_fails_and_leaves_the_site_untouched(project):
    """The build names the record, the source and the closest passage, exits 1, and the previous
    site/ is byte for byte what it was, with no temporary folder left behind."""
    assert _build().exit_code == 0
    before = _snapshot(project / "site")
    assert "calls/2021-12-07-adams-brown-video-call/index.html" in before
    edit(ALPHA_REPORT, 'text: "We want peace - and trade"', 'text: "We want war - and trade"')(
        project / "content")  # the quote's words, typed once on its source
    result = _build()
    assert (result.exit_code, result.stderr) == (1, (
        "content/sources/alpha-report.yaml:21:11: passages.alpha-we-want-peace-and-trade.text: "
        "passage not found verbatim in source 'alpha-report': \"We want war - and trade\"; "
        "closest passage in the source: \"We want peace - and trade\" (yours has 'war' where the "
        "source has 'peace')\n"
        "1 content problem found; nothing was built.\n"))
    assert _snapshot(project / "site") == before
    assert sorted(p.name for p in project.iterdir()) == ["content", "site"]


def test_a_failing_mkdocs_build_leaves_the_site_untouched(project, monkeypatch):
    """When MkDocs itself fails (a warning, fatal in strict mode, logged while it builds), the
    previous site stays as it was and the temporary build folder is removed."""
    assert _build().exit_code == 0
    before = _snapshot(project / "site")
    from generator.adapters.mkdocs_plugin import BriefingPlugin

    on_files = BriefingPlugin.on_files

    def warn(self, files, *, config):
        logging.getLogger("mkdocs.plugins.briefing").warning("something is off")
        return on_files(self, files, config=config)
    monkeypatch.setattr(BriefingPlugin, "on_files", warn)
    result = _build()
    assert (result.exit_code, result.stderr) == (
        1, "Error: Aborted with 1 warnings in strict mode!\nsomething is off\n")
    assert _snapshot(project / "site") == before
    assert sorted(p.name for p in project.iterdir()) == ["content", "site"]


def test_a_crash_inside_mkdocs_leaves_the_site_untouched(project, monkeypatch):
    """Even a bug that stops MkDocs half way (after it wrote some files) leaves site/ as it was:
    the half-built folder is thrown away and a short internal-error note is printed."""
    assert _build().exit_code == 0
    before = _snapshot(project / "site")
    import mkdocs.commands.build

    def crash(config, **kwargs):
        Path(config.site_dir, "index.html").write_text("half")
        raise RuntimeError("disk on fire")
    monkeypatch.setattr(mkdocs.commands.build, "build", crash)
    monkeypatch.delenv("BRIEFING_TRACEBACK", raising=False)
    result = _build()
    assert result.exit_code == 3
    assert result.stderr.startswith("Internal error, please report it with the command you ran: "
                                    "RuntimeError: disk on fire\n")
    assert _snapshot(project / "site") == before
    assert sorted(p.name for p in project.iterdir()) == ["content", "site"]


def test_the_page_of_a_removed_record_disappears_from_the_site(project):
    """A rebuilt site holds no page of a record that no longer exists."""
    (project / "content" / "topics" / "energy.yaml").write_text(ENERGY)
    assert _build().exit_code == 0
    assert (project / "site" / "topics" / "energy" / "index.html").is_file()
    (project / "content" / "topics" / "energy.yaml").unlink()
    assert _build().exit_code == 0
    assert not (project / "site" / "topics" / "energy").exists()
    assert (project / "site" / "topics" / "trade" / "index.html").is_file()


def _generate(out: str = "out"):
    return CliRunner().invoke(main, ["generate", out, "--content", "content"])


def test_generate_removes_pages_of_removed_records_and_nothing_else(project):
    """`briefing generate` deletes the pages it wrote for records that are gone, rewrites only
    what changed, and leaves files it did not write alone."""
    (project / "content" / "topics" / "energy.yaml").write_text(ENERGY)
    first = _generate()
    assert first.exit_code == 0, first.output
    out = project / "out"
    assert (out / "topics" / "energy.md").is_file()
    (out / "notes.md").write_text("my own notes\n")
    (project / "content" / "topics" / "energy.yaml").unlink()
    result = _generate()
    assert result.exit_code == 0
    counts = re.fullmatch(r"Generated (\d+) changed pages, (\d+) unchanged, (\d+) removed, in out\n",
                          result.stdout)
    assert counts, result.stdout
    # The topic's page, the letter page that listed only it (topics/by-name/e.md) and its
    # record in the data export.
    assert int(counts[3]) == 3 and not (out / "topics" / "by-name" / "e.md").exists()
    assert not (out / "data" / "topics" / "energy.json").exists()
    assert not (out / "topics" / "energy.md").exists()
    assert (out / "notes.md").read_text() == "my own notes\n"
    listed = [line.partition("\t")[0] for line in (out / ".briefing-pages").read_text().splitlines()]
    assert "topics/energy.md" not in listed and "topics/trade.md" in listed
    assert sorted(listed) == sorted(p.relative_to(out).as_posix() for p in out.rglob("*")
                                    if p.is_file() and p.name not in ("notes.md", ".briefing-pages"))
    assert int(counts[1]) + int(counts[2]) == len(listed)
    assert 0 < int(counts[1]) < len(listed) // 2  # pages that did not change were not rewritten


def test_generate_with_content_errors_leaves_the_output_untouched(project):
    """A content problem stops `briefing generate` before it writes or removes anything."""
    assert _generate().exit_code == 0
    before = _snapshot(project / "out")
    (project / "content" / "topics" / "trade.yaml").write_text("nmae: Trade\n")
    result = _generate()
    assert result.exit_code == 1
    assert result.stderr.startswith("content/topics/trade.yaml:1:1: nmae: unknown field 'nmae'")
    assert _snapshot(project / "out") == before


def test_write_pages_refuses_a_folder_that_leads_out_of_the_output(tmp_path):
    """A section folder that is a symbolic link elsewhere is refused before anything is written
    through it; pages in other folders are new files, changed pages are replaced."""
    from generator.core.errors import ContentError
    from generator.core.pipeline import write_pages

    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    elsewhere.mkdir()
    out.mkdir()
    (out / "calls").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(ContentError) as caught:
        write_pages({"index.md": "home\n", "calls/a.md": "call\n"}, out)
    assert [p.message for p in caught.value.problems] == ["page path leaves the output directory"]
    assert list(elsewhere.iterdir()) == []
    (out / "calls").unlink()
    assert write_pages({"index.md": "home\n", "calls/a.md": "call\n"}, out).written == [
        "calls/a.md", "index.md"]
    stats = write_pages({"index.md": "home, changed\n", "calls/a.md": "call\n"}, out)
    assert (stats.written, stats.unchanged) == (["index.md"], 1)
    assert (out / "index.md").read_text() == "home, changed\n"
    assert not list(out.rglob("*.tmp"))


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".building-" in p.name or ".old-" in p.name)


def test_what_killed_builds_left_is_removed_by_the_next_build(project):
    """A build killed with SIGKILL leaves its staging folder (or the previous site, mid-swap);
    the next build removes those, and only those: a folder of that name that no build made
    stays."""
    assert _build().exit_code == 0
    for name in (".site.building-k1ll3d", ".site.old-4242"):
        shutil.copytree(project / "site", project / name)
    (project / ".site.building-empty").mkdir()
    (project / ".site.old-mine").mkdir()
    (project / ".site.old-mine" / "notes.txt").write_text("mine\n")
    assert _build().exit_code == 0
    assert _leftovers(project) == [".site.old-mine"]


def test_the_site_is_readable_by_others_as_the_umask_says(project):
    """The site gets the mode MkDocs would give it (0755 under umask 022), not mkdtemp's 0700."""
    old = os.umask(0o022)
    try:
        assert _build().exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((project / "site").stat().st_mode) == 0o755


def test_the_swap_exchanges_the_folders_in_one_step(tmp_path):
    """On Linux the new site takes the old one's place in one rename: no moment without site/."""
    from generator.adapters.folder_swap import _exchange, swap_in

    site, staging = tmp_path / "site", tmp_path / ".site.building-x"
    site.mkdir()
    staging.mkdir()
    (site / "old.html").write_text("old")
    (staging / "new.html").write_text("new")
    if sys.platform.startswith("linux"):
        probe_a, probe_b = tmp_path / "a", tmp_path / "b"
        probe_a.mkdir()
        probe_b.mkdir()
        assert _exchange(probe_a, probe_b)
    swap_in(staging, site)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name in ("site", staging.name)) == ["site"]
    assert [p.name for p in site.iterdir()] == ["new.html"]


def _spawn_build(project: Path, *, stall: bool = False) -> subprocess.Popen:
    """`briefing build` in a process of its own; with `stall`, MkDocs waits a minute before it
    builds (patched in that process only), so that a signal surely lands during the build."""
    patch = ("import time, mkdocs.commands.build as b; real = b.build; "
             "b.build = lambda *a, **k: (time.sleep(60), real(*a, **k))[1]; " if stall else "")
    # As in a terminal: the test runner may have been started with SIGHUP ignored (nohup), which
    # the child would inherit, and a build started that way rightly ignores SIGHUP too.
    patch = "import signal; signal.signal(signal.SIGHUP, signal.SIG_DFL); " + patch
    return subprocess.Popen(
        [sys.executable, "-c", patch + "from generator.adapters.cli import main; main()",
         "build", "-f", str(ROOT / "mkdocs.yml"), "--content", "content", "-d", "site"],
        cwd=project, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_build_stopped_by_a_signal_cleans_up_and_dies_of_it(project, signum):
    """SIGTERM (CI timeouts) or SIGHUP (a closed terminal) while MkDocs builds: the staging folder
    is removed, the previous site stays as it was, and the process ends by that signal."""
    assert _build().exit_code == 0
    before = _snapshot(project / "site")
    process = _spawn_build(project, stall=True)
    deadline = time.monotonic() + 120
    while not _leftovers(project) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert _leftovers(project), process.communicate()
    process.send_signal(signum)
    process.communicate(timeout=120)
    assert process.returncode == -signum
    assert _leftovers(project) == []
    assert _snapshot(project / "site") == before


def test_concurrent_builds_of_one_site_wait_for_each_other(project):
    """Two builds of the same site at once both succeed, one after the other, and leave one
    site and no temporary folder."""
    processes = [_spawn_build(project) for _ in range(2)]
    for process in processes:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
    assert _leftovers(project) == []
    assert (project / "site" / "index.html").is_file()


# Where MkDocs builds, briefing builds (issue 28): a site folder that cannot be renamed, a
# read-only parent, read-only folders in the old site, a removal killed midway, Ctrl-C.


@pytest.fixture
def reference(project, tmp_path_factory) -> dict[str, bytes]:
    """The site a plain build makes (the builds are reproducible), to compare with."""
    assert _build("-d", str(tmp_path_factory.mktemp("ref") / "site")).exit_code == 0
    return _snapshot(Path(str(tmp_path_factory.getbasetemp())) / "ref0" / "site")


def _unmovable(monkeypatch, site: Path) -> list[str]:
    """Make `site` behave as a mount point: renaming it fails with EBUSY, as on a Docker
    volume, and nothing else changes."""
    import errno

    from generator.adapters import folder_swap

    refused: list[str] = []
    real_rename, real_replace = os.rename, os.replace

    def guard(real):
        def call(src, dst, *args, **kwargs):
            if site.resolve() in (Path(src).resolve(), Path(dst).resolve()):
                refused.append(f"{Path(src).name} -> {Path(dst).name}")
                raise OSError(errno.EBUSY, "Device or resource busy", str(src))
            return real(src, dst, *args, **kwargs)
        return call

    def exchange(a, b):
        refused.append("exchange")
        raise OSError(errno.EBUSY, "Device or resource busy", str(b))
    monkeypatch.setattr(os, "rename", guard(real_rename))
    monkeypatch.setattr(os, "replace", guard(real_replace))
    monkeypatch.setattr(folder_swap, "_exchange", exchange)
    return refused


@pytest.mark.parametrize("known_mount", [False, True])
def test_a_site_folder_that_cannot_be_renamed_gets_its_contents_replaced(
        project, reference, monkeypatch, known_mount):
    """site/ as a mount point: renaming it fails (EBUSY), whether or not it is known as a mount
    point beforehand; the build replaces its contents instead, byte for byte what a plain build
    makes, stale pages gone, nothing left beside or inside it."""
    assert _build().exit_code == 0
    site = project / "site"
    (site / "stale").mkdir()
    (site / "stale" / "index.html").write_text("a page of a removed record")
    if known_mount:
        real_ismount = os.path.ismount
        monkeypatch.setattr(os.path, "ismount", lambda p: Path(p).resolve() == site.resolve()
                            or real_ismount(p))
    refused = _unmovable(monkeypatch, site)
    for _ in range(2):
        result = _build()
        assert result.exit_code == 0, result.output
        assert _snapshot(site) == reference
        assert _leftovers(project) == [] and not [p for p in site.iterdir()
                                                  if p.name.startswith(".briefing-") and p.is_dir()]
    assert bool(refused) is not known_mount  # known beforehand: staged inside, no rename tried


def test_a_failed_move_into_an_unmovable_site_puts_the_old_contents_back(project, monkeypatch):
    from generator.adapters import folder_swap

    assert _build().exit_code == 0
    before = _snapshot(project / "site")
    _unmovable(monkeypatch, project / "site")
    real_move, moved = shutil.move, []

    def failing_move(src, dst, *args, **kwargs):
        if len(moved) == 3:
            raise OSError(28, "No space left on device", str(dst))
        moved.append(dst)
        return real_move(src, dst, *args, **kwargs)
    monkeypatch.setattr(folder_swap.shutil, "move", failing_move)
    result = _build()
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: No space left on device")
    assert _snapshot(project / "site") == before
    assert _leftovers(project) == []


def test_a_writable_site_folder_in_a_read_only_folder_is_built(project, reference, monkeypatch):
    """Nothing can be made next to site/ (its folder is read-only; faked, since the sandbox runs
    as root): the build stages inside site/ and replaces its contents. Without a site folder to
    write in, the message names the folders, not a temporary one."""
    import errno
    import tempfile

    assert _build().exit_code == 0
    real = tempfile.mkdtemp

    def mkdtemp(*args, dir=None, **kwargs):
        if dir is not None and Path(dir).resolve() == project.resolve():
            raise PermissionError(errno.EACCES, "Permission denied",
                                  str(Path(dir) / ".site.building-x1"))
        return real(*args, dir=dir, **kwargs)
    monkeypatch.setattr(tempfile, "mkdtemp", mkdtemp)
    result = _build()
    assert result.exit_code == 0, result.output
    assert _snapshot(project / "site") == reference
    shutil.rmtree(project / "site")
    result = _build()
    assert (result.exit_code, result.stderr) == (1, (
        f"Error: cannot write the site: neither {project / 'site'} nor the folder it is in "
        f"({project}) is writable (Permission denied)\n"))


def _as_owner_without_privileges(tree: Path, action) -> None:
    """Run `action` as the owner of `tree` without root's privilege to ignore permissions (as
    the test may run as root, where a read-only folder stops nothing)."""
    if os.geteuid() != 0:
        action()
        return
    for path in [tree, *tree.rglob("*")]:
        os.lchown(path, 65534, 65534)
    pid = os.fork()
    if pid == 0:  # the child: drop root, act, report by exit status
        status = 1
        try:
            os.setgid(65534)
            os.setuid(65534)
            action()
            status = 0
        finally:
            os._exit(status)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0


def test_read_only_folders_in_the_old_site_are_removed():
    """An old site with read-only folders (0555, 0444, 0000) is removed whole, by its owner."""
    import tempfile

    from generator.adapters.folder_swap import MARKER, remove_tree

    # Not under tmp_path: pytest's folders are root's alone, and the owner here is another user.
    base = Path(tempfile.mkdtemp(prefix="briefing-read-only-"))
    try:
        base.chmod(0o777)
        old = base / ".site.building-old"
        for folder in ("assets", "assets/images", "locked"):
            (old / folder).mkdir(parents=True)
            (old / folder / "file.txt").write_text("x")
        (old / MARKER).write_text("built")
        for folder, mode in (("assets/images", 0o444), ("assets", 0o555), ("locked", 0o000)):
            (old / folder).chmod(mode)

        def remove():
            assert remove_tree(old)
        _as_owner_without_privileges(old, remove)
        assert not old.exists()
    finally:
        shutil.rmtree(base)


def test_a_removal_killed_midway_is_finished_by_the_next_build(project, monkeypatch):
    """A build killed while removing the previous site (SIGKILL: no cleanup runs) leaves a folder
    that still holds its marker, removed last; the next build removes it."""
    from generator.adapters import folder_swap

    assert _build().exit_code == 0
    old = project / ".site.building-killed"
    shutil.copytree(project / "site", old)

    class Killed(BaseException):
        pass
    real_rmtree, calls = shutil.rmtree, []

    def dying_rmtree(path, *args, **kwargs):
        calls.append(path)
        if len(calls) == 3:
            raise Killed
        return real_rmtree(path, *args, **kwargs)
    with monkeypatch.context() as patch, pytest.raises(Killed):
        patch.setattr(folder_swap.shutil, "rmtree", dying_rmtree)
        folder_swap.remove_tree(old)
    assert (old / ".briefing-site").is_file() and len(list(old.iterdir())) > 1
    assert _build().exit_code == 0
    assert _leftovers(project) == []


@pytest.mark.parametrize("other_thread", [False, True])
def test_ctrl_c_during_the_swap_is_not_a_failed_build(project, monkeypatch, other_thread):
    """Ctrl-C while the new site is swapped in is held until it is in place; the build then
    says so and succeeds, instead of "Aborted!" and exit 1 with the new site in place. Also
    when another thread of the process (a server, a watcher) is running: the kernel gives the
    signal to that thread, and Python still runs its handler in the main thread."""
    from generator.adapters import site_build

    if other_thread:
        done = threading.Event()
        thread = threading.Thread(target=done.wait, daemon=True)
        thread.start()
    assert _build().exit_code == 0
    real = site_build.swap_in

    def interrupted_swap(staging, target):
        os.kill(os.getpid(), signal.SIGINT)
        real(staging, target)
    monkeypatch.setattr(site_build, "swap_in", interrupted_swap)
    result = _build()
    assert result.exit_code == 0, result.output
    assert f"Interrupted after the new site was in place in {project / 'site'}/." in result.stderr
    assert result.stdout.startswith("Site built in")
    assert _leftovers(project) == []
    if other_thread:
        done.set()
