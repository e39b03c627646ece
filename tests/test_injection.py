"""Nothing injected: text from YAML (and from source texts) is shown as text on the built pages.

Every curated text field of the mini corpus gets markup, script, Markdown link and table syntax
appended, and a source text gets a paragraph of it, quoted on a call page. The site is built with
`briefing build` and each page is compared with the twin built from plain words appended the same
way: the same elements, the same links and images, intact tables, a safe <title>, and the payload
visible as text.
"""

from __future__ import annotations

import base64
import gzip
import json
import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import pytest
import yaml
from bs4 import BeautifulSoup
from click.testing import CliRunner
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from generator.adapters.cli import main

from .conftest import MINI, ROOT

PAYLOADS = [
    '</title><script>alert("x")</script> <img src=x onerror=alert(1)> [link](https://evil.example/) | cell',
    '# <iframe src="https://evil.example/"></iframe> ![i](https://evil.example/i.png) {: onclick="alert(1)" }',
    '- <a href="https://evil.example/">a</a> *em* _u_ `code` [^1] &lt;b&gt; \\ | --- [j](javascript:alert(1))',
    '1. <https://evil.example/auto> > quote <style>body{display:none}</style> &amp; <!-- c --> {#id}',
]
"""Appended to curated values; each would become markup if it were not escaped."""

INJECTED_FIELDS = {"name", "title", "aliases", "description", "text", "context", "label", "value",
                   "headline", "outlet", "as", "speaker_as", "location", "period", "provenance",
                   "republished_from", "updated", "country", "timezone"}
"""Free-text fields. Ids, references, dates, choices and verbatim passages are validated."""

EXTRA = {
    "sources/alpha-report.yaml": {"republished_from": "Wire", "updated": "7 Dec",
                                  "provenance": "As printed."},
    "events/sanctions-vote.yaml": {"location": "Capital City"},
}
"""Optional fields the fixture leaves out, so that they are injected too."""

PLAIN = ["plain words one", "plain words two", "plain words three", "plain words four"]
"""The twin's harmless text, appended to the same fields."""

TEXT_PAYLOAD = '<script>alert("t")</script> | [t](https://evil.example/t) <b>bold</b>'
"""Put in a source text and quoted from it: verbatim words reach the page too."""
TEXT_PLAIN = "plain words in the source text"

BOILERPLATE_PAYLOAD = (
    "More **stories**{:onclick=alert(5)} [x](javascript:alert(document.domain)) "
    "![i](https://evil.example/x.png) <b>b</b>\r\r# heading\r"
    "{:style=background:url&#x28;https://evil.example/u.png&#x29;} *x*\r")
"""Appended to a source text after its body_ends_before, with CR-only line ends: the page
furniture is shown as text (issue 18: it was parsed as Markdown inside an admonition)."""
BOILERPLATE_PLAIN = "More plain words\r\rheading words\rsome more words plain\r"

URL_PAYLOADS = {
    "sources/alpha-report.yaml": "https://x.example/**Verify**{:onclick=alert&#x28;document.domain&#x29;}|",
    "sources/beta-report.yaml": "https://x.example/a|b{:style=background:url&#x28;//u.example/u.png&#x29;}",
}
"""URLs that pass validation but hold Markdown, table and attribute-list syntax."""
URL_PLAINS = {"sources/alpha-report.yaml": "https://x.example/plain-one",
              "sources/beta-report.yaml": "https://x.example/plain-two"}


def _append(value: Any, field: str | None, texts: list[str], counter: list[int]) -> Any:
    """The value with the next of `texts` appended to every free-text string in it."""
    if isinstance(value, dict) and field == "passages":  # key -> words or {text, as, …}
        return {key: {name: v if name == "text" else _append(v, name, texts, counter)
                      for name, v in passage.items()} if isinstance(passage, dict) else passage
                for key, passage in value.items()}  # the words are the source's, verbatim
    if isinstance(value, dict):
        return {k: _append(v, k, texts, counter) for k, v in value.items()}
    if isinstance(value, list):
        return [_append(v, field, texts, counter) for v in value]
    if isinstance(value, str) and field in INJECTED_FIELDS and not value.startswith("texts/"):
        counter[0] += 1
        return f"{value} {texts[counter[0] % len(texts)]}"
    return value


def _corpus(target: Path, texts: list[str], source_text: str, boilerplate: str,
            urls: dict[str, str]) -> Path:
    """The mini corpus with `texts` appended to its free text, `source_text` in a source text
    and quoted from there, `boilerplate` after a text's body and `urls` as sources' URLs."""
    shutil.copytree(MINI, target)
    counter = [0]
    for path in sorted(target.glob("*/*.yaml")):
        rel = path.relative_to(target).as_posix()
        data = yaml.safe_load(path.read_text("utf-8")) | EXTRA.get(rel, {})
        if rel in urls:
            data["url"] = urls[rel]
        if rel == "sources/alpha-report.yaml":
            data["passages"]["alpha-injected"] = {"text": source_text, "speaker": "bob-brown"}
        if rel.startswith("calls/2021-12-07"):
            data["quotes"].append("alpha-injected")
        path.write_text(yaml.safe_dump(_append(data, None, texts, counter), allow_unicode=True,
                                       sort_keys=False), "utf-8")
    alpha = target / "texts" / "alpha.txt"
    alpha.write_bytes(f"{source_text}\n\n{alpha.read_text('utf-8')}{boilerplate}".encode())
    return target


def _build(content: Path, site: Path) -> Path:
    result = CliRunner().invoke(main, ["build", "-f", str(ROOT / "mkdocs.yml"), "--content",
                                       str(content), "-d", str(site)])
    assert result.exit_code == 0, result.output
    return site


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> tuple[Path, Path]:
    """(plain twin, injected site), both built with `briefing build`."""
    tmp = tmp_path_factory.mktemp("injection")
    clean = _build(_corpus(tmp / "plain", PLAIN, TEXT_PLAIN, BOILERPLATE_PLAIN, URL_PLAINS),
                   tmp / "clean")
    injected = _build(_corpus(tmp / "content", PAYLOADS, TEXT_PAYLOAD, BOILERPLATE_PAYLOAD,
                              URL_PAYLOADS), tmp / "injected")
    return clean, injected


def _pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def _soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text("utf-8"), "html.parser")


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _links(soup: BeautifulSoup) -> list[str]:
    """Links leaving the page; passage anchors are hashes of the passage, and the sources' own
    URLs differ between the twins, so they are masked."""
    return [re.sub(r"^https://x\.example/.*", "https://x.example/…",
                   re.sub(r"#cite-[0-9a-f]+$", "#cite-", h["href"]))
            for h in soup.find_all(href=True) if not h["href"].startswith("#")]


def _data(script) -> bool:
    """A JSON-LD block: its text is the page's data, not code."""
    return script.get("type") == "application/ld+json"


def test_every_page_has_the_same_elements_as_the_clean_build(sites):
    """No element, attribute, script, image or frame comes from content: per page, the tags and
    attribute names are those of the clean build, and so are scripts and non-anchor links."""
    clean, injected = sites
    assert _pages(clean) == _pages(injected)
    for page in _pages(clean):
        a, b = _soup(clean, page), _soup(injected, page)
        assert Counter(t.name for t in b.find_all(True)) == Counter(t.name for t in a.find_all(True)), page
        assert Counter(k for t in b.find_all(True) for k in t.attrs) == \
            Counter(k for t in a.find_all(True) for k in t.attrs), page
        assert [(s.get("src"), s.string) for s in b.find_all("script") if not _data(s)] == \
            [(s.get("src"), s.string) for s in a.find_all("script") if not _data(s)], page
        # Structured data carries the page's own words, as JSON that no text can leave.
        assert [(s.get("type"), json.loads(s.string).keys()) for s in b.find_all("script") if _data(s)] == \
            [(s.get("type"), json.loads(s.string).keys()) for s in a.find_all("script") if _data(s)], page
        assert not any(re.search("[<>&]", s.string) for s in b.find_all("script") if _data(s)), page
        assert _links(b) == _links(a), page
        assert [t["src"] for t in b.find_all(src=True)] == [t["src"] for t in a.find_all(src=True)]


def test_a_url_is_one_link_to_exactly_that_url(sites):
    """A URL holding '|', '**', '{:…}' and an entity-like '&#x28;' is one link in its line,
    whose target a browser reads as exactly the URL written, and whose label shows it as text."""
    _, injected = sites
    for rel, url in URL_PAYLOADS.items():
        page = f"sources/{Path(rel).stem}/index.html"
        # the metadata is a list: "- **URL:** [url](url)"
        item = next(li for li in _soup(injected, page).select("article li")
                    if li.find("strong") and li.find("strong").get_text() == "URL:")
        cell = [child for child in item.children if child.name or child.strip()][1:]
        assert [child.name for child in cell] == ["a"], (page, str(item))
        link = cell[0]
        assert link.get_text() == url
        assert unquote(link["href"]) == url, page
        assert list(link.attrs) == ["href"]


def test_page_furniture_after_the_body_is_text(sites):
    """The boilerplate after body_ends_before (CR-only line ends, Markdown, attribute lists, a
    javascript: link, a remote image) is shown line by line as text in a <details> block."""
    _, injected = sites
    soup = _soup(injected, "sources/alpha-report/index.html")
    furniture = [d for d in soup.select("article details")
                 if d.summary.get_text().startswith("Unrelated page furniture")]
    assert len(furniture) == 1
    lines = [line for p in furniture[0].select("div.boilerplate p")
             for line in p.get_text("\n").split("\n")]
    assert lines == ["Share this story", "More stories about cats",
                     *BOILERPLATE_PAYLOAD.replace("\r\r", "\r").rstrip("\r").split("\r")]
    assert [t.name for t in furniture[0].find_all(True)] == ["summary", "div", "p", "br", "br", "p", "br"]
    assert not soup.select("article h1 ~ h1, article strong[onclick], article img")


URL_ATTRIBUTES = ("href", "src", "srcset", "action", "formaction", "data", "poster", "style")


def test_no_link_or_handler_from_content(sites):
    """Nothing on any page points at the payload's hosts, runs its handlers or styles it; the
    payload may only stand as text (labels included)."""
    _, injected = sites
    for page in _pages(injected):
        for tag in _soup(injected, page).find_all(True):
            for name, value in tag.attrs.items():
                assert not name.startswith("on"), (page, tag.name, name)
                if name in URL_ATTRIBUTES:
                    assert "evil.example" not in value and "alert(" not in value, (page, name)


def test_tables_keep_their_shape(sites):
    """A '|' in a value never splits a cell (Markdown would drop the surplus cells silently):
    every table has the rows and widths of the twin's, and the pipes stand inside cells."""
    clean, injected = sites
    cells_with_pipes = 0
    for page in _pages(injected):
        twin = [[len(row.find_all(["td", "th"])) for row in table.find_all("tr")]
                for table in _soup(clean, page).select("article table")]
        tables = _soup(injected, page).select("article table")
        assert [[len(row.find_all(["td", "th"])) for row in table.find_all("tr")]
                for table in tables] == twin, page
        cells_with_pipes += sum("| cell" in cell.get_text() for table in tables
                                for cell in table.find_all("td"))
    assert cells_with_pipes > 10


def test_titles_are_the_names_as_text(sites):
    """The <title> and the heading show the injected name exactly as written, as text."""
    _, injected = sites
    content_name = yaml.safe_load(
        (injected.parent / "content" / "topics" / "trade.yaml").read_text("utf-8"))["name"]
    soup = _soup(injected, "topics/trade/index.html")
    assert soup.title.string == f"{_fold(content_name)} - Biden–Putin calls: a sourced briefing"
    assert _fold(soup.select_one("article h1").get_text()).rstrip("¶") == _fold(content_name)
    assert len(soup.find_all("title")) == 1


def test_payloads_are_visible_as_text(sites):
    """The markup is shown, not dropped: the reader sees exactly what the curator wrote."""
    _, injected = sites
    trade = _fold(_soup(injected, "topics/trade/index.html").select_one("article").get_text())
    call = _fold(_soup(injected, "calls/2021-12-07-adams-brown-video-call/index.html")
                 .select_one("article").get_text())
    source = _fold(_soup(injected, "sources/alpha-report/index.html").select_one("article").get_text())
    assert any(_fold(p) in trade for p in PAYLOADS)
    assert _fold(TEXT_PAYLOAD) in call
    assert _fold(TEXT_PAYLOAD) in source


def test_search_index_holds_the_payload_as_text(sites):
    """Pagefind's index holds each page's text as text (the payload kept, not dropped), and the
    search box never parses it as markup (briefing-search.js builds text nodes and <mark>s):
    the payload is in the fragments, and the script never assigns HTML from them."""
    _, injected = sites
    fragments = sorted((injected / "pagefind" / "fragment").glob("*.pf_fragment"))
    found = 0
    for path in fragments:
        # A fragment is gzip'd "pagefind_dcd" + JSON (Pagefind's own format)
        fragment = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        found += "<script>" in fragment["content"]
    assert found > 5
    script = (injected / "assets" / "javascripts" / "briefing-search.js").read_text("utf-8")
    # No HTML is parsed from a result at all: its words become text nodes and <mark>s.
    assert not [line for line in script.splitlines()
                if re.search(r"innerHTML|outerHTML|insertAdjacentHTML|DOMParser|\.write\(", line)]


def test_the_offline_edition_of_the_hostile_corpus_loads_nothing_from_another_host(sites, tmp_path):
    """The injected corpus builds as an offline edition: the check, which reads every URL a page
    can load (inline styles and CSS included), finds none on another host."""
    _, injected = sites
    result = CliRunner().invoke(main, ["build", "--offline", "-f", str(ROOT / "mkdocs.yml"),
                                       "--content", str(injected.parent / "content"),
                                       "-d", str(tmp_path / "offline")])
    assert result.exit_code == 0, result.output
    page = _soup(tmp_path / "offline", "sources/alpha-report.html")
    assert "evil.example/u.png" in page.select_one("article details").get_text()
    assert not page.select("article [style]")


LOADED = {
    "a.html": '<div style="background:url(https://h1.example/u.png)">'
              '<img srcset="x.png 1x, //h2.example/y.png 2x" src="local.png">'
              '<style>@import "https://h3.example/i.css"; p{background:u\\72l(https://h4.example/e)}</style>'
              '<svg><image href="https://h5.example/s.svg"/><use xlink:href="//h6.example/u#x"/></svg>'
              '<base href="https://h7.example/"><meta http-equiv="refresh" content="0; url=https://h8.example/">'
              '<link rel="preload" imagesrcset="https://h9.example/p.png 1x" href="local.css">'
              '<a href="https://followed.example/">a link is not loaded</a>'
              '<link rel="canonical" href="https://canonical.example/">'
              '<p style="content: \'fnref:\'; background: url(data:image/png;base64,AA==)">x</p>',
    "assets/b.css": '/* url(https://comment.example/) */ .x{background-image:image-set("https://h10.example/i.png" 1x)}'
                    ' .y{background:url( "img/local.png" )} .z{content:"https://h11.example/"}',
}


def test_the_offline_check_finds_every_url_a_page_can_load(tmp_path):
    """Styles (attributes, <style>, CSS files, escaped url()), srcset, SVG references, <base>
    and a refresh are all loads; links, a canonical URL, data: URLs and comments are not."""
    from generator.adapters.offline import external_resources

    for rel, text in LOADED.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, "utf-8")
    found = external_resources(tmp_path)
    assert sorted(re.search(r"//(h\d+)\.", url)[1] for _, url in found) == sorted(
        f"h{n}" for n in range(1, 12))
    assert {page for page, _ in found} == {"a.html", "assets/b.css"}


@pytest.mark.parametrize("url, valid", [
    ("https://x.example/a|b{c}^d", True),
    ("https://президент.рф/новости?q=1&r=2#x", True),
    ("https://x.example/\u202egnp.exe", False),
    ("https://x.example/a\u200bb", False),
    ("https://x.example/\u2066x\u2069", False),
    ("https://x.example/a\x85b", False),
    ("https://x.example/a\ufeff", False),
    ("https://x.example/a\n", False),
])
def test_urls_may_hold_what_browsers_show_but_no_invisible_characters(url, valid):
    """Validation takes what an address bar shows ('|', '{', non-ASCII), never control or
    invisible format characters (a bidi override makes a label lie about its target)."""
    from generator.core.models import URL_PATTERN

    assert bool(re.fullmatch(URL_PATTERN, url)) is valid


def test_a_url_target_is_percent_encoded_outside_rfc_3986():
    """Printed as a link target, a URL keeps RFC 3986's characters and encodes the rest as UTF-8;
    '&' is an entity, so '&#x28;' in a URL stays those five characters in the browser."""
    from generator.core.markdown_text import url_target

    assert url_target("https://x.example/a|b{c}^d*e?q=1&r=&#x28;#f") == (
        "https://x.example/a%7Cb%7Bc%7D%5Ed*e?q=1&amp;r=&amp;#x28;#f")
    assert url_target("https://рф/ф") == "https://%D1%80%D1%84/%D1%84"


# Every spelling of an address on another host that a browser's URL parser reads as one (issue
# 28: `src="/\host/x.png"` and an <iframe srcdoc> loaded from another host unnoticed).
_SLASHES = st.text(alphabet="/\\", min_size=2, max_size=3)
_NOISE = st.text(alphabet="\t\n\r", max_size=2)
_AROUND = st.text(alphabet=" \x01\x1f\x0c", max_size=2)
"""(U+0000 is not among them: HTML and CSS read it as U+FFFD, which starts a path.)"""


@st.composite
def remote_urls(draw) -> str:
    scheme = draw(st.sampled_from(["", "http:", "HTTPS:", "https:", "file:", "ftp:", "wss:"]))
    slashes = draw(_SLASHES)
    if scheme in ("", "file:"):  # a network-path reference, or file: naming a host
        slashes = slashes[:2]
    host = draw(st.from_regex(r"[a-z]{1,8}\.example", fullmatch=True))
    url = f"{scheme}{slashes}{host}/x.png"
    at = draw(st.integers(0, len(url)))
    url = url[:at] + draw(_NOISE) + url[at:]
    return draw(_AROUND) + url + draw(_AROUND)


def _in_page(url: str, how: str) -> str:
    from html import escape

    quoted = escape(url, quote=True)
    css_string = "".join({"\\": "\\\\", "\n": "\\a ", "\r": "\\d ", "\x0c": "\\c "}.get(c, c)
                         for c in url)  # a CSS string's own escapes
    in_css = escape(css_string, quote=True)
    return {
        "img": f'<img src="{quoted}">',
        "srcset": f'<img srcset="{quoted} 2x">',
        "style": f'<p style="background: url(&quot;{in_css}&quot;)">x</p>',
        "iframe": f'<iframe src="{quoted}"></iframe>',
        "import string": f'<style>@import "{css_string}";</style>',
        "srcdoc": f'<iframe srcdoc="{escape(f"<img src={chr(34)}{quoted}{chr(34)}>")}"></iframe>',
        "nested srcdoc": '<iframe srcdoc="' + escape('<iframe srcdoc="' + escape(
            f'<script src="{quoted}"></script>') + '"></iframe>') + '"></iframe>',
        "data frame": '<iframe src="data:text/html,'
                      + quote(f'<img src="{quoted}">', safe="") + '"></iframe>',
        "base64 object": '<object data="data:text/html;base64,'
                         + base64.b64encode(f'<script src="{quoted}"></script>'.encode()).decode()
                         + '"></object>',
        "data stylesheet": '<link rel="stylesheet" href="data:text/css,'
                           + quote(f'@import url("{in_css}");', safe="") + '">',
    }[how]


EMBEDDINGS = ["img", "srcset", "style", "import string", "iframe", "srcdoc", "nested srcdoc", "data frame",
              "base64 object", "data stylesheet"]


@settings(max_examples=300, deadline=None)
@given(url=remote_urls(), how=st.sampled_from(EMBEDDINGS))
def test_the_offline_check_finds_a_remote_load_however_spelled(url: str, how: str) -> None:
    from generator.core.page_loads import is_remote, page_loads

    # a srcset splits its candidates at whitespace, as browsers do
    assume(how != "srcset" or not re.search(r"[ \t\n\r\f]", url.strip(" \t\n\r\f")))
    loads = page_loads(_in_page(url, how))
    assert any(is_remote(found) for found in loads), (url, how, loads)


@settings(max_examples=300, deadline=None)
@given(path=st.from_regex(r"(\.\./|\./|/)?([a-z0-9_-]{1,8}/){0,3}[a-z0-9_-]{1,8}\.(png|css|js)"
                          r"(\?v=[0-9]+)?(#[a-z]+)?", fullmatch=True),
       how=st.sampled_from(EMBEDDINGS))
def test_the_offline_check_lets_the_sites_own_files_load(path: str, how: str) -> None:
    from generator.core.page_loads import is_remote, page_loads

    loads = page_loads(_in_page(path, how))
    # (a CSS string is read as a URL only where it names a host)
    assert (loads or how == "import string") and not any(is_remote(found) for found in loads)


def test_an_offline_edition_with_a_srcdoc_frame_or_a_backslash_url_is_refused(tmp_path, monkeypatch):
    """A page of docs/ whose frame document or image loads from another host, spelled as
    browsers accept it, fails the offline build with the page and URL named; no site is left."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(MINI, project / "content")
    (project / "docs" / "about.md").write_text(
        "# About\n\n<iframe srcdoc=\"&lt;img src='https://frame.example/t.png'&gt;\"></iframe>\n\n"
        '<img src="/\\backslash.example/x.png" alt="x">\n', "utf-8")
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["build", "--offline", "-d", "offline"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-2:] == [
        "about.html loads https://frame.example/t.png from another host",
        "about.html loads /\\backslash.example/x.png from another host"]
    assert not (project / "offline").exists()
