"""`briefing serve` previews the site and rebuilds it when a curator edits content/."""

from __future__ import annotations

import os
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
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copytree(MINI, project / "content")
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-c", "from generator.adapters.cli import main; main()",
         "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        stdout=log, stderr=subprocess.STDOUT)
    try:
        yield project, f"http://127.0.0.1:{port}/", tmp_path / "serve.log"
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


def test_serve_keeps_serving_after_a_content_error_and_recovers_once_fixed(served):
    """A broken edit does not end the server (MkDocs holds requests while the build fails);
    fixing it rebuilds the page."""
    project, url, log = served
    assert _wait_for(url + PAGE, "Alice Adams"), log.read_text()
    record = project / "content" / "actors" / "alice-adams.yaml"
    good = record.read_text("utf-8")
    record.write_text(good.replace("name: Alice Adams", "nam: Alice Adams", 1), "utf-8")
    deadline = time.monotonic() + 60
    while "BuildError" not in log.read_text() and time.monotonic() < deadline:
        time.sleep(0.5)
    assert "BuildError" in log.read_text(), log.read_text()
    record.write_text(good.replace("name: Alice Adams", "name: Alice Adams-Fixed", 1), "utf-8")
    assert _wait_for(url + PAGE, "Alice Adams-Fixed"), log.read_text()


def test_serve_names_the_file_line_and_field_of_a_content_error(served):
    """The terminal shows the same one-line message `briefing validate` gives."""
    project, url, log = served
    assert _wait_for(url + PAGE, "Alice Adams"), log.read_text()
    record = project / "content" / "actors" / "alice-adams.yaml"
    record.write_text(record.read_text("utf-8").replace("name: Alice Adams", "nam: Alice Adams", 1),
                      "utf-8")
    deadline = time.monotonic() + 30
    while "BuildError" not in log.read_text() and time.monotonic() < deadline:
        time.sleep(0.5)
    time.sleep(1)
    assert "alice-adams.yaml:1:1: nam: unknown field 'nam'" in log.read_text(), log.read_text()
