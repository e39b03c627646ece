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


CALL = "calls/2021-12-14-adams-brown-phone-call.yaml"
EDITS = {
    # A speaker's name: the pages that name her, and the speaker facet of every page quoting her.
    "name": ("actors/alice-adams.yaml", "name: Alice Adams", "name: Alice Zebedee"),
    # A call's title: its page, the listings, both feeds and the data files.
    "title": (CALL, "title: Adams–Brown phone call", "title: Adams–Brown second call"),
    # A figure no page prints: the data files alone change.
    "figure": (CALL, "        minutes: 50\n      - cite: beta-the", "        minutes: 51\n      - cite: beta-the"),
}
"""Edits a quick rebuild handles: (file under content/, text, replacement)."""


@pytest.mark.parametrize("edit", [*EDITS, "new page"])
def test_a_quick_rebuild_writes_what_a_whole_build_writes(tmp_path: Path, caplog, edit: str):
    """Serve's builds as its server runs them (config loaded again each time, plugin kept): the
    first build, then an edit. An edit to existing records is rebuilt quickly (the changed pages
    alone, then the feeds, data files and facets made again from the records it changed); a new
    record (a page added) takes a whole dirty build. Either way every file of the site, the
    feeds, the data export and the search facets in each page included, is byte for byte what a
    cold `mkdocs build` of the edited project writes at the same address."""
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
        before = _files(site)
        if edit in EDITS:
            path, old, new = EDITS[edit]
            _edit(project / "content" / path, old, new)
        else:
            record = project / "content" / "actors" / "alice-adams.yaml"
            copy = record.with_name("alice-adams-junior.yaml")
            copy.write_text(record.read_text("utf-8").replace("name: Alice Adams",
                                                              "name: Alice Adams Junior"), "utf-8")
        with caplog.at_level(logging.INFO, logger="mkdocs"):
            rebuild()
        whole = "Documentation built" in caplog.text  # MkDocs' build, not a quick rebuild
        assert whole == (edit == "new page"), caplog.text
        if edit != "figure":  # no page changed: the search index is not made again
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
    changed = sorted(path for path in built if before.get(path) != built[path])
    published = [path for path in changed if path.startswith(("data/", "feeds/"))]
    if edit == "figure":  # no page shows it; the quick rebuild still wrote the data files
        assert changed == [f"data/{CALL.removesuffix('.yaml')}.json", "data/corpus.json"]
    elif edit == "title":
        assert {"feeds/calls.xml", "feeds/updates.xml", "data/corpus.json"} <= set(published)
    elif edit == "name":
        assert b"Alice Zebedee" in served["actors/by-name/a/index.html"]
        facet = b'data-pagefind-filter="speaker[content]" content="Alice Zebedee"'
        assert any(facet in body for path, body in served.items() if path.startswith("calls/"))
    else:
        assert b"Alice Adams Junior" in served["actors/by-name/a/index.html"]
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
