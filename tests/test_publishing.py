"""Publishing under a project path: site_url from SITE_URL, the sitemap, the 404 page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .conftest import MINI, build

PAGES_URL = "https://example.github.io/briefing/"


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture built as CI builds it for GitHub Pages (SITE_URL set)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SITE_URL", PAGES_URL)
        return build(MINI, tmp_path_factory.mktemp("published") / "site")


def test_the_sitemap_lists_every_page(published: Path) -> None:
    pages = sorted(PAGES_URL + p.parent.relative_to(published).as_posix().removeprefix(".") + "/"
                   for p in published.rglob("index.html") if "search" not in p.parts)
    listed = re.findall(r"<loc>(.*?)</loc>", (published / "sitemap.xml").read_text("utf-8"))
    assert sorted(url.replace(PAGES_URL + "/", PAGES_URL) for url in listed) == \
        sorted(url.replace(PAGES_URL + "/", PAGES_URL) for url in pages)
    assert PAGES_URL + "calls/2021-12-07-adams-brown-video-call/" in listed


def test_the_404_page_works_under_the_project_path(published: Path) -> None:
    """GitHub Pages serves 404.html for any missing address, at any depth: its links and assets
    must be absolute under /briefing/, not relative and not at the domain's root."""
    page = BeautifulSoup((published / "404.html").read_text("utf-8"), "html.parser")
    addresses = [tag.get("href") or tag.get("src") for tag in page.select("link[href], script[src], a[href]")]
    local = [a for a in addresses
             if a and not a.startswith(("#", "https://", "http://", "javascript:"))]
    assert local and all(a.startswith("/briefing/") for a in local), local
    assert "/briefing/assets/briefing.css" in local
    assert "/briefing/calls/" in local


def test_pages_name_their_canonical_address(published: Path) -> None:
    page = BeautifulSoup((published / "actors" / "alice-adams" / "index.html").read_text("utf-8"),
                         "html.parser")
    assert page.select_one('link[rel="canonical"]')["href"] == PAGES_URL + "actors/alice-adams/"
