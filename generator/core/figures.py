"""Figures in a wording, read as numbers before any folding.

Folding drops punctuation, and punctuation is part of a number: "1.5 million" and "15 million",
"-5" and "5", "3.14" and "314", "10:07" and "1007" would fold to one wording. So each figure is
read first, with its sign, decimals, thousands separators, scale word (million), unit (percent,
degrees, a currency sign) and, for a time of day, a.m./p.m.; it stands in the folded form as one
token that keeps its value, and only the words around it are folded. Two wordings whose figures
differ never fold to one.

Numbers are read in English notation: a comma before exactly three digits groups thousands
("1,500" is 1500) and a point marks decimals; any other comma separates two numbers ("1,5" is 1
and 5). The same value written two ways with the same words ("1,500" and "1500", "5%" and "5
percent", "minus 5" and "-5") is one token; written with a scale word or without ("1.5 million",
"1,500,000") it is two tokens, which `same_value` then shows to be the same figure.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from .verbatim import fold

_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000}
_UNITS = {"%": "percent", "percent": "percent", "per cent": "percent", "pct": "percent",
          "°": "degrees", "degree": "degrees", "degrees": "degrees"}

FIGURE = re.compile(r"""
    (?<!\w)(?<!\w\.)(?<![^\W\d_]-)                    # not the tail of a word, of a number
                                                      # ("3.14", "v.2") or of a name ("G-20",
                                                      # "F-16"); after an ellipsis ("..0"), one
    (?:
      (?P<clock>\d{1,2}:\d{2}(?::\d{2})?)(?!\d)       # a time of day: 10:07, 22:07:30
      (?:\s*(?P<clock_half>a\.?\s?m\b\.?|p\.?\s?m\b\.?))?
    |
      (?P<sign>-(?=[$€£¥₽\d.])|(?:minus|negative)\s+)?
      (?P<currency>[$€£¥₽])?
      (?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)(?!\d)
      (?:\s*(?P<half>a\.\s?m\.|p\.\s?m\.|[ap]m\b))?
      (?:[\s-]*(?P<scale>hundred|thousand|million|billion|trillion)\b)?
      (?:\s*(?P<unit>%|per\s?cent\b|pct\b|°|degrees?\b)(?:\s*(?P<scalename>celsius|fahrenheit|[cf]\b))?)?
      (?P<below>\s+below\s+zero\b)?
    )
""", re.VERBOSE)
"""One figure in folded, case-folded text. The sign is a minus only where it opens the figure
("-5", not the hyphen of "G-20" or of the range "10-12")."""


@dataclass(frozen=True)
class Figure:
    """One figure as read from a wording."""

    token: str
    """Its form in the folded wording: the value as written, with its scale word and unit
    ("1.5 million", "-5 degrees", "10:07", "10:00 pm")."""
    value: Decimal | None
    """The number with its scale applied (1.5 million: 1500000); None for a time of day."""
    unit: str
    """'percent', 'degrees c', a currency sign, 'time' for a time of day, or ''."""
    as_written: bool = False
    """Digits with leading zeros ("000"): compared as written, never as a value."""

    @property
    def same_value_key(self) -> tuple[str, str]:
        """What two writings of one figure share (1.5 million and 1,500,000)."""
        if self.value is None or self.as_written:
            return (self.unit, self.token)
        return (self.unit, _plain(self.value))


def _plain(value: Decimal) -> str:
    value = value.normalize()
    return "0" if value == 0 else format(value, "f")


def _numerals_kept(text: str) -> str:
    """Unicode normalisation (NFKC) turns '²' into '2' and '½' into '1⁄2': characters that are
    numbers but not digits are marked instead (by code point), so that '10²' never reads as
    '102' and `numbers` still counts them."""
    return "".join(f" numeral{ord(ch)} "
                   if not ch.isdecimal() and unicodedata.numeric(ch, None) is not None else ch
                   for ch in text)


def prepared(text: str) -> str:
    """The text figures are read from: folded (quote marks, dashes), case-folded, NFKC."""
    return unicodedata.normalize("NFKC", _numerals_kept(fold(text)).casefold())


def _figure(match: re.Match[str]) -> Figure:
    if match.group("clock"):
        return _clock(match.group("clock"), match.group("clock_half"))
    if match.group("half") and not (match.group("scale") or match.group("unit")
                                    or match.group("currency") or match.group("sign")):
        number = match.group("number")
        if number.isdigit() and int(number) <= 12:
            return _clock(f"{number}:00", match.group("half"))
    number = Decimal(match.group("number").replace(",", ""))
    negative = bool(match.group("sign")) != bool(match.group("below"))
    written = -number if negative else number
    scale = match.group("scale") or ""
    value = written * _SCALES.get(scale, 1)
    unit = _UNITS.get(" ".join((match.group("unit") or "").split()), "")
    if unit == "degrees" and match.group("scalename"):
        unit += " " + match.group("scalename")[0]
    currency = match.group("currency") or ""
    digits = match.group("number")
    # Leading zeros are kept as written ("1 000 000" is not "1 0 0"); any other way of writing
    # one value ("1,500", "1500.0") is its plain value.
    as_written = digits.isdigit() and len(digits) > 1 and digits[0] == "0"
    if as_written:
        shown = ("-" if negative else "") + digits
    else:
        shown = _plain(written)
    token = " ".join(part for part in (currency + shown, scale, unit) if part)
    if match.group("half"):
        token += " " + match.group("half").replace(".", "").replace(" ", "")
    return Figure(token, value, " ".join(part for part in (currency, unit) if part), as_written)


def _clock(clock: str, half: str | None) -> Figure:
    parts = [int(part) for part in clock.split(":")]
    marker = (half or "").replace(".", "").replace(" ", "")
    token = ":".join(f"{part:02d}" for part in parts) + (f" {marker}" if marker else "")
    return Figure(token, None, "time")


def figures(text: str) -> list[Figure]:
    """Every figure of a wording, in order."""
    return [_figure(match) for match in FIGURE.finditer(prepared(text))]


NUMBER_WORDS = frozenset({
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    "hundred", "thousand", "million", "billion", "trillion", "dozen", "half", "quarter", "first",
    "second", "third", "once", "twice"})
"""Numbers spelled out: counted by `numbers` as written, so "five million" and "fifty million"
are different numbers too."""


def numbers(text: str) -> list[tuple[str, str]]:
    """Every number of a wording: figures by value and unit, the digits of names ("G20", "F-16")
    and numbers spelled out, as written; what `figures` leaves out still tells F-15 from F-16."""
    found: list[tuple[str, str]] = []
    for part in split(prepared(text)):
        if isinstance(part, Figure):
            found.append(part.same_value_key)
        else:
            found += [("name", digits) for digits in re.findall(r"\d+", words_only(part))]
            found += [("word", word) for word in re.findall(r"[^\W\d_]+", part)
                      if word in NUMBER_WORDS]
    return found


def words_only(text: str) -> str:
    """Text between figures as wordings are compared (compare_rules.normalise): punctuation
    dropped, hyphens and slashes as spaces; so a name's digits read as its wording folds them
    ("A1.62" and "A162" are one wording, and one name)."""
    text = "".join(ch if ch.isalnum() or ch.isspace() else " " if ch in "-/" else "" for ch in text)
    return " ".join(text.split())


def split(text: str) -> list[str | Figure]:
    """A prepared text cut into runs of words (str) and figures."""
    parts: list[str | Figure] = []
    at = 0
    for match in FIGURE.finditer(text):
        parts += [text[at:match.start()], _figure(match)]
        at = match.end()
    parts.append(text[at:])
    return parts
