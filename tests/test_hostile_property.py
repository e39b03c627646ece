"""Property: whatever hostile text a curator or a source text holds, no element or attribute of a
page comes from it.

Hypothesis writes markup, attribute lists, Markdown links and images, URLs with Markdown syntax,
control, line-separator and bidi characters into every free-text field of the mini corpus, its
`url`s and one source text (body and page furniture). Each corpus that validates is rendered, and
every page is converted with the project's Markdown extensions (what MkDocs does to it); the HTML
may only hold the tags and attributes the plain corpus's pages hold, no event handler or style,
and links only to generated pages or to a validated `url`, exactly.
"""

from __future__ import annotations

import posixpath
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import markdown
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data
from mkdocs.utils.yaml import yaml_load

from generator.core.errors import ContentError
from generator.core.models import URL_PATTERN
from generator.core.pipeline import render, validate
from generator.core.urls import FEEDS

from .conftest import MINI, ROOT

PIECES = ["**b**{:onclick=alert(1)}", "[x](javascript:alert(1))", "![i](https://evil.example/i.png)",
          "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '{: style="color:red" }',
          "| cell |", "# h", "\r# h\r", "\r\r    code", "\u2028- item", "\x85", "\u202e", "\u2066x\u2069",
          "&#x3C;b&#x3E;", "&lt;i&gt;", "<!-- c -->", "`code`", "[^1]", "[^1]: note", "---",
          "{#id .cls}", '<div markdown="1">**x**</div>', "<details open>", "</div></details>",
          "<https://evil.example/>", "https://evil.example/auto", "\\", "\t", "  \n", "!!! note",
          "??? note", "    indented", "<style>*{}</style>", "[[alice-adams]]", "](x)", ")",
          "{:target=_blank}", "<a href=//evil.example>a</a>", "*", "_", "=", "&", "#", ";"]
"""Fragments that become markup wherever text is not kept as text."""
_CONTROLS = set("\r\n\t\x85")
_printable = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=6)
texts = st.lists(st.sampled_from(PIECES) | _printable, min_size=1, max_size=4).map(" ".join)
"""For source texts, where control characters and CR-only line ends are the text's own."""
hostile = st.lists(st.sampled_from([p for p in PIECES if not _CONTROLS & set(p)]) | _printable,
                   min_size=1, max_size=4).map(" ".join).filter(str.strip)
"""For YAML values (validation refuses control characters there, with its own message)."""
urls = st.lists(st.sampled_from([p for p in PIECES if re.fullmatch(URL_PATTERN, f"https://x.example/{p}")]),
                min_size=1, max_size=3).map(lambda parts: "https://x.example/" + "".join(parts))
"""URLs that pass validation yet hold Markdown, table and attribute-list syntax."""

FREE_TEXT = {"name", "title", "aliases", "description", "text", "context", "label", "value",
             "headline", "outlet", "as", "speaker_as", "location", "period", "provenance",
             "republished_from", "updated", "country", "timezone"}
FILES = sorted(p.relative_to(MINI).as_posix() for p in MINI.glob("*/*.yaml"))
DATA = {rel: yaml.safe_load((MINI / rel).read_text("utf-8")) for rel in FILES}
# MkDocs' own loader: mkdocs.yml uses its !ENV tag (site_url), which safe_load refuses.
_CONFIG = yaml_load((ROOT / "mkdocs.yml").read_text("utf-8"))["markdown_extensions"]
EXTENSIONS = [e if isinstance(e, str) else next(iter(e)) for e in _CONFIG]
EXTENSION_CONFIGS = {k: v for e in _CONFIG if isinstance(e, dict) for k, v in e.items()}


def _places(data: Any, loc: tuple = ()) -> list[tuple]:
    """Where free text stands in a record: string values of free-text fields, nested."""
    found = []
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, str) and key in FREE_TEXT and not value.startswith("texts/"):
                found.append(loc + (key,))
            found += _places(value, loc + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            if isinstance(value, str) and loc and loc[-1] in FREE_TEXT:
                found.append(loc + (index,))
            found += _places(value, loc + (index,))
    return found


PLACES = [(rel, loc) for rel in FILES for loc in _places(DATA[rel])]
SOURCES = [rel for rel in FILES if rel.startswith("sources/")]


def _html(pages: dict[str, str]) -> dict[str, BeautifulSoup]:
    converter = markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
    soups = {}
    for path, text in pages.items():
        soups[path] = BeautifulSoup(converter.reset().convert(get_data(text)[0]), "html.parser")
    return soups


def _shape(soups: dict[str, BeautifulSoup]) -> tuple[set[str], set[str]]:
    tags = {t.name for soup in soups.values() for t in soup.find_all(True)}
    attributes = {a for soup in soups.values() for t in soup.find_all(True) for a in t.attrs}
    return tags, attributes


PLAIN_TAGS, PLAIN_ATTRIBUTES = _shape(_html(render(validate(MINI))))


def _set(data: Any, loc: tuple, value: str) -> None:
    for part in loc[:-1]:
        data = data[part]
    data[loc[-1]] = value


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(PLACES), hostile), min_size=3, max_size=12),
       st.dictionaries(st.sampled_from(SOURCES), urls, max_size=2), texts, texts)
def test_no_element_or_attribute_of_a_page_comes_from_content(edits, source_urls, body, furniture):
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        shutil.copytree(MINI, content)
        records = {rel: yaml.safe_load((MINI / rel).read_text("utf-8")) for rel in FILES}
        for (rel, loc), text in edits:
            _set(records[rel], loc, text)
        for rel, url in source_urls.items():
            records[rel]["url"] = url
        for rel, record in records.items():
            (content / rel).write_text(yaml.safe_dump(record, allow_unicode=True), "utf-8")
        alpha = content / "texts" / "alpha.txt"
        alpha.write_bytes(f"{body}\n\n{alpha.read_text('utf-8')}\n{furniture}".encode())
        try:
            pages = render(validate(content))
        except ContentError as error:
            event(f"refused: {error.problems[0].message[:40]}")
            return  # reported as a content problem (test_property checks how)
    event("rendered")
    soups = _html(pages)
    tags, attributes = _shape(soups)
    assert tags <= PLAIN_TAGS | {"a"}, tags - PLAIN_TAGS
    assert attributes <= PLAIN_ATTRIBUTES, attributes - PLAIN_ATTRIBUTES
    given_urls = {record.get("url") for record in records.values()}
    for page, soup in soups.items():
        for link in soup.find_all(href=True):
            target = urlparse(link["href"])
            if target.scheme or target.netloc:
                assert unquote(link["href"]) in given_urls, (page, link["href"])
            else:
                # a page, or a file the generator publishes (the updates feed, from What changed)
                published = posixpath.normpath(posixpath.join(posixpath.dirname(page),
                                                              target.path)) in FEEDS
                assert not target.path or target.path.endswith((".md", "/")) or published, (
                    page, link["href"])
        assert not soup.find_all(src=True), page
