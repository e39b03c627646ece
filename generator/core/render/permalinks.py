"""Permanent anchors of a page's statements, quotes and facts-box rows (issue 26, item 4).

An anchor is made from what the item says, never from where it stands: `claim-` or `quote-` and
the first 8 hex digits of the SHA-256 of its words (a claim's text with each wiki-link read as the
name it shows, so that renaming a record's id keeps the anchor; a quote's words), and `row-<key>`
for a facts-box row. Adding, removing or reordering other items moves no anchor; rewording an
item gives it a new one (its old address then lands on the top of the page, as a heading's
does when it is renamed).

Items with the same words on one page (two statements worded alike that cite different passages,
one remark printed by two outlets) are told apart by what they cite: each of them, and not only
the second met, gets `-` and 6 more hex digits of its citations, so that the anchors do not depend
on their order. The same item shown twice (a key quote, and again in the list of every quote) has
one anchor, on its first appearance.

Each anchored item gets Material's ¶ "link to this" mark in the browser (assets/briefing.js), as
headings have theirs: written into the HTML, the marks of a call page's hundred-odd items made
it 7% heavier; the ids alone, 2%.

The ids are decided once the page is rendered (`resolve`): the template writes placeholders,
which no curated text can hold (the control characters are dropped from every string).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..link import resolve_wikilink
from ..models import Quote
from ..wording import words_of
from .markup import Safe, _anchor_id

if TYPE_CHECKING:
    from .site import Site

PLACEHOLDER = re.compile("\x03(\\d+)\x03")


def _digest(text: str, digits: int) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:digits]


@dataclass
class Permalinks:
    """The anchors of one page, decided when the page is done."""

    bases: list[str] = field(default_factory=list)
    """Per item (by number): its anchor from its words alone."""
    tells: list[str] = field(default_factory=list)
    """Per item: what tells it from another with the same words (its citations)."""
    numbers: dict[Hashable, int] = field(default_factory=dict)
    """Item identity -> its number."""

    def item(self, prefix: str, words: str, identity: Hashable, tell: str) -> tuple[int, bool]:
        """The number of an item and whether this is its first appearance on the page."""
        key = (prefix, words, identity)
        number = self.numbers.get(key)
        if number is not None:
            return number, False
        number = self.numbers[key] = len(self.bases)
        self.bases.append(f"{prefix}-{_digest(words, 8)}")
        self.tells.append(tell)
        return number, True

    def resolve(self, text: str) -> str:
        """The page with every placeholder replaced by its item's anchor."""
        if not self.bases:
            return text
        shared: dict[str, int] = {}
        for base in self.bases:
            shared[base] = shared.get(base, 0) + 1
        ids = [base if shared[base] == 1 else f"{base}-{_digest(tell, 6)}"
               for base, tell in zip(self.bases, self.tells, strict=True)]
        # Two items alike in words and citations are one item (`item`), so ids can only meet
        # again by a clash of digests: numbered in page order, never two elements with one id.
        seen: dict[str, int] = {}
        for i, anchor in enumerate(ids):
            seen[anchor] = seen.get(anchor, 0) + 1
            if seen[anchor] > 1:
                ids[i] = f"{anchor}-{seen[anchor]}"
        return PLACEHOLDER.sub(lambda m: ids[int(m.group(1))], text)


def placeholder(number: int) -> str:
    return f"\x03{number}\x03"


@dataclass(frozen=True)
class Anchored:
    """Markup around a statement or quote that gives it its anchor (before it, after it)."""

    open: Safe
    close: Safe


NO_ANCHOR = Anchored(Safe(""), Safe(""))


class AnchorHelpers:
    """PageBuilder's helpers for the anchors of its statements, quotes and rows."""

    site: Site
    permalinks: Permalinks

    def permalink(self, item: Any, form: str = "block", indent: int = 2) -> Anchored:
        """A statement's or quote's anchor, as markup around it: for a list item or paragraph
        ("block") on a line of its own after it (attr_list), `indent` spaces in; for a sentence
        within a paragraph ("span") the sentence is wrapped. Only an item's first appearance on
        the page carries the anchor."""
        if isinstance(item, Quote):
            prefix, words = "quote", " ".join(item.words.split())
            identity: Any = (item.source, item.speaker, item.speaker_org, item.speaker_as)
            tell = " ".join(str(part) for part in identity if part)
        else:
            prefix, words = "claim", words_of(item.text, self._shown_name)
            identity = tuple((c.source, c.passage) for c in item.cites)
            tell = "\n".join(sorted(f"{source} {passage}" for source, passage in identity))
        number, first = self.permalinks.item(prefix, words, identity, tell)
        if not first:
            return NO_ANCHOR
        anchor = placeholder(number)
        if form == "span":
            return Anchored(Safe(f'<span id="{anchor}">'), Safe("</span>"))
        return Anchored(Safe(""), Safe(f"\n{' ' * indent}{{ #{anchor} }}"))

    def row_anchor(self, key: str) -> Safe:
        """The anchor of a facts-box row, on its first cell (`row-<fact key>`: the keys are
        unique within a record)."""
        return Safe(f" {{ #{_anchor_id(f'row-{key}')} }}")

    def _shown_name(self, target: str) -> str:
        key, _ = resolve_wikilink(target, self.site.corpus)
        return self.site.name(key) if key else target
