"""Turning curated text into safe Markdown: nothing from YAML can add markup, script or links.

Every character that Markdown or HTML would interpret is escaped; the only links in curated prose
are the [[wiki-links]] the generator itself resolves.
"""

from __future__ import annotations

import html
import posixpath
import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")
"""Python-Markdown's escapable characters (with the tables extension's '|')."""
_SPACE = re.compile(r"\s+")


def escape(text: str) -> str:
    """Inline Markdown that renders exactly as `text`, on one line (runs of space folded)."""
    text = _SPACE.sub(" ", text)
    # '&' and '<' cannot be backslash-escaped; entities keep them from starting HTML.
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def escape_html(text: str) -> str:
    """Text for inside a raw HTML block."""
    return html.escape(text, quote=True)


def relative_link(from_page: str, to_page: str, anchor: str = "") -> str:
    """A link from one generated page to another, as MkDocs expects (.md paths, relative)."""
    if from_page == to_page:
        return f"#{anchor}" if anchor else "./"
    link = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    return f"{link}#{anchor}" if anchor else link


def md_link(label: str, href: str) -> str:
    """A Markdown link with an escaped label; hrefs are generated, never curated."""
    return f"[{escape(label)}]({href})"
