"""What a page of the site loads by itself as a browser shows it, and whether from another host.

One definition for the offline edition's check (adapters/offline.py) and `briefing check`'s
(curator/check.py): scripts, stylesheets, icons, images, frames and what a srcdoc frame's
document loads, media, SVG references, a <base>, a refresh, and every url(), @import and
image-set() of inline styles, <style> elements and CSS files; not links a reader may follow.
"""

from __future__ import annotations

import base64
import re
from html.parser import HTMLParser
from urllib.parse import unquote_to_bytes, urlparse


def page_loads(html: str) -> list[str]:
    """Every URL an HTML page loads by itself, those of its srcdoc frames included."""
    finder = ResourceFinder()
    finder.feed(html)
    finder.close()
    return finder.urls


_DATA = re.compile(r"\s*data:(?P<type>[^,;]*)(?P<params>[^,]*),(?P<data>.*)", re.I | re.S)
_DOCUMENTS = {"text/html", "image/svg+xml", "application/xhtml+xml", "application/xml", "text/xml"}


def _with_embedded(url: str) -> list[str]:
    """`url`, and what the document or stylesheet it holds loads when it is a data: URL (a frame
    or object showing `data:text/html,…`, a stylesheet `data:text/css,@import …`)."""
    match = _DATA.match(url)
    if not match:
        return [url]
    kind = match["type"].strip().lower()
    if kind not in _DOCUMENTS and kind != "text/css":
        return [url]
    raw = match["data"]
    if ";base64" in match["params"].lower():
        try:
            payload = base64.b64decode("".join(raw.split()) + "==", validate=False)
        except ValueError:
            return [url]
    else:
        payload = unquote_to_bytes(raw)
    text = payload.decode("utf-8", errors="replace")
    return [url, *(css_urls(text) if kind == "text/css" else page_loads(text))]


_C0_AND_SPACE = "".join(map(chr, range(0x21)))
_TAB_OR_NEWLINE = re.compile("[\t\n\r]")


def is_remote(url: str) -> bool:
    """Whether a browser showing a page of the site fetches `url` from another host.

    Read as a browser's URL parser reads it (WHATWG URL): C0 controls and spaces around it are
    dropped, tabs and newlines anywhere in it too, and a backslash is a slash (for http(s), file
    and a relative URL, which is all a page of the site has), so `/\\host/x.png` and
    `\\\\host\\x` name a host as `//host/x.png` does."""
    parsed = _parsed(url)
    return bool(parsed.netloc) or parsed.scheme not in ("", "data", "blob", "file")


def _names_host(text: str) -> bool:
    """Whether a CSS string names another host (as `@import "//host/x.css"` does); other strings
    (`content: "fnref:"`) load nothing."""
    parsed = _parsed(text)
    return bool(parsed.netloc) or parsed.scheme in ("http", "https", "ftp", "ws", "wss")


def _parsed(url: str):
    return urlparse(_TAB_OR_NEWLINE.sub("", url.strip(_C0_AND_SPACE)).replace("\\", "/"))


_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|$)", re.S)
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[ \t\n\r\f]?|(.))", re.S)
_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))|"([^"]*)"|'([^']*)'""", re.I)
"""A url() token, or any string: @import "…", image-set("…") and src() load strings too."""
def css_urls(css: str) -> list[str]:
    """Every URL a stylesheet can load: url() tokens and strings, CSS escapes decoded (so that
    `u\\72l(` is read as the url( a browser reads), and strings that name a host."""
    def unescape(match: re.Match) -> str:
        if match[1]:
            code = int(match[1], 16)
            return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
        return match[2]

    css = _CSS_ESCAPE.sub(unescape, _CSS_COMMENT.sub("", css))
    urls = []
    for match in _CSS_URL.finditer(css):
        token = next(group for group in match.groups() if group is not None)
        if match[0][:4].lower() == "url(" or _names_host(token):
            urls.extend(_with_embedded(token))
    return urls


_LOADED_LINKS = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "preconnect",
                 "dns-prefetch", "prefetch", "prerender", "apple-touch-icon", "mask-icon"}
_LOADED_ATTRIBUTES = {"src", "data", "poster", "background", "lowsrc", "dynsrc"}
_FOLLOWED_HREF = {"a", "area"}
"""Tags whose href is followed only when the reader chooses to; every other href (a <base>,
SVG's <image> and <use>) is fetched or applied as the page loads."""


class ResourceFinder(HTMLParser):
    """Collects the URLs a page fetches as it loads, inline styles included."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            value = value or ""
            if name == "srcdoc":  # a frame's whole document, shown as the page loads
                self.urls.extend(page_loads(value))
            elif name in _LOADED_ATTRIBUTES and value:
                self.urls.extend(_with_embedded(value))
            elif name in ("srcset", "imagesrcset"):
                self.urls.extend(_srcset_urls(value))
            elif name == "style":
                self.urls.extend(css_urls(value))
            elif (name in ("href", "xlink:href") and tag not in _FOLLOWED_HREF and value
                  and (tag != "link" or _LOADED_LINKS & set(_attr(attrs, "rel").lower().split()))):
                self.urls.extend(_with_embedded(value))
        if tag == "meta" and _attr(attrs, "http-equiv").lower() == "refresh":
            self.urls.append(_attr(attrs, "content").partition("=")[2].strip(" '\""))
        self._in_style = tag == "style"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self._in_style = False

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.urls.extend(css_urls(data))


_ASCII_WHITESPACE = re.compile("[ \t\n\r\f]+")
"""What HTML splits a srcset at: ASCII whitespace only (Python's split() also splits at U+001C
to U+001F and U+0085, which a URL may start with)."""


def _srcset_urls(srcset: str) -> list[str]:
    urls = []
    for candidate in srcset.split(","):
        url = _ASCII_WHITESPACE.split(candidate.strip(" \t\n\r\f"))[0]
        if url:
            urls.append(url)
    return urls


def _attr(attrs: list[tuple[str, str | None]], name: str) -> str:
    return next((value or "" for key, value in attrs if key == name), "")
