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


def relative_link(from_page: str, to_page: str, anchor: str = "") -> str:
    """A link from one generated page to another, as MkDocs expects (.md paths, relative)."""
    if from_page == to_page:
        return f"#{anchor}" if anchor else posixpath.basename(to_page)
    link = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    return f"{link}#{anchor}" if anchor else link


def md_link(label: str, href: str) -> str:
    """A Markdown link with an escaped label; hrefs are generated, never curated."""
    return f"[{escape(label)}]({href})"
