"""A statement's words as a reader sees them, for comparing and naming statements (anchors in
render/permalinks.py, changes between publications in changes.py)."""

from __future__ import annotations

import re
from collections.abc import Callable

from .link import WIKILINK

SPACE = re.compile(r"\s+")


def words_of(text: str, name_of: Callable[[str], str]) -> str:
    """Curated text with each wiki-link read as its label, or the name of the record it names
    (`name_of` of its target), and white space collapsed."""
    shown = WIKILINK.sub(lambda m: m.group(2) or name_of(m.group(1)), text)
    return SPACE.sub(" ", shown).strip()
