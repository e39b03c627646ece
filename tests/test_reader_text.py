"""What a reader sees in the built pages' text (issue 25): no Markdown escape left visible, no
list of a template run together into one item, the how-to-read page's nested list intact.

Every page of each fixture's built site is read with BeautifulSoup; only text a reader sees
counts (scripts, styles and code are left out).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.core.markdown_text import escape

ESCAPE_SHOWN = re.compile(r"\\[\\`*_{}\[\]()#+\-.!|>]")
"""A backslash before a character Markdown can escape: in rendered text, an escape applied twice
(or where Markdown does not read escapes) that the reader sees as "U\\.S\\."."""
GLUED_ITEM = re.compile(r"(?<=[^\s“‘(\-])- (?=[A-Z“*\[])")
"""A list marker run into the text before it ("… overlap- Where Biden was"): a template line
that ended in a block tag whose newline trim_blocks ate. A dash after a space, an opening quote
or bracket, at the start of a text, or before a lower-case word ("pre- and post-war"), is
ordinary text."""


def _pages(site: Path) -> Iterator[tuple[str, BeautifulSoup]]:
    for page in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        for hidden in soup(["script", "style", "code", "pre", "template"]):
            hidden.decompose()
        yield str(page.relative_to(site)), soup


@pytest.fixture(params=["mini", "seed"])
def built(request) -> Path:
    return request.getfixturevalue(f"{request.param}_site")


def test_escape_itself_round_trips_through_markdown():
    """The premise: escaping once renders as the text (Python-Markdown reads every escape the
    generator writes), so a backslash on a page means text escaped twice."""
    import markdown

    text = "U.S. officials, a Kremlin read-out (#1) [sic] *not* _em_ | 2 > 1 !"
    html = markdown.markdown(escape(text), extensions=["tables", "attr_list"])
    assert BeautifulSoup(html, "html.parser").get_text() == text


def test_no_page_shows_a_markdown_escape(built):
    """No text node of any built page holds a backslash before Markdown punctuation; the notes
    (where attributions were escaped twice) are checked like everything else."""
    shown = []
    pages = 0
    for path, soup in _pages(built):
        pages += 1
        for text in soup.find_all(string=ESCAPE_SHOWN):
            match = ESCAPE_SHOWN.search(text)
            shown.append((path, text[max(0, match.start() - 30):match.end() + 10]))
    assert pages > 20
    assert shown == []


def test_no_list_item_runs_into_the_next(built):
    """Every list item a template writes is its own <li>: no item, paragraph or cell of any
    page holds a list marker run into the text before it."""
    glued = []
    for path, soup in _pages(built):
        for element in soup.find_all(["li", "p", "td"]):
            text = element.get_text()
            for match in GLUED_ITEM.finditer(text):
                glued.append((path, text[max(0, match.start() - 30):match.end() + 20]))
    assert glued == []


def test_the_list_markers_of_source_pages_are_items(seed_site):
    """A source page's facts (outlet, headline, authors, published, URL, calls) are items of one
    list, and each cited passage lists its uses as a nested list, one item per use."""
    for page in sorted((seed_site / "sources").glob("*/index.html")):
        article = BeautifulSoup(page.read_text("utf-8"), "html.parser").select_one("article")
        facts = article.find("ul")
        labels = [li.find("strong").get_text() for li in facts.find_all("li", recursive=False)]
        assert labels[:3] == ["Outlet:", "Headline:", "Authors:"], (page, labels)
        assert {"Published:", "URL:", "Calls covered:"} <= set(labels), (page, labels)
        for passage in article.select("details ol > li"):
            for use in passage.select(":scope > ul > li"):
                assert re.match(r"(Statement|Quote|Fact|Role|Location) on ", use.get_text()), use


def test_how_to_read_nests_its_three_outcomes(mini_site):
    """"Same, consistent, or in conflict" holds a nested list of its three outcomes, followed by
    the note on single sources inside the same item; the list goes on after it."""
    soup = BeautifulSoup((mini_site / "how-to-read" / "index.html").read_text("utf-8"),
                         "html.parser")
    outer = soup.select_one("article ul")
    items = outer.find_all("li", recursive=False)
    heads = [li.find("strong").get_text() for li in items]
    assert heads[-2:] == ["Source coverage.", "Unknown"], heads
    same = next(li for li in items if li.find("strong").get_text().startswith("Same,"))
    nested = same.find("ul")
    outcomes = [li.find("em").get_text() for li in nested.find_all("li", recursive=False)]
    assert outcomes == ["Same", "Stated differently, consistent", "Sources disagree"]
    after = nested.find_next_sibling("p")
    assert after is not None and after.get_text().startswith("A fact given by a single article")
