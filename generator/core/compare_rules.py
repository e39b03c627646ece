"""The rules that find two differently worded reports consistent, and the normal form that
finds them the same (compare.py groups and decides with them).

Each rule returns the reason it holds, in words a reader can check, or None.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from decimal import Decimal
from typing import NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .figures import FIGURE, Figure, figures, numbers, prepared, split, words_only
from .models import FactReport

# --- normalising ------------------------------------------------------------------------------

def normalise(text: str) -> str:
    """Words only: folded quote marks and dashes, case, punctuation and spacing dropped; every
    figure read first and kept as its value ("1.5 million" never folds to "15 million")."""
    parts = (part.token if isinstance(part, Figure) else _words(part)
             for part in split(prepared(text)))
    return " ".join(part for part in parts if part)


def _value_form(text: str) -> str:
    """`normalise` with each figure as its bare value: one form for "1.5 million troops" and
    "1,500,000 troops"."""
    parts = (" ".join(part.same_value_key) if isinstance(part, Figure) else _words(part)
             for part in split(prepared(text)))
    return " ".join(part for part in parts if part)


_words = words_only


def report_key(report: FactReport) -> tuple:
    """What two reports must share to count as the same version."""
    if report.minutes is not None:
        return ("minutes", report.minutes)
    if report.time is not None:
        return ("time", report.time, (report.timezone or "").lower(), _qualifier(report.value)[0])
    return ("text", normalise(report.value))


# --- rules ------------------------------------------------------------------------------------

_NUMBER_WORDS: dict[str, int | Decimal] = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10, "twelve": 12, "twenty": 20,
                 "thirty": 30, "forty": 40, "fifty": 50, "ninety": 90, "half an": Decimal("0.5")}

_QUALIFIERS = [
    # (words, low factor, high factor) applied to the stated figure
    (("nearly", "almost", "just under", "close to", "less than", "under"), "0.75", "1.0"),
    (("just over", "more than", "over", "past", "after", "just after", "upwards of"), "1.0", "1.25"),
    (("roughly", "about", "around", "approximately", "some"), "0.8", "1.2"),
]
"""Approximation words and the range of values they allow around the figure they qualify. A
range is deliberately generous: the rule only has to tell a consistent approximation from a
clash ("nearly an hour" holds 50 minutes; "nearly an hour" does not hold 120)."""

ROUND_HOURS = (Decimal("0.9"), Decimal("1.1"))
"""A bare round duration ("one hour", "two hours", "half an hour": whole or half hours with no
qualifier) is read as an approximation within a tenth of its figure: "one hour" holds 62
minutes, not 70. Minutes and every other figure are read as stated."""

_QUALIFIER_RE = re.compile(r"^(" + "|".join(
    sorted((w for words, _, _ in _QUALIFIERS for w in words), key=len, reverse=True)) + r")\b")

_DURATION_RE = re.compile(r"(\d+(?:\.\d+)?|half an|an|a|one|two|three|four|five|six|seven|eight|"
                          r"nine|ten|twelve|twenty|thirty|forty|fifty|ninety)[\s-]+"
                          r"(hours?|minutes?)\b")
_VAGUE_COUNTS = {"tens of thousands": (10_000, 99_999), "hundreds of thousands": (100_000, 999_999),
                 "thousands": (1_000, 9_999), "hundreds": (100, 999)}


class Quantity(NamedTuple):
    """The values a report's words allow."""

    unit: str
    """'minutes', 'count', or a figure's unit ('percent', 'degrees', '$')."""
    low: Decimal
    high: Decimal
    round: bool = False
    """A bare round figure read as an approximation (ROUND_HOURS)."""


def _qualifier(value: str) -> tuple[str, Decimal, Decimal]:
    text = normalise(value)
    match = _QUALIFIER_RE.match(text)
    if match:
        for words, low, high in _QUALIFIERS:
            if match.group(1) in words:
                return match.group(1), Decimal(low), Decimal(high)
    return "", Decimal(1), Decimal(1)


def _range(unit: str, amount: Decimal, low: Decimal, high: Decimal,
           round_: bool = False) -> Quantity:
    ends = sorted((amount * low, amount * high))  # a negative figure turns the range round
    return Quantity(unit, ends[0], ends[1], round_)


def quantity(report: FactReport | str) -> Quantity | None:
    """The (unit, low, high) a report's words allow; None when it states no quantity."""
    value = report if isinstance(report, str) else report.value
    minutes = None if isinstance(report, str) else report.minutes
    if not isinstance(report, str) and report.time is not None:
        return None  # a clock time is compared by same_instant_rule
    qualifier, low, high = _qualifier(value)
    text = prepared(value).strip()
    if re.search(r"\d:\d\d", text) or len(numbers(value)) > 1:
        return None  # a clock time, or several numbers: not one quantity
    if minutes is not None:
        return _range("minutes", Decimal(minutes), low, high)
    # The figure must open the value (after its qualifier): a digit further on ("the Blue Room
    # 1.") is no quantity.
    text = text[len(qualifier):].lstrip() if qualifier and text.startswith(qualifier) else text
    duration = _DURATION_RE.match(text)
    if duration:
        figure = duration.group(1)
        amount = Decimal(_NUMBER_WORDS[figure] if not figure[0].isdigit() else figure)
        hours = duration.group(2).startswith("hour")
        if hours and not qualifier and (amount * 2) == (amount * 2).to_integral_value():
            return _range("minutes", amount * 60, *ROUND_HOURS, True)
        return _range("minutes", amount * (60 if hours else 1), low, high)
    for words, (vague_low, vague_high) in _VAGUE_COUNTS.items():
        if text.startswith(words):
            return Quantity("count", Decimal(vague_low), Decimal(vague_high))
    match = FIGURE.match(text)
    if match is None:
        return None
    (figure,) = figures(match.group())
    if figure.value is None:
        return None
    return _range(figure.unit or "count", figure.value, low, high)


def approximation_rule(a: FactReport, b: FactReport) -> str | None:
    """An approximation that contains the other's figure, or two approximations that overlap."""
    qa, qb = quantity(a), quantity(b)
    if qa is None or qb is None or qa[0] != qb[0]:
        return None
    if qa.low <= qb.high and qb.low <= qa.high:
        if qa.low == qa.high or qb.low == qb.high:
            (precise, _), (rough, q) = sorted(((a, qa), (b, qb)), key=lambda r: r[1].low != r[1].high)
            if rough is precise or (q.low == q.high):
                return f"“{a.value}” and “{b.value}” state the same figure"
            if q.round:
                return f"“{rough.value}” is a round figure, and holds “{precise.value}”"
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


NEGATIONS = {"no", "not", "never", "neither", "nor", "without", "nothing", "none", "nobody",
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
    if NEGATIONS.intersection(rest):
        return None
    return f"“{short_text}” is an excerpt of “{long_text}”"


def same_figures(a: str, b: str) -> bool:
    """The two wordings give the same numbers, in the same order, with the same units (each
    value compared, however written)."""
    return numbers(a) == numbers(b)


def other_figures(a: str, b: str) -> bool:
    """Each wording gives a number the other does not: different figures, not a part quoted
    without its figure ("over the past 30 years" and a part of the remark without it)."""
    na, nb = Counter(numbers(a)), Counter(numbers(b))
    return bool(na - nb) and bool(nb - na)


def same_value_rule(a: str, b: str) -> str | None:
    """The same words and the same figures, one figure written two ways ("1.5 million",
    "1,500,000")."""
    if normalise(a) != normalise(b) and _value_form(a) == _value_form(b):
        return f"“{a}” and “{b}” are the same figure, written two ways"
    return None


_DAY_PARTS = {"early morning": (240, 540), "late morning": (540, 720), "morning": (240, 720),
              "midday": (660, 780), "early afternoon": (720, 900), "late afternoon": (900, 1110),
              "afternoon": (720, 1110), "early evening": (1020, 1200), "late evening": (1200, 1440),
              "evening": (1020, 1440), "overnight": (1260, 1800), "night": (1200, 1740)}
"""Parts of the day as approximations of a clock time, in minutes after midnight (past 1440:
the next morning). Generous: they only have to tell "morning" from "evening"."""
_DAY_PART_RE = re.compile(r"\b(" + "|".join(sorted(_DAY_PARTS, key=len, reverse=True)) + r")\b")


def _day_part(report: FactReport) -> tuple[str, tuple[int, int]] | None:
    if report.time is not None or figures(report.value):
        return None
    match = _DAY_PART_RE.search(normalise(report.value))
    return (match.group(1), _DAY_PARTS[match.group(1)]) if match else None


def _clock_minutes(report: FactReport) -> int | None:
    if report.time is not None:
        hour, minute = map(int, report.time.split(":"))
        return hour * 60 + minute
    clocks = [f.token for f in figures(report.value) if f.unit == "time"]
    if len(clocks) != 1:
        return None
    clock, _, half = clocks[0].partition(" ")
    hour, minute = (int(part) for part in clock.split(":")[:2])
    if half:
        hour = hour % 12 + (12 if half == "pm" else 0)
    return hour * 60 + minute


def day_part_rule(a: FactReport, b: FactReport, day: dt.date | None) -> str | None:
    """A part of the day ("Tuesday morning") that holds the other's clock time, in the same
    time zone (or converted to it on the call's day), or two parts of the day that overlap."""
    for part_report, other in ((a, b), (b, a)):
        part = _day_part(part_report)
        if part is None:
            continue
        other_part = _day_part(other)
        if other_part is not None:
            if _same_zone(part_report, other) and _circular_overlap(part[1], other_part[1]):
                return f"“{a.value}” and “{b.value}” are parts of the day that overlap"
            return None
        minutes = _clock_minutes(other)
        if minutes is None:
            return None
        if not _same_zone(part_report, other):
            minutes = _in_zone(other, minutes, part_report.timezone, day)
            if minutes is None:
                return None
        if _circular_overlap(part[1], (minutes, minutes)):
            return (f"“{part_report.value}” holds “{other.value}” "
                    f"({minutes // 60:02d}:{minutes % 60:02d} is in the {part[0]})")
        return None
    return None


def _same_zone(a: FactReport, b: FactReport) -> bool:
    return (a.timezone or "").lower() == (b.timezone or "").lower()


def _in_zone(report: FactReport, minutes: int, zone: str | None, day: dt.date | None) -> int | None:
    """A clock time of `report` in another time zone, on the call's day; None when either zone
    is not an IANA name (or unknown) or the day is not known."""
    if day is None or not report.timezone or not zone:
        return None
    try:
        there = dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60),
                                    tzinfo=ZoneInfo(report.timezone)).astimezone(ZoneInfo(zone))
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return there.hour * 60 + there.minute
