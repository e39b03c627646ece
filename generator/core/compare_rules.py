"""The rules that find two differently worded reports consistent, and the normal form that
finds them the same (compare.py groups and decides with them).

Each rule returns the reason it holds, in words a reader can check, or None.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .models import FactReport
from .verbatim import fold

# --- normalising ------------------------------------------------------------------------------

def normalise(text: str) -> str:
    """Words only: folded quote marks and dashes, case, punctuation and spacing dropped."""
    text = fold(text).casefold()
    text = "".join(ch if ch.isalnum() or ch.isspace() else " " if ch in "-/" else ""
                   for ch in unicodedata.normalize("NFKC", text))
    return " ".join(text.split())


def report_key(report: FactReport) -> tuple:
    """What two reports must share to count as the same version."""
    if report.minutes is not None:
        return ("minutes", report.minutes)
    if report.time is not None:
        return ("time", report.time, (report.timezone or "").lower(), _qualifier(report.value)[0])
    return ("text", normalise(report.value))


# --- rules ------------------------------------------------------------------------------------

_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10, "twelve": 12, "twenty": 20,
                 "thirty": 30, "forty": 40, "fifty": 50, "ninety": 90, "half an": 0.5}

_QUALIFIERS = [
    # (words, low factor, high factor) applied to the stated figure
    (("nearly", "almost", "just under", "close to", "less than", "under"), 0.75, 1.0),
    (("just over", "more than", "over", "past", "after", "just after", "upwards of"), 1.0, 1.25),
    (("roughly", "about", "around", "approximately", "some"), 0.8, 1.2),
]
"""Approximation words and the range of values they allow around the figure they qualify. A
range is deliberately generous: the rule only has to tell a consistent approximation from a
clash ("nearly an hour" holds 50 minutes; "nearly an hour" does not hold 120)."""

_QUALIFIER_RE = re.compile(r"^(" + "|".join(
    sorted((w for words, _, _ in _QUALIFIERS for w in words), key=len, reverse=True)) + r")\b")

_DURATION_RE = re.compile(r"(\d+(?:\.\d+)?|half an|an|a|one|two|three|four|five|six|seven|eight|"
                          r"nine|ten|twelve|twenty|thirty|forty|fifty|ninety)[\s-]+"
                          r"(hours?|minutes?)\b")
_COUNT_RE = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)(?:\s+(thousand|million))?")
_VAGUE_COUNTS = {"tens of thousands": (10_000, 99_999), "hundreds of thousands": (100_000, 999_999),
                 "thousands": (1_000, 9_999), "hundreds": (100, 999)}


def _qualifier(value: str) -> tuple[str, float, float]:
    text = normalise(value)
    match = _QUALIFIER_RE.match(text)
    if match:
        for words, low, high in _QUALIFIERS:
            if match.group(1) in words:
                return match.group(1), low, high
    return "", 1.0, 1.0


def quantity(report: FactReport | str) -> tuple[str, float, float] | None:
    """(unit, low, high) a report's words allow: 'minutes' or 'count'; None when it states none."""
    value = report if isinstance(report, str) else report.value
    minutes = None if isinstance(report, str) else report.minutes
    if not isinstance(report, str) and report.time is not None:
        return None  # a clock time is compared by same_instant_rule
    qualifier, low, high = _qualifier(value)
    text = fold(value).casefold().strip()
    if re.search(r"\d:\d\d", text):
        return None
    if minutes is not None:
        return ("minutes", minutes * low, minutes * high)
    # The figure must open the value (after its qualifier): a digit further on ("the Blue Room
    # 1.") is no quantity.
    text = text[len(qualifier):].lstrip() if qualifier and text.startswith(qualifier) else text
    duration = _DURATION_RE.match(text)
    if duration:
        figure = duration.group(1)
        amount = float(_NUMBER_WORDS.get(figure, figure) if not figure[0].isdigit() else figure)
        amount *= 60 if duration.group(2).startswith("hour") else 1
        return ("minutes", amount * low, amount * high)
    for words, (vague_low, vague_high) in _VAGUE_COUNTS.items():
        if text.startswith(words):
            return ("count", vague_low, vague_high)
    count = _COUNT_RE.match(text)
    if count:
        amount = float(count.group(1).replace(",", ""))
        amount *= {"thousand": 1_000, "million": 1_000_000}.get(count.group(2) or "", 1)
        return ("count", amount * low, amount * high)
    return None


def approximation_rule(a: FactReport, b: FactReport) -> str | None:
    """An approximation that contains the other's figure, or two approximations that overlap."""
    qa, qb = quantity(a), quantity(b)
    if qa is None or qb is None or qa[0] != qb[0]:
        return None
    if qa[1] <= qb[2] and qb[1] <= qa[2]:
        if qa[1] == qa[2] or qb[1] == qb[2]:
            precise, rough = (a, b) if qa[1] == qa[2] else (b, a)
            return f"“{rough.value}” includes “{precise.value}”"
        return f"“{a.value}” and “{b.value}” are approximations that overlap"
    return None


def _utc_range(report: FactReport, day: dt.date) -> tuple[int, int] | None:
    """The minutes of the (UTC) day a clock-time report allows, on the call's day."""
    if report.time is None or not report.timezone:
        return None
    try:
        zone = ZoneInfo(report.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return None  # a zone as the source words it ("Eastern time") cannot be converted
    hour, minute = map(int, report.time.split(":"))
    local = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=zone)
    utc = local.astimezone(dt.UTC)
    start = utc.hour * 60 + utc.minute
    qualifier, _, _ = _qualifier(report.value)
    spans = {"": (0, 0), "past": (0, 60), "after": (0, 60), "just after": (0, 30),
             "just over": (0, 30), "over": (0, 60), "nearly": (-30, 0), "almost": (-30, 0),
             "just under": (-30, 0), "about": (-15, 15), "around": (-15, 15),
             "roughly": (-15, 15), "approximately": (-15, 15)}
    low, high = spans.get(qualifier, (0, 0))
    return start + low, start + high


def _circular_overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return any(a[0] <= b[1] + shift and b[0] + shift <= a[1] for shift in (-1440, 0, 1440))


def same_instant_rule(a: FactReport, b: FactReport, day: dt.date | None) -> str | None:
    """Two clock times in different time zones that can be the same moment."""
    if day is None or (a.timezone or "").lower() == (b.timezone or "").lower():
        return None
    ra, rb = _utc_range(a, day), _utc_range(b, day)
    if ra is None or rb is None or not _circular_overlap(ra, rb):
        return None
    assert a.time and a.timezone and b.timezone  # _utc_range gives None without them
    hour, minute = map(int, a.time.split(":"))
    there = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=ZoneInfo(a.timezone)) \
        .astimezone(ZoneInfo(b.timezone))
    return (f"the same moment: “{a.value}” ({a.timezone}) is {there:%H:%M} in {b.timezone}, "
            f"“{b.value}”")


_NEGATIONS = {"no", "not", "never", "neither", "nor", "without", "nothing", "none", "nobody",
              "dont", "doesnt", "didnt", "wont", "cant", "isnt", "wasnt", "arent", "werent",
              "hasnt", "havent", "wouldnt", "shouldnt"}
"""Words that turn a wording into its opposite (apostrophes are dropped by `normalise`)."""


def excerpt_rule(a: str, b: str) -> str | None:
    """One wording stands word for word inside the other, and the rest does not negate it
    ("guarantees" is no excerpt of "no guarantees")."""
    na, nb = normalise(a), normalise(b)
    if not na or not nb or na == nb:
        return None
    short, long_, short_text, long_text = (na, nb, a, b) if len(na) < len(nb) else (nb, na, b, a)
    padded = f" {long_} "
    at = padded.find(f" {short} ")
    if at < 0:
        return None
    rest = (padded[:at] + " " + padded[at + len(short) + 2:]).split()
    if _NEGATIONS.intersection(rest):
        return None
    return f"“{short_text}” is an excerpt of “{long_text}”"
