"""Serve's background search index: Pagefind after each build, swapped in whole when done."""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import pytest

from generator.adapters.pagefind import KEEP_SECONDS, NEXT, OUTPUT, UNUSED, Reindexer


@pytest.fixture
def site(mini_site: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "site"
    shutil.copytree(mini_site, copy)
    return copy


def _entry(site: Path) -> dict:
    return json.loads((site / OUTPUT / "pagefind-entry.json").read_text("utf-8"))


def _pages(site: Path) -> int:
    return _entry(site)["languages"]["en"]["page_count"]


def test_a_reindex_swaps_in_the_index_of_the_site_as_built(site: Path, caplog):
    """A page's new words reach the index; the old index is served until the new one is whole,
    then replaced in one step, with nothing left beside it."""
    before, count = _entry(site), _pages(site)
    page = site / "actors" / "alice-adams" / "index.html"
    page.write_text(page.read_text("utf-8").replace("Alice Adams", "Alice Zebedee"), "utf-8")
    reindexer = Reindexer()
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.briefing"):
        reindexer.start(site)
        assert reindexer.done.wait(60)
    assert "Search index rebuilt in" in caplog.text
    assert _entry(site) != before and _pages(site) == count
    assert not (site / NEXT).exists()
    assert not [name for name in UNUSED if (site / OUTPUT / name).exists()]


def test_a_new_build_cancels_the_run_in_progress(site: Path, caplog):
    """Starting again (the next save) stops the run still going: one index is swapped in, the
    last build's."""
    reindexer = Reindexer()
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.briefing"):
        reindexer.start(site)
        reindexer.start(site)
        assert reindexer.done.wait(60)
    assert caplog.text.count("Search index rebuilt in") == 1
    assert not (site / NEXT).exists() and _pages(site) > 0


def test_a_failed_reindex_keeps_the_last_index_and_says_so(site: Path, capsys):
    """A run that indexes nothing leaves the last good index served, and the terminal says
    why (printed, so that strict mode does not count it against the next build)."""
    before = _entry(site)
    for page in site.rglob("*.html"):
        page.unlink()
    reindexer = Reindexer()
    reindexer.start(site)
    assert reindexer.done.wait(60)
    err = capsys.readouterr().err
    assert "WARNING  -  Search index not rebuilt: Pagefind" in err, err
    assert "search finds the site as it was at the last indexed build" in err
    assert _entry(site) == before and not (site / NEXT).exists()


def test_pagefind_reads_every_page_without_a_warning(site: Path):
    """Pagefind takes the site's markup as written: no attribute it has to guess at (a bare
    data-pagefind-ignore, which Python-Markdown writes as ="data-pagefind-ignore")."""
    import subprocess

    from generator.adapters.pagefind import _command

    result = subprocess.run(_command(site, "pagefind-check"), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (result.stdout + result.stderr).strip() == ""


def _index(folder: Path, names: list[str]) -> Path:
    for name in names + ["pagefind-entry.json", "pagefind.js"]:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(name, "utf-8")
    return folder


def test_serve_keeps_a_replaced_index_s_files_for_open_pages_then_drops_them(tmp_path: Path):
    """Each new index carries the hash-named files of the ones it replaced (a page opened before
    the swap fetches them) until KEEP_SECONDS after they were replaced; its own files and the
    fixed-name ones (pagefind.js, the entry) are never overwritten by older ones."""
    reindexer = Reindexer()
    first = _index(tmp_path / "one", ["fragment/en_a.pf_fragment", "index/en_b.pf_index",
                                      "pagefind.en_m1.pf_meta"])
    second = _index(tmp_path / "two", ["fragment/en_c.pf_fragment", "index/en_b.pf_index",
                                       "pagefind.en_m2.pf_meta"])
    (second / "pagefind.js").write_text("new", "utf-8")
    reindexer._carry_over(first, second, now=0.0)
    assert sorted(p.relative_to(second).as_posix() for p in second.rglob("*.pf_*")) == [
        "fragment/en_a.pf_fragment", "fragment/en_c.pf_fragment", "index/en_b.pf_index",
        "pagefind.en_m1.pf_meta", "pagefind.en_m2.pf_meta"]
    assert (second / "pagefind.js").read_text("utf-8") == "new"
    third = _index(tmp_path / "three", ["fragment/en_d.pf_fragment", "pagefind.en_m3.pf_meta"])
    reindexer._carry_over(second, third, now=KEEP_SECONDS / 2)
    assert (third / "fragment/en_a.pf_fragment").is_file()  # replaced at 0, kept still
    fourth = _index(tmp_path / "four", ["fragment/en_d.pf_fragment", "pagefind.en_m4.pf_meta"])
    reindexer._carry_over(third, fourth, now=KEEP_SECONDS + 1)
    assert not (fourth / "fragment/en_a.pf_fragment").exists()  # replaced over an hour ago
    assert not (fourth / "pagefind.en_m1.pf_meta").exists()
    assert (fourth / "fragment/en_c.pf_fragment").is_file()  # replaced at KEEP_SECONDS / 2
    assert (fourth / "pagefind.en_m3.pf_meta").is_file()
