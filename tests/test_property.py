"""Property: whatever a curator writes, a run ends in a clean build or in clean messages.

Random YAML values are thrown at every field of the mini corpus (replaced, added, removed, or
written as raw text into a line), and the pipeline must either validate and render, or raise a
ContentError whose every problem is one located line in plain words. Any other exception is a
bug, as is a message that still speaks pydantic ("Input should be ...").
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from click.testing import CliRunner
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from generator.adapters.cli import main
from generator.core.errors import ContentError
from generator.core.kinds import KINDS
from generator.core.models import ID_RE
from generator.core.pipeline import render, validate

from .conftest import MINI, ROOT

FILES = sorted(p.relative_to(MINI).as_posix() for p in MINI.glob("*/*.yaml"))
DATA = {rel: yaml.safe_load((MINI / rel).read_text("utf-8")) for rel in FILES}
FIELD_NAMES = sorted({name for model in KINDS.values() for name in model.model_fields}
                     | {"words", "source", "passage", "speaker", "cites", "text", "as", "key",
                        "reports", "value", "minutes", "time", "actor", "side", "attribution"})

TRAPS = ["10:07", "15:35", "NO", "yes", "off", "0755", "0x1F", "1e3", "2021-12-07", "2021-13-45",
         "2021-12-07 10:00:00", "~", "null", "unknown", ".nan", "-.inf", "&a x", "*a", "!!binary eA==",
         "!!python/object:os.system x", "<< : {a: 1}", "\tx", "[", "]", "{", "'", '"', "|", ">",
         "- x", "? x", "@x", "`x", "%x", "a: b", "[[alice-adams]]", "[[nobody]]", "texts/../x.txt",
         "../../etc/passwd", "javascript:alert(1)", "https://example.org/a", "video", "readout",
         "alice-adams", "trade", "<script>alert(1)</script>", "x" * 300, "\u2028", "\x85",
         "050", "0x32", "0b110010", "5_0", "+50", "1:30", "'2021-02-30'", "2201-12-07", "'   '",
         "[[alice-adams", "alice-adams]]", "a" * 121, "\"\\x1b[31m\"", "\u202eevil", "\ufeffx",
         "**b**{: onclick=alert(1) }", "[x](javascript:alert(1))", "https://x.example/a|b"]
"""Raw YAML text that trips parsers and schemas."""

scalars = (st.none() | st.booleans() | st.integers(min_value=-2**70, max_value=2**70)
           | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=30)
           | st.dates() | st.datetimes() | st.sampled_from(TRAPS))
values = st.recursive(
    scalars,
    lambda children: (st.lists(children, max_size=3)
                      | st.dictionaries(st.sampled_from(FIELD_NAMES) | st.text(max_size=8),
                                        children, max_size=3)),
    max_leaves=8)


def _locations(data: Any, loc: tuple = ()) -> list[tuple]:
    """Every place in a record a value stands: mapping values and list items, nested."""
    found = [loc] if loc else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += _locations(value, loc + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _locations(value, loc + (index,))
    return found


@st.composite
def mutation(draw) -> tuple[str, str, Any]:
    """(file, how, what): one change to one record file: a value set, a field added, a value
    deleted, a line rewritten as raw text, or the whole file replaced by bytes."""
    rel = draw(st.sampled_from(FILES))
    how = draw(st.sampled_from(["set", "add", "delete", "raw", "bytes"]))
    if how == "bytes":
        return rel, how, draw(st.binary(max_size=60))
    if how == "raw":
        lines = (MINI / rel).read_text("utf-8").split("\n")
        line = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        text = draw(st.sampled_from(TRAPS) | st.text(max_size=20))
        return rel, how, (line, text)
    loc = draw(st.sampled_from(_locations(DATA[rel])))
    if how == "add":
        return rel, how, (loc[:-1], draw(st.sampled_from(FIELD_NAMES)), draw(values))
    return rel, how, (loc, draw(values) if how == "set" else None)


def _apply(content: Path, change: tuple[str, str, Any]) -> None:
    """Make one change to a file of the corpus copy (skipped if earlier changes made it moot)."""
    rel, how, what = change
    path = content / rel
    if how == "bytes":
        path.write_bytes(what)
        return
    if how == "raw":
        line, text = what
        lines = path.read_text("utf-8", errors="replace").split("\n")
        key, sep, _ = lines[line].partition(": ") if line < len(lines) else ("", "", "")
        lines[line:line + 1] = [f"{key}{sep}{text}" if sep else text]
        path.write_text("\n".join(lines), "utf-8")
        return
    try:
        record = yaml.safe_load(path.read_text("utf-8"))
    except (yaml.YAMLError, ValueError):
        return  # an earlier raw change broke the file
    loc, *rest = what
    parent = record
    try:
        for part in loc[:-1]:
            parent = parent[part]
        if how == "add":
            parent[rest[0]] = rest[1]
        elif how == "delete":
            del parent[loc[-1]]
        else:
            parent[loc[-1]] = rest[0]
    except (KeyError, IndexError, TypeError):
        return  # an earlier change removed the place
    path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), "utf-8")


def _corpus(tmp: Path, changes: list) -> Path:
    content = tmp / "content"
    shutil.copytree(MINI, content)
    for change in changes:
        _apply(content, change)
    return content


def _assert_clean(error: ContentError, content: Path) -> None:
    """Every problem is located in a content file and worded for a curator, on one line."""
    assert error.problems
    for problem in error.problems:
        line = str(problem)
        assert "\n" not in line and "\r" not in line
        assert problem.file.startswith(content.as_posix()) or problem.file.startswith("content/")
        assert problem.message
        assert "Input should" not in line and "Traceback" not in line, line
    assert error.report().endswith("nothing was built.")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mutation(), min_size=1, max_size=3))
def test_random_values_end_in_a_build_or_clean_messages(changes):
    """validate + render either succeed or raise ContentError with clean messages; never
    another exception."""
    with tempfile.TemporaryDirectory() as tmp:
        content = _corpus(Path(tmp), changes)
        try:
            pages = render(validate(content))
        except ContentError as error:
            _assert_clean(error, content)
        else:
            assert pages and all(isinstance(text, str) for text in pages.values())


TEXT_FIELDS = [(rel, loc) for rel in FILES for loc in _locations(DATA[rel])
               if loc[-1] in ("name", "title", "headline", "label", "value", "description",
                              "context", "location", "country")
               or (loc[-1] == "text" and not rel.startswith("sources/"))]


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(TEXT_FIELDS), st.text(min_size=1, max_size=40))
def test_briefing_build_with_random_text_builds_or_reports(field, text):
    """The full `briefing build` (MkDocs strict) on random text in a prose field: exit 0 with a
    site, or exit 1 with content messages; never a traceback or an internal error."""
    rel, loc = field
    with tempfile.TemporaryDirectory() as tmp:
        content = _corpus(Path(tmp), [(rel, "set", (loc, text))])
        site = Path(tmp) / "site"
        result = CliRunner().invoke(main, ["build", "-f", str(ROOT / "mkdocs.yml"), "--content",
                                           str(content), "-d", str(site)])
        assert result.exit_code in (0, 1), result.output
        if result.exit_code == 0:
            assert (site / "index.html").is_file()
        else:
            assert result.stderr.endswith("nothing was built.\n"), result.stderr
            assert not site.exists()


def test_the_strategies_reach_every_file_and_kind():
    """The mutations can touch every record file of the fixture, of every kind."""
    assert {rel.split("/")[0] for rel in FILES} == set(KINDS)
    assert all(_locations(DATA[rel]) for rel in FILES)


def test_a_datetime_value_is_a_clean_message(tmp_path):
    """One fixed example of a value YAML turns into a datetime, as a regression check."""
    content = _corpus(tmp_path, [("topics/trade.yaml", "set", (("name",), dt.datetime(2021, 1, 1)))])
    with pytest.raises(ContentError) as caught:
        validate(content)
    assert [(p.line, p.column, p.field, p.message) for p in caught.value.problems] == [
        (1, 7, "name", "expected text, but YAML read 2021-01-01 00:00:00 as a date: write it in "
                       "quotes, '2021-01-01 00:00:00'")]


# --- hostile strings in every field ---------------------------------------------------------

MARKERS = ("zqbold", "zqem", "zqcode", "zqheading", "zqlink", "zqimg", "zqcell")
"""Words that stand alone as an element's whole text only if the markup around them was
interpreted: escaped, the asterisks, brackets or hashes stay beside them."""

HOSTILE = [
    "<zqtag onclick=alert(1)>x</zqtag>", "**zqbold**{: zqattr=1 }", "*zqem*{:onclick=alert(1)}",
    "[zqlink](javascript:alert(1))", "![zqimg](https://evil.example/zq.png)",
    "<img src=https://evil.example/zq.png>", "{: style=background:url(https://evil.example/zq.png) }",
    "`zqcode`", "# zqheading", '<div markdown="1">**zqbold**</div>', "&lt;zqtag&gt; &#x3C;zqtag&#x3E;",
    "| zqcell | b |\n|---|---|\n| c | d |", "<!-- zq --> <script>zq()</script>", "{{ zq }} {% raw %}",
    "[^zq] *[zq]: abbr", '!!! note "zq"', "[zqlink]: https://evil.example/zq", "<https://evil.example/zq>",
    "x\u202ezq\u2066y\u2069 \u200fz", "\\*zqem\\* \\\\", "zq <b>zqbold</b> &amp;", "javascript:alert(1)",
    "zq [x](<javascript:alert(1)>) [y][zqlink]",
]
"""Markup, attr_list, raw HTML, entities, Markdown links and images, Jinja, bidi characters:
the build must show every one of them as text."""

HOSTILE_URLS = ["https://x.example/**zqbold**{:onclick=alert&#x28;1&#x29;}|",
                "https://x.example/a|b{:style=background:url&#x28;https://evil.example/zq.png&#x29;}"]
"""URLs that pass validation and are full of Markdown: a link target is text too."""

_NOT_PLAIN = {"passage", "words", "body_ends_before", "url", "time", "date", "published",
              "end_date", "text"}
"""Fields whose values are verbatim source words, URLs, dates or paths (the `text` of a claim is
prose, kept: see _text_locations)."""


def _text_locations(rel: str, data: Any) -> list[tuple]:
    """Where a record holds free text: string values that are not ids, choices or verbatim."""
    found = []
    for loc in _locations(data):
        value = data
        for part in loc:
            value = value[part]
        key = next((part for part in reversed(loc) if isinstance(part, str)), "")
        if not isinstance(value, str) or value.lower() == "unknown" or ID_RE.fullmatch(value):
            continue
        if key in _NOT_PLAIN and not (key == "text" and not rel.startswith("sources/")):
            continue
        if loc[0] == "passages" and len(loc) == 2:
            continue  # a keyed passage's words, given as its value: verbatim
        found.append(loc)
    return found


HOSTILE_PLACES = [(rel, loc) for rel in FILES for loc in _text_locations(rel, DATA[rel])]


_LOADING = {"src", "srcset", "style", "action", "formaction", "poster", "data", "xlink:href",
            "background"}
"""Attributes whose value a browser loads. A link (href) may lead to a curated, validated URL
on any host, never to script (Material's own share button is `javascript:void(0)`); text
attributes such as aria-label and title may hold the hostile words, escaped."""


def _offences(html: str, where: str) -> list[str]:
    """Elements and attributes of the page that came from content markup."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for tag in soup.find_all(True):
        if tag.name == "script" and tag.get("type") == "application/ld+json":
            # Structured data holds the page's words by design: as JSON whose '<', '>' and '&'
            # are escapes, so that no text can end the script or become markup.
            if re.search("[<>&]", tag.string or "") or json.loads(tag.string or "null") is None:
                found.append(f"{where}: JSON-LD not escaped")
            continue
        if "zq" in tag.name or tag.name in ("script", "iframe") and "zq" in tag.get_text():
            found.append(f"{where}: element <{tag.name}>")
        for name, value in tag.attrs.items():
            value = " ".join(value) if isinstance(value, list) else str(value)
            if "zq" in name or name.startswith("on"):
                found.append(f"{where}: attribute {name} on <{tag.name}>")
            if (name in _LOADING and ("evil.example" in value or "alert(" in value)
                    or name == "href" and ("alert(" in value or value.startswith("javascript:")
                                           and value != "javascript:void(0)")):
                found.append(f"{where}: {name}={value!r} on <{tag.name}>")
        if tag.get_text().strip() in MARKERS:
            found.append(f"{where}: <{tag.name}>{tag.get_text().strip()}</{tag.name}> (markup interpreted)")
    if re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", html):
        found.append(f"{where}: a raw control character")
    return found


@settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.too_slow],
          phases=(Phase.explicit, Phase.generate))  # no shrinking: each example is a full build
@given(st.permutations(HOSTILE))
@example(HOSTILE)
def test_hostile_text_in_every_field_never_becomes_markup(order):
    """Hostile strings in every free-text field of every record (names, titles, labels, values,
    descriptions, claims, aliases, locations, outlets…), in the sources' URLs and in a paragraph
    of a source text: the
    full `briefing build` succeeds and no element or attribute of any page, nor of the search
    index, comes from them."""
    with tempfile.TemporaryDirectory() as tmp:
        changes = [(rel, "set", (loc, f"{order[i % len(order)]} {i}"))
                   for i, (rel, loc) in enumerate(HOSTILE_PLACES)]
        changes += [(rel, "set", (("url",), HOSTILE_URLS[i % len(HOSTILE_URLS)]))
                    for i, rel in enumerate(f for f in FILES if f.startswith("sources/"))]
        content = _corpus(Path(tmp), changes)
        with open(content / "texts" / "beta.txt", "a", encoding="utf-8") as text:
            text.write("\n" + "\n\n".join(order) + "\n")
        site = Path(tmp) / "site"
        result = CliRunner().invoke(main, ["build", "-f", str(ROOT / "mkdocs.yml"), "--content",
                                           str(content), "-d", str(site)])
        assert result.exit_code == 0, result.output
        offences = []
        for page in site.rglob("*.html"):
            offences += _offences(page.read_text("utf-8"), page.relative_to(site).as_posix())
        for index in site.rglob("search_index.json"):
            for doc in json.loads(index.read_text("utf-8"))["docs"]:
                offences += _offences(doc["title"] + " " + doc["text"], f"search: {doc['location']}")
        assert offences == []


def test_hostile_places_cover_every_kind_of_free_text():
    """The hostile test reaches names, titles, claims, values, locations and aliases."""
    keys = {next(p for p in reversed(loc) if isinstance(p, str)) for _, loc in HOSTILE_PLACES}
    assert {"name", "title", "text", "label", "value", "location", "aliases", "headline"} <= keys


def test_the_offence_check_sees_markup_from_content():
    """The checker of the hostile test finds each kind of leak it looks for (it can fail)."""
    html = ('<p><strong>zqbold</strong> <a href="javascript:alert(1)">x</a> <zqtag></zqtag> '
            '<em zqattr="1" onclick="x">**zqem**</em> <img src="https://evil.example/zq.png">\x1b</p>')
    assert _offences(html, "page") == [
        "page: <strong>zqbold</strong> (markup interpreted)",
        "page: href='javascript:alert(1)' on <a>",
        "page: element <zqtag>",
        "page: attribute zqattr on <em>",
        "page: attribute onclick on <em>",
        "page: src='https://evil.example/zq.png' on <img>",
        "page: a raw control character"]
    assert _offences("<p>**zqbold**{: zqattr=1 } &lt;zqtag&gt;</p>", "page") == []
