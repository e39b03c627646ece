"""Markdown the generator builds, and the Jinja2 environment that escapes everything else.

Any plain string a template prints is escaped by the environment's `finalize`, so curated text can
never become markup by accident; helpers that build Markdown return `Safe` strings.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import jinja2
from markupsafe import Markup

from .. import markdown_text
from ..markdown_text import front_matter_title, url_target
from ..models import URL_PATTERN
from ..template_cache import CompiledTemplates, cache_folder

escape = functools.lru_cache(maxsize=1 << 16)(markdown_text.escape)
"""markdown_text.escape, remembered: the same names, labels and passages recur on many pages."""


class Safe(Markup):
    """Markdown built by the generator; printed as is."""

    def __new__(cls, base: Any = "", encoding: str | None = None, errors: str = "strict") -> Safe:
        if encoding is None and isinstance(base, str):
            return str.__new__(cls, base)  # what Markup does for text, without its checks
        return super().__new__(cls, base, encoding, errors)


def _finalize(value: Any) -> Any:
    """Markdown-escape every plain string a template prints (autoescape then leaves it alone).

    Macros return Markup and helpers return Safe, so generated Markdown passes through; Jinja's
    own `join` filter must not be used on curated text (it only HTML-escapes): use `p.join`.
    """
    if value is None:
        return Safe("")
    if isinstance(value, Markup):
        return value
    if isinstance(value, str):
        return Safe(escape(value))
    return value


def _anchor_id(value: str) -> Safe:
    """An HTML id made by the generator (ids are [a-z0-9-] by validation); printed unescaped."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", value):
        raise ValueError(f"not a safe anchor id: {value!r}")
    return Safe(value)


def _url(value: str) -> Safe:
    """A curated URL as a link target: an http(s) URL that passed validation (models.URL_PATTERN),
    percent-encoded where Markdown could read it as syntax (markdown_text.url_target)."""
    if not re.fullmatch(URL_PATTERN, value):
        raise ValueError(f"not a safe URL: {value!r}")
    return Safe(url_target(value))


@functools.cache
def environment() -> jinja2.Environment:
    """The templates' environment, made once per process: every Renderer shares it and its
    compiled templates (serve makes a Renderer per save; compiling took 0.2 s of each)."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # templates do not change during a run: no stat() per page
        bytecode_cache=CompiledTemplates(cache_folder()),  # compiled once per machine
    )
    env.filters["anchor"] = _anchor_id
    env.filters["page_title"] = lambda value: Safe(front_matter_title(value))
    env.filters["url"] = _url
    env.filters["counted"] = counted
    return env


def counted(number: int, singular: str, plural: str | None = None) -> str:
    """'1 call', '2 calls', '1 person', '27 people': a count with its noun agreeing."""
    return f"{number} {singular if number == 1 else plural or singular + 's'}"
