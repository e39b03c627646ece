"""`briefing serve` as a curator sees it in the browser: search keeps working on an open page
after the index is swapped, and content errors show on the page until they are fixed."""

from __future__ import annotations

import re
from pathlib import Path

from generator.core.pipeline import validate

from ..test_serve import PAGE, _edit, _serving, _wait_for, _wait_for_log
from .conftest import Site, open_tab, search

CALL = "calls/2021-12-07-adams-brown-video-call/"


def _site(project: Path, url: str) -> Site:
    return Site("serve", project / "site", url, validate(project / "content"))


def test_an_open_page_still_searches_after_the_index_is_swapped(browser, tmp_path: Path):
    """A page that loaded the search index before a save keeps finding results after the new
    index has been swapped in, without a reload: the files its index names are still served."""
    with _serving(tmp_path) as (project, url, log, _):
        assert _wait_for(url + PAGE, "Alice Adams"), log.read_text()
        tab = open_tab(browser, _site(project, url))
        try:
            # Livereload would reload the page after the save; a page that loaded between the
            # build and the swap holds the old index just the same, which this keeps it doing.
            tab.page.route(re.compile(r".*/livereload/.*"), lambda route: route.abort())
            missing: list[str] = []
            tab.page.on("response", lambda response: missing.append(response.url)
                        if response.status == 404 else None)
            tab.open(PAGE)
            assert search(tab, "Adams")[0] == PAGE  # the index is loaded now
            _edit(project / "content" / "actors" / "alice-adams.yaml", "name: Alice Adams",
                  "name: Alice Zebedee")
            assert _wait_for_log(log, "Search index rebuilt in"), log.read_text()
            tab.page.locator("input.md-search__input").fill("")
            # The page's index is the one before the save, whose fragment of the call page
            # (which names her) the new index has replaced: it is still served.
            assert CALL in search(tab, "video call")
            assert not [u for u in missing if "/pagefind/" in u], missing
            assert tab.page.url.endswith(PAGE)  # no reload happened
        finally:
            tab.page.context.close()


def test_content_errors_show_on_the_open_page_until_fixed(browser, tmp_path: Path):
    """An invalid save shows every error (FILE:LINE:COLUMN: FIELD: MESSAGE) over the page being
    edited, reloaded by livereload, as text (a `<script>` in the content stays text); the save
    that fixes it takes the overlay away."""
    with _serving(tmp_path) as (project, url, log, _):
        assert _wait_for(url + PAGE, "Alice Adams"), log.read_text()
        tab = open_tab(browser, _site(project, url))
        try:
            tab.open(PAGE)
            record = project / "content" / "actors" / "alice-adams.yaml"
            good = record.read_text("utf-8")
            record.write_text(good.replace("name: Alice Adams", "nam: Alice", 1)
                              + "<script>window.hacked=1</script>: blue\n", "utf-8")
            overlay = tab.page.locator("#briefing-errors")
            overlay.wait_for(state="visible", timeout=60_000)
            items = overlay.locator("li").all_inner_texts()
            last = good.count("\n") + 1
            assert items == [
                "content/actors/alice-adams.yaml:1:1: nam: unknown field 'nam' — did you mean "
                "'name'? ('name' is required)",
                f"content/actors/alice-adams.yaml:{last}:1: <script>window.hacked=1</script>: "
                "unknown field '<script>window.hacked=1</script>'; allowed: aliases, country, "
                "description, id, name, redirect_from, roles",
            ]
            assert overlay.locator("script").count() == 0
            assert tab.page.evaluate("() => window.hacked") is None
            assert "Alice Adams" in tab.page.locator("h1").first.inner_text()  # the last good page
            record.write_text(good.replace("name: Alice Adams", "name: Alice Fixed", 1), "utf-8")
            tab.page.locator("h1", has_text="Alice Fixed").wait_for(timeout=60_000)
            assert overlay.count() == 0
            assert tab.errors == [], tab.errors
        finally:
            tab.page.context.close()


def test_a_broken_mkdocs_yml_shows_on_the_open_page_until_fixed(browser, tmp_path: Path):
    """A save that breaks mkdocs.yml shows its one-line error (file, line, column) over the
    page, which stays served; the save that fixes it takes the overlay away."""
    with _serving(tmp_path) as (project, url, log, _):
        assert _wait_for(url + PAGE, "Alice Adams"), log.read_text()
        tab = open_tab(browser, _site(project, url))
        try:
            tab.open(PAGE)
            config = project / "mkdocs.yml"
            good = config.read_text("utf-8")
            config.write_text(good + "theme: [\n", "utf-8")
            overlay = tab.page.locator("#briefing-errors")
            overlay.wait_for(state="visible", timeout=60_000)
            assert overlay.locator("li").all_inner_texts() == [
                f"mkdocs.yml:{good.count(chr(10)) + 2}:1: invalid YAML: a value is missing here "
                "(an unclosed '[' or '{', or a stray ',' or '-')"]
            config.write_text(good, "utf-8")
            overlay.wait_for(state="detached", timeout=60_000)
            assert "Alice Adams" in tab.page.locator("h1").first.inner_text()
        finally:
            tab.page.context.close()
