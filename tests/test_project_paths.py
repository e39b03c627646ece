"""One content folder per project for every command (issue 28): the briefing plugin's `content:`
in mkdocs.yml, relative to mkdocs.yml, as `mkdocs build` and `serve` read it. `briefing build` and
`validate` read ./content whatever mkdocs.yml said, and `build -f other/mkdocs.yml` built this
folder's content into other/site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.adapters.cli import main

from .conftest import MINI, ROOT, SEED

MINI_CALL = "calls/2021-12-07-adams-brown-video-call/index.html"
SEED_CALL = "calls/2021-12-07-biden-putin-video-call/index.html"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def other(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """./content holds the seed corpus; other/mkdocs.yml names other/corpus (the mini one)."""
    shutil.copytree(SEED, tmp_path / "content")
    project = tmp_path / "other"
    project.mkdir()
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    assert "      content: content\n" in config
    (project / "mkdocs.yml").write_text(config.replace("      content: content\n",
                                                       "      content: corpus\n"), "utf-8")
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copytree(MINI, project / "corpus")
    monkeypatch.chdir(tmp_path)
    return project


def test_build_with_another_configuration_builds_its_content(other: Path) -> None:
    result = run("build", "-f", "other/mkdocs.yml")
    assert result.exit_code == 0, result.output
    assert (other / "site" / MINI_CALL).is_file()
    assert not (other / "site" / SEED_CALL).exists()
    assert not (other.parent / "site").exists()


def test_validate_build_and_mkdocs_read_the_configured_folder(other: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """In the project folder, validate, build and `mkdocs build` all read corpus/, not a
    content/ beside it (here a broken one)."""
    monkeypatch.chdir(other)
    (other / "content" / "calls").mkdir(parents=True)
    (other / "content" / "calls" / "broken.yaml").write_text("title: [\n", "utf-8")
    result = run("validate")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Content is valid: 2 calls,")
    assert run("build").exit_code == 0
    assert (other / "site" / MINI_CALL).is_file()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", "mk"],
                          cwd=other, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (other / "mk" / MINI_CALL).is_file()
    # --content still wins over mkdocs.yml
    result = run("validate", "--content", "content")
    assert result.exit_code == 1 and "broken.yaml" in result.output


def test_new_and_ingest_write_into_the_configured_folder(other: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(other)
    result = run("new", "topic", "energy")
    assert result.exit_code == 0, result.output
    assert (other / "corpus" / "topics" / "energy.yaml").is_file()
    assert not (other / "content").exists()


def test_without_a_configuration_the_content_folder_is_content(other: Path) -> None:
    result = run("validate")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Content is valid: 2 calls,")


def test_a_configuration_without_the_plugin_says_so_and_how_to_add_it(other: Path,
                                                                       monkeypatch) -> None:
    """Without the plugin MkDocs builds none of the briefing's pages and warns only about the
    navigation: every command says the plugin is missing, and how to add it."""
    monkeypatch.chdir(other)
    config = other / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("  - briefing:\n      content: corpus\n",
                                                        ""), "utf-8")
    expected = ("Error: mkdocs.yml lists no 'briefing' plugin, so MkDocs would build none of the "
                "briefing's pages; add it under plugins:\nplugins:\n  - briefing:\n"
                "      content: content   # the content folder, relative to mkdocs.yml\n")
    for command in (["build"], ["validate"], ["check"]):
        result = run(*command)
        assert (result.exit_code, result.output) == (1, expected), command
    result = run("build", "--content", "corpus")
    assert result.exit_code == 1 and "lists no 'briefing' plugin" in result.output
    assert not (other / "site").exists()
