"""A renamed record's old URL, opened in a browser, lands on the record, anchor included."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from playwright.sync_api import Browser

from generator.adapters.cli import main

from ..conftest import build
from .conftest import _serve, open_tab


def test_old_url_forwards_to_the_renamed_record_with_its_anchor(
        browser: Browser, mini_copy: Path, tmp_path: Path) -> None:
    """A bookmark to a person's old page and one of its sections ends up on the new page, at
    that section; the old page asks nothing of another host and logs no error."""
    result = CliRunner().invoke(main, ["rename", "bob-brown", "robert-brown",
                                       "--content", str(mini_copy)])
    assert result.exit_code == 0, result.output
    site_dir = build(mini_copy, tmp_path / "site")
    for site in _serve("renamed", site_dir, mini_copy):
        tab = open_tab(browser, site)
        try:
            tab.page.goto(site.url("actors/bob-brown/#calls"), wait_until="load")
            tab.page.wait_for_url("**/actors/robert-brown/#calls")
            assert tab.page.locator("h1").first.inner_text().startswith("Bob Brown")
            assert (tab.foreign, tab.errors) == ([], [])
        finally:
            tab.page.context.close()
