"""serve's quick rebuild (adapters/quick_rebuild.py) writes the site a whole build writes."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import MINI, ROOT

URL = "http://127.0.0.1:8000/"


def _project(folder: Path) -> Path:
    folder.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", folder / "docs")
    shutil.copytree(MINI, folder / "content")
    return folder


def _files(site: Path) -> dict[str, bytes]:
    """Every file of a built site but its search index (Pagefind's chunks are named by hash of
    what they hold, and are checked apart) and the build marker."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and p.relative_to(site).parts[0] not in ("pagefind", ".briefing-site")}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.mark.parametrize("edit", ["name", "new page"])
def test_a_quick_rebuild_writes_what_a_whole_build_writes(tmp_path: Path, caplog, edit: str):
    """Serve's builds as its server runs them (config loaded again each time, plugin kept): the
    first build, then an edit. A name edit is rebuilt quickly (its pages alone); a new record
    (a page added) takes a whole dirty build. Either way every file of the site is byte for
    byte what a cold `mkdocs build` of the edited project writes at the same address."""
    from mkdocs.config import load_config

    from generator.adapters import serve_session

    project = _project(tmp_path / "served")
    site = tmp_path / "served-site"
    config_file = str(project / "mkdocs.yml")
    os.environ["SITE_URL"] = URL  # what serve sets, and what the cold build gets below
    try:
        startup = load_config(config_file=config_file, site_dir=str(site))
        startup.plugins.on_startup(command="serve", dirty=True)
        plugin = startup.plugins["briefing"]

        def rebuild() -> None:
            config = load_config(config_file=config_file, site_dir=str(site))
            config.site_url = URL
            serve_session.build(config, serve_url=URL, dirty=True)

        rebuild()
        record = project / "content" / "actors" / "alice-adams.yaml"
        if edit == "name":
            _edit(record, "name: Alice Adams", "name: Alice Zebedee")
        else:
            copy = record.with_name("alice-adams-junior.yaml")
            copy.write_text(record.read_text("utf-8").replace("name: Alice Adams",
                                                              "name: Alice Adams Junior"), "utf-8")
        with caplog.at_level(logging.INFO, logger="mkdocs"):
            rebuild()
        assert ("Rebuilt" in caplog.text) == (edit == "name"), caplog.text
        assert plugin.serve.reindexer.done.wait(60)
        startup.plugins.on_shutdown()
    finally:
        del os.environ["SITE_URL"]
    cold = tmp_path / "cold-site"
    env = dict(os.environ, SITE_URL=URL, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", config_file, "-d", str(cold)],
                            env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    served, built = _files(site), _files(cold)
    assert sorted(served) == sorted(built)
    assert [path for path in built if served[path] != built[path]] == []
    name = "Alice Zebedee" if edit == "name" else "Alice Adams Junior"
    assert name.encode() in served["actors/by-name/a/index.html"]
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
