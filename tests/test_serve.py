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


def test_serve_picks_up_edits_after_content_is_moved_away_and_back(served):
    """Moving content/ away stops the file watcher on it; once it is back, it is watched
    again and an edit rebuilds the page."""
    project, url, log = served
    assert _wait_for(url + PAGE, "Alice Adams"), log.read_text()
    content = project / "content"
    aside = project.parent / "content-aside"
    content.rename(aside)
    time.sleep(2)  # the watcher notices (it polls every half second)
    aside.rename(content)
    assert _wait_for_log(log, "is back: watching it again"), log.read_text()
    _edit(content / "actors" / "alice-adams.yaml", "name: Alice Adams", "name: Alice Returned")
    assert _wait_for(url + PAGE, "Alice Returned"), log.read_text()


def test_serve_reports_a_broken_mkdocs_yml_in_one_line_without_traceback(served):
    """A save that breaks mkdocs.yml prints one line naming the file, line and column, no
    traceback; fixing it serves the site again."""
    project, url, log = served
    assert _wait_for(url + PAGE, "Alice Adams"), log.read_text()
    config = project / "mkdocs.yml"
    good = config.read_text("utf-8")
    lines = good.count("\n")
    config.write_text(good + "theme: [\n", "utf-8")
    expected = (f"ERROR    -  mkdocs.yml:{lines + 2}:1: invalid YAML: a value is missing here (an "
                "unclosed '[' or '{', or a stray ',' or '-'); still serving the last site: fix "
                "it and save")
    assert _wait_for_log(log, expected), log.read_text()
    assert "Traceback" not in log.read_text()
    started = time.monotonic()
    assert "Alice Adams" in (_get(url + PAGE) or "")  # answered meanwhile, not held
    assert time.monotonic() - started < 4
    config.write_text(good.replace("site_name: \"", "site_name: \"Fixed ", 1), "utf-8")
    assert _wait_for(url + PAGE, "Fixed"), log.read_text()
    assert "Traceback" not in log.read_text()


def test_serve_start_up_is_a_few_lines_without_mkdocs_nav_notes(served):
    """Start-up says what it built and where it serves, without MkDocs' list of the generated
    pages that are not in the nav (they are reached from their section's index)."""
    project, url, log = served
    assert _wait_for(url + PAGE, "Alice Adams"), log.read_text()
    assert _wait_for_log(log, "Serving on"), log.read_text()
    text = log.read_text()
    assert "not included in the \"nav\"" not in text, text
    assert len(text.strip().splitlines()) <= 6, text


def test_serve_refuses_a_port_out_of_range_as_a_usage_error():
    """-a with a port no server can listen on is a usage error (exit 2) naming the option."""
    from click.testing import CliRunner

    from generator.adapters.cli import main

    result = CliRunner().invoke(main, ["serve", "-a", "127.0.0.1:99999"])
    assert result.exit_code == 2, result.output
    assert ("Error: Invalid value for '-a' / '--dev-addr': '127.0.0.1:99999' is not HOST:PORT "
            "with a port from 0 to 65535 (e.g. 127.0.0.1:8000)") in result.output


def test_serve_does_not_start_with_a_broken_mkdocs_yml(tmp_path: Path):
    """A broken mkdocs.yml at start-up: one line naming file, line and column, exit 1."""
    from click.testing import CliRunner

    from generator.adapters.cli import main

    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nplugins:\n  - briefing\n theme: [\n", "utf-8")
    result = CliRunner().invoke(main, ["serve", "-f", str(config), "-a", "127.0.0.1:0"],
                                env={"NO_MKDOCS_2_WARNING": "1"})
    assert result.exit_code == 1, result.output
    assert result.output.strip().splitlines()[-1].startswith(f"Error: {config}:4:2: invalid YAML: ")
    assert "Traceback" not in result.output
