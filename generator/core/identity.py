"""One normalisation of names for identity: when two names are the same name.

Every duplicate check and every lookup of a record by its name or alias compares names by
`identity(name)`, never by ad-hoc casefolding, so "Bob Brown", "BOB  BROWN", "Bob Brown\\u200b"
and "Ｂｏｂ Brown" are one name everywhere.
"""

from __future__ import annotations

import re
import unicodedata

from .verbatim import fold

INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e0fff]")
"""Unicode's default-ignorable code points (DerivedCoreProperties.txt): zero-width space and
joiners, bidi marks and overrides, soft hyphen, word joiner, byte order mark, Hangul fillers,
variation selectors, tags. They print as nothing: a name made of them is blank, and a name with
them is the same name without them."""


def visible(text: str) -> str:
    """text without its invisible characters."""
    return INVISIBLE.sub("", text)


def identity(name: str) -> str:
    """The form in which two names are compared: compatibility-composed (NFKC: full-width and
    ligature letters as plain ones), invisible characters removed, quotes and dashes folded,
    casefolded, runs of whitespace as one space."""
    text = visible(unicodedata.normalize("NFKC", name))
    return " ".join(fold(text).casefold().split())
