"""`briefing serve` previews the site and rebuilds it when a curator edits content/."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .conftest import MINI, ROOT

PAGE = "actors/alice-adams/"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(url: str, needle: str, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = _get(url)
        if page is not None and needle in page:
            return True
        time.sleep(0.5)
    return False


@pytest.fixture
def served(tmp_path: Path):
    """`briefing serve` on a free local port, in a throwaway copy of the mini project."""
    with _serving(tmp_path) as (project, url, log, _):
        yield project, url, log


@contextlib.contextmanager
def _serving(tmp_path: Path, breaking: tuple[str, str] | None = None):
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copytree(MINI, project / "content")
    if breaking:
        _edit(project / "content" / "actors" / "alice-adams.yaml", *breaking)
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-c", "from generator.adapters.cli import main; main()",
         "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        stdout=log, stderr=subprocess.STDOUT)
    try:
        yield project, f"http://127.0.0.1:{port}/", tmp_path / "serve.log", process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def test_serve_rebuilds_a_page_when_its_yaml_changes(served):
    """Editing a record's YAML changes its served page without restarting the server."""
    project, url, log = served
    assert _wait_for(url + PAGE, "Alice Adams"), log.read_text()
    record = project / "content" / "actors" / "alice-adams.yaml"
    record.write_text(record.read_text("utf-8").replace("name: Alice Adams",
                                                        "name: Alice Adams-Edited", 1), "utf-8")
    assert _wait_for(url + PAGE, "Alice Adams-Edited"), log.read_text()


def _wait_for_log(log: Path, needle: str, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while needle not in log.read_text() and time.monotonic() < deadline:
        time.sleep(0.3)
    return needle in log.read_text()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_serve_rebuilds_only_the_pages_an_edit_changes_and_keeps_the_rest_right(served):
    """A person's new name reaches every page that shows it (their page, the calls they took
    part in, her letter of the people index) and the search index, while MkDocs renders only those pages;
    the untouched pages and the sitemap are still served."""
    project, url, log = served
    assert _wait_for(url + PAGE, "Alice Adams"), log.read_text()
    entry_before = json.loads(_get(url + "pagefind/pagefind-entry.json"))
    sitemap_before = _get(url + "sitemap.xml")
    _edit(project / "content" / "actors" / "alice-adams.yaml", "name: Alice Adams",
          "name: Alice Zebedee")
    assert _wait_for(url + PAGE, "Alice Zebedee"), log.read_text()
    assert _wait_for_log(log, "Reloading browsers"), log.read_text()
    rounds = re.findall(r"(\d+) pages changed, (\d+) removed; (\d+) files read", log.read_text())
    assert len(rounds) == 2, log.read_text()  # the first build, then the edit
    changed, removed, read = map(int, rounds[-1])
    assert (removed, read) == (0, 1)
    total = int(rounds[0][0])
    assert 1 < changed < total, log.read_text()
    # MkDocs re-rendered those pages only (a quick rebuild: no page added or removed), and the
    # other pages keep their first build's HTML.
    assert re.search(rf"Rebuilt {changed} changed pages in", log.read_text()), log.read_text()
    call = _get(url + "calls/2021-12-07-adams-brown-video-call/")
    assert "Alice Zebedee" in call and "Alice Adams" not in call
    assert "Alice Zebedee" in _get(url + "actors/by-name/a/")  # her letter of the people index
    untouched = _get(url + "organizations/alpha-times/")
    assert untouched is not None and "Alice" not in untouched
    assert _get(url + "sitemap.xml") == sitemap_before
    # Pagefind indexed the site again, in the background, and the new index was swapped in
    # whole, every page still in it.
    assert _wait_for_log(log, "Search index rebuilt in"), log.read_text()
    entry = json.loads(_get(url + "pagefind/pagefind-entry.json"))
    assert entry["languages"]["en"]["page_count"] == entry_before["languages"]["en"]["page_count"]
    assert entry != entry_before  # the index of the edited pages changed
    assert "Search index not rebuilt" not in log.read_text()


def test_serve_keeps_the_last_good_site_on_a_content_error_and_recovers_once_fixed(served):
    """A broken edit is reported in the terminal with the one-line message `briefing validate`
    gives (file, line, field), the last site without errors stays served (requests are answered,
    not held), and fixing the file rebuilds the page."""
    project, url, log = served
    assert _wait_for(url + PAGE, "Alice Adams"), log.read_text()
    record = project / "content" / "actors" / "alice-adams.yaml"
    good = record.read_text("utf-8")
    record.write_text(good.replace("name: Alice Adams", "nam: Alice Adams", 1), "utf-8")
    assert _wait_for_log(log, "alice-adams.yaml:1:1: nam: unknown field 'nam'"), log.read_text()
    assert "still serving the last site without errors" in log.read_text()
    assert _wait_for_log(log, "Reloading browsers"), log.read_text()
    started = time.monotonic()
    page = _get(url + PAGE)
    assert page is not None and "Alice Adams" in page, log.read_text()
    assert time.monotonic() - started < 4  # answered, not held until the content is fixed
    record.write_text(good.replace("name: Alice Adams", "name: Alice Adams-Fixed", 1), "utf-8")
    assert _wait_for(url + PAGE, "Alice Adams-Fixed"), log.read_text()
    assert "BuildError" not in log.read_text()


def test_serve_does_not_start_on_content_with_errors(tmp_path: Path):
    """With no good site to show, serve stops at once with the content error (file, line and
    field) and a failure status, as `briefing build` does."""
    with _serving(tmp_path, breaking=("name: Alice Adams", "nam: Alice Adams")) as (_, _, log, process):
        assert process.wait(timeout=120) != 0
        assert "alice-adams.yaml:1:1: nam: unknown field 'nam'" in log.read_text(), log.read_text()


def test_serve_adds_and_removes_the_page_of_a_new_record(served):
    """A new record's page appears, listed in its section; deleting the file takes it away."""
    project, url, log = served
    assert _wait_for(url + PAGE, "Alice Adams"), log.read_text()
    original = project / "content" / "events" / "sanctions-vote.yaml"
    added = original.with_name("second-vote.yaml")
    added.write_text(original.read_text("utf-8").replace("name: Sanctions vote", "name: Second vote"),
                     "utf-8")  # the file name is the id
    assert _wait_for(url + "events/second-vote/", "</html>"), log.read_text()
    assert "second-vote" in _get(url + "events/by-name/s/")  # its letter of the events index
    added.unlink()
    deadline = time.monotonic() + 60
    while _get(url + "events/second-vote/") is not None and time.monotonic() < deadline:
        time.sleep(0.5)
    assert _get(url + "events/second-vote/") is None, log.read_text()
    assert "second-vote" not in _get(url + "events/by-name/s/")
