"""`mkdocs build` at a project root runs the generator through the briefing plugin."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import MINI, ROOT

MKDOCS = [sys.executable, "-m", "mkdocs"]


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copytree(MINI, project / "content")
    return project


def _mkdocs(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(MKDOCS + list(args), cwd=project, env=env, capture_output=True, text=True)


def test_mkdocs_build_strict_generates_every_page(tmp_path: Path):
    """Plain `mkdocs build --strict` exits 0 and writes the record pages at their URLs."""
    project = _project(tmp_path)
    result = _mkdocs(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    assert (project / "site" / "calls" / "2021-12-07-adams-brown-video-call" / "index.html").is_file()
    assert (project / "site" / "actors" / "alice-adams" / "index.html").is_file()


def test_hand_written_page_at_a_generated_path_is_refused(tmp_path: Path):
    """A docs/ page that would shadow a generated page stops the build with a clear message."""
    project = _project(tmp_path)
    (project / "docs" / "timeline.md").write_text("# My own timeline\n")
    result = _mkdocs(project, "build", "--strict")
    assert result.returncode == 1
    assert ("hand-written pages in docs_dir clash with generated pages: timeline.md; rename or "
            "remove them (generated pages come from content/)") in result.stderr


def test_content_errors_fail_mkdocs_build_with_the_content_message(tmp_path: Path):
    """`mkdocs build` reports content problems the same way `briefing validate` does."""
    project = _project(tmp_path)
    topic = project / "content" / "topics" / "trade.yaml"
    topic.write_text(topic.read_text() + "nmae: Trade\n")
    result = _mkdocs(project, "build", "--strict")
    assert result.returncode == 1
    assert ("content/topics/trade.yaml:3:1: nmae: unknown field 'nmae' — did you mean 'name'?"
            in result.stderr)


def test_briefing_generate_then_mkdocs_build_uses_fresh_pages(tmp_path: Path):
    """Pages written by `briefing generate docs` are replaced, not reported as clashes."""
    project = _project(tmp_path)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    subprocess.run([sys.executable, "-m", "generator.adapters.cli", "generate", "docs"], cwd=project,
                   env=env, check=True, capture_output=True)
    assert (project / "docs" / "timeline.md").is_file()
    result = _mkdocs(project, "build", "--strict")
    assert result.returncode == 0, result.stderr


def test_plain_mkdocs_build_is_dated_by_the_corpus_not_by_today(tmp_path: Path):
    """`mkdocs build` without SOURCE_DATE_EPOCH dates the sitemap by the corpus's newest date
    (14 December 2021 in the mini corpus), like `briefing build`; a given SOURCE_DATE_EPOCH wins."""
    import datetime as dt
    import struct

    project = _project(tmp_path)
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    result = subprocess.run(MKDOCS + ["build", "--strict"], cwd=project, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    sitemap = project / "site" / "sitemap.xml.gz"  # its gzip header holds the build date

    def dated() -> dt.datetime:
        return dt.datetime.fromtimestamp(struct.unpack("<I", sitemap.read_bytes()[4:8])[0],
                                         dt.UTC)

    assert dated() == dt.datetime(2021, 12, 14, tzinfo=dt.UTC)
    env["SOURCE_DATE_EPOCH"] = "1700000000"  # 14 November 2023, 22:13 UTC
    result = subprocess.run(MKDOCS + ["build", "--strict"], cwd=project, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert dated() == dt.datetime(2023, 11, 14, tzinfo=dt.UTC)
