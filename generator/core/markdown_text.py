"""Turning curated text into safe Markdown: nothing from YAML can add markup, script or links.

Every character that Markdown or HTML would interpret is escaped; the only links in curated prose
are the [[wiki-links]] the generator itself resolves.
"""

from __future__ import annotations

import html
import json
import posixpath
import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")
"""Python-Markdown's escapable characters (with the tables extension's '|')."""
_SPACE = re.compile(r"\s+")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
"""Characters that are neither text nor whitespace (validation refuses them; dropped here too)."""


def escape(text: str) -> str:
    """Inline Markdown that renders exactly as `text`, on one line (runs of space folded)."""
    text = _SPACE.sub(" ", _CONTROL.sub("", text))
    # '&' and '<' cannot be backslash-escaped; entities keep them from starting HTML.
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def front_matter_title(text: str) -> str:
    """A page title for the YAML front matter: HTML-escaped text in a double-quoted string.

    MkDocs takes a page's title from its rendered heading as HTML, and Material's `<title>`
    unescapes it with `striptags`, so a name like `</title><script>` would become markup there;
    an explicit title is printed as given, and is escaped here.
    """
    plain = _SPACE.sub(" ", _CONTROL.sub("", text)).strip()
    return json.dumps(html.escape(plain, quote=True), ensure_ascii=False)


def escape_html(text: str) -> str:
    """Text for inside a raw HTML block."""
    return html.escape(text, quote=True)


_LINE_END = re.compile(r"\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
"""Every line boundary a reader's editor shows (str.splitlines'), CR-only texts included."""
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")


def html_paragraphs(text: str) -> str:
    """Plain text as HTML paragraphs on a single line: blank lines part paragraphs, other line
    ends become <br>. Nothing in it is markup, and no line of it can start a Markdown block
    (a CR-only text would otherwise put its lines at line starts once Markdown reads CR as LF)."""
    text = _LINE_END.sub("\n", _CONTROL.sub("", text))
    paragraphs = [escape_html(part.strip("\n")).replace("\n", "<br>")
                  for part in _PARAGRAPH_BREAK.split(text) if part.strip()]
    return "".join(f"<p>{part}</p>" for part in paragraphs)


_URL_LITERAL = re.compile(r"[^A-Za-z0-9\-._~:/?#@!$&*+,;=%]")
"""RFC 3986's unreserved and reserved characters, less those a Markdown link target or a table
cell could read as syntax ('[', ']', '(', ')' and quotes never pass validation)."""


def url_target(url: str) -> str:
    """A URL as a Markdown link target that is exactly that URL, and only a link target.

    Characters outside RFC 3986 (non-ASCII, '|', '{', '}', '^', control and format characters)
    are percent-encoded as UTF-8, which is what a browser sends for them anyway; '&' is written
    as the entity '&amp;', so that an entity-like '&#x28;' in the URL stays those characters.
    """
    encoded = _URL_LITERAL.sub(
        lambda m: "".join(f"%{byte:02X}" for byte in m[0].encode("utf-8")), url)
    return encoded.replace("&", "&amp;")


def relative_link(from_page: str, to_page: str, anchor: str = "") -> str:
    """A link from one generated page to another, as MkDocs expects (.md paths, relative)."""
    if from_page == to_page:
        return f"#{anchor}" if anchor else posixpath.basename(to_page)
    link = _relpath(to_page, posixpath.dirname(from_page))
    return f"{link}#{anchor}" if anchor else link


def _relpath(target: str, folder: str) -> str:
    """posixpath.relpath for the generator's own paths, which are relative and hold no '.' or
    '..' part: by their parts alone, without its two abspath calls (a tenth of rendering)."""
    to, here = target.split("/"), folder.split("/") if folder else []
    common = 0
    while common < len(here) and common < len(to) - 1 and here[common] == to[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + to[common:])

