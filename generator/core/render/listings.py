"""Site-wide listings: what they list, in which order, and how they split (their pages are made
in builders.py).

Timeline, quotes and coverage are split by period (`urls.LISTINGS`): an index page lists the
periods, each period has its page. At one call every three days (the benchmark's corpus) a month
of quotes or coverage is about 40 kB of HTML and a year of timeline about 150 kB, whatever the
size of the corpus.

The timeline mixes calls (dated to the day) with events dated to the day, the month or only the
year. An entry known only to a month or a year sorts before every entry dated within that period,
at the earliest day it can stand for, as Wikidata orders dates of lower precision; read
"December 2021 (day not given)", it does not pass for the 1st. Sorting it last made it read as
the latest news (a list of demands delivered "earlier this month" shown after the call of the
30th on the home page).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from ..corpus import Corpus
from ..link import Key
from ..models import Claim
from ..urls import LISTINGS, PagePath, listing_path
from .dates import display_date

if TYPE_CHECKING:
    from .site import Site

T = TypeVar("T")

_FIRST = 0
"""Sorts an unknown month or day before every real one."""


@dataclass(frozen=True)
class TimelineEntry:
    when: str
    """The date as the reader reads it: '7 December 2021', 'December 2021 (day not given)'."""
    key: Key
    """The call or event."""
    line: Claim
    """The one line that says what it was: a call's first summary line, an event's first line
    of description (each cited)."""


def timeline_order(value: dt.date | str) -> tuple[int, int, int]:
    """(year, month, day), an unknown month or day first within its year or month."""
    if isinstance(value, dt.date):
        return value.year, value.month, value.day
    parts = [int(part) for part in value.split("-")]
    year, month, day = (parts + [_FIRST, _FIRST])[:3]
    return year, month, day


def timeline_date(value: dt.date | str) -> str:
    """'7 December 2021', 'December 2021 (day not given)', '2021 (month and day not given)'."""
    missing = {1: " (month and day not given)", 2: " (day not given)"}
    parts = 3 if isinstance(value, dt.date) else len(value.split("-"))
    return display_date(value) + missing.get(parts, "")


def timeline(corpus: Corpus) -> list[TimelineEntry]:
    """Every call and event in true order (see the module's docstring); on the same date, calls
    first, then by id."""
    items = [(call.date, Key("calls", id_), call.summary[0])
             for id_, call in ((i, corpus.get("calls", i)) for i in corpus.records["calls"])]
    items += [(event.date, Key("events", id_), event.description[0])
              for id_, event in ((i, corpus.get("events", i)) for i in corpus.records["events"])]
    items.sort(key=lambda item: (timeline_order(item[0]), item[1].kind, item[1].id))
    return [TimelineEntry(timeline_date(date), key, line) for date, key, line in items]


@dataclass(frozen=True)
class Period:
    key: str
    """'2021' or '2021-12'."""
    title: str
    """'2021' or 'December 2021'."""
    path: PagePath
    """The period's page: `quotes/2021-12.md`."""
    count: int
    """How many entries (timeline entries, quotes, calls) it lists."""


def period_of(value: dt.date | str, unit: str) -> str:
    """The year ('2021') or month ('2021-12') of a date or partial date; a date known only to
    the year has no month and files under its year's last month."""
    text = value.isoformat() if isinstance(value, dt.date) else value
    if unit == "year":
        return text[:4]
    return text[:7] if len(text) >= 7 else f"{text[:4]}-12"


def period_title(key: str) -> str:
    return display_date(key)


def split(name: str, items: Iterable[T],
          when: Callable[[T], dt.date | str]) -> list[tuple[Period, list[T]]]:
    """Items grouped by the period of `name` (urls.LISTINGS), oldest period first, each group
    in the items' order."""
    return group(items, lambda item: period_of(when(item), LISTINGS[name]),
                 lambda key: listing_path(name, key), period_title)


def group(items: Iterable[T], slug_of: Callable[[T], str], path_of: Callable[[str], PagePath],
          title_of: Callable[[str], str],
          order: Callable[[str], Any] = lambda slug: slug) -> list[tuple[Period, list[T]]]:
    """Items grouped by slug (a period, a letter), each group a Period with its page and count,
    in `order` of the slugs, each group in the items' order."""
    groups: dict[str, list[T]] = {}
    for item in items:
        groups.setdefault(slug_of(item), []).append(item)
    return [(Period(key, title_of(key), path_of(key), len(groups[key])), groups[key])
            for key in sorted(groups, key=order)]


Members = tuple
"""What one period page lists, as ids (and the quotes themselves), in the page's order:
timeline, Keys; quotes, (speaker, ((call id, quote), ...)) per speaker; disagreements and
coverage, call ids."""


def neighbours(keys: Sequence[str], key: str,
               period: Callable[[str], Period]) -> tuple[Period | None, Period | None]:
    """The parts before and after `key` among a split page's parts (periods, letters), for the
    links at the top and bottom of each part; None at either end."""
    i = keys.index(key)
    return (period(keys[i - 1]) if i else None,
            period(keys[i + 1]) if i + 1 < len(keys) else None)


def listing_index(site: Site) -> tuple[dict[str, tuple[str, ...]], dict[PagePath, Members]]:
    """Which records each period page lists, built once from the whole corpus: (listing name ->
    its periods' keys, oldest first; period page path -> its members). Each page then reads
    only its own entry, so that `briefing serve` re-renders only the periods an edit touches."""
    corpus = site.corpus
    groups: dict[str, list[tuple[Period, Members]]] = {}
    entries = timeline(corpus)
    dates = {entry.key: site.graph.record(entry.key).date for entry in entries}
    groups["timeline"] = [(period, tuple(entry.key for entry in group)) for period, group in
                          split("timeline", entries, lambda entry: dates[entry.key])]
    call_date = {c: corpus.get("calls", c).date for c in site.graph.calls_in_order}
    speakers = site.quotes_by_speaker()
    quotes = [(speaker, call_id, quote) for speaker, items in speakers for call_id, quote in items]
    groups["quotes"] = []
    for period, group in split("quotes", sorted(quotes, key=lambda q: call_date[q[1]]),
                               lambda q: call_date[q[1]]):
        by_speaker: dict[str | None, list] = {}
        for speaker, call_id, quote in group:
            by_speaker.setdefault(speaker, []).append((call_id, quote))
        groups["quotes"].append((period, tuple((speaker, tuple(by_speaker[speaker]))
                                               for speaker, _ in speakers
                                               if speaker in by_speaker)))
    calls = split("coverage", site.graph.calls_in_order, call_date.__getitem__)
    groups["disagreements"] = groups["coverage"] = [(period, tuple(ids)) for period, ids in calls]
    periods = {name: tuple(period.key for period, _ in groups.get(name, ())) for name in LISTINGS}
    members = {listing_path(name, period.key): found
               for name in LISTINGS for period, found in groups.get(name, ())}
    return periods, members


def timeline_entry(site: Site, key: Key) -> TimelineEntry:
    record = site.graph.record(key)
    line = record.summary[0] if key.kind == "calls" else record.description[0]
    return TimelineEntry(timeline_date(record.date), key, line)
