"""Site-wide listings: what they list, in which order, and how they read.

The timeline mixes calls (dated to the day) with events dated to the day, the month or only the
year. An entry known only to a month or a year sorts after every entry dated within that period,
since it may have happened on its last day; read "December 2021 (day not given)", it does not
pass for the 1st.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..corpus import Corpus
from ..link import Key
from ..models import Claim
from .dates import display_date

_LAST = 99
"""Sorts an unknown month or day after every real one."""


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
    """(year, month, day), an unknown month or day last within its year or month."""
    if isinstance(value, dt.date):
        return value.year, value.month, value.day
    parts = [int(part) for part in value.split("-")]
    year, month, day = (parts + [_LAST, _LAST])[:3]
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
