"""Which calls of the corpus the article covers, and the call to create when it covers none."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from typing import Any

from .metadata import DAY_MENTION, MONTHS, WEEKDAY_MENTION, WEEKDAYS
from .model import Candidate, Draft

FORMATS = {"video": re.compile(r"\bvideo\s+(?:call|link|conference|summit)\b|\bby video\b", re.I),
           "phone": re.compile(r"\b(?:tele)?phone\s+call\b|\bby\s+(?:tele)?phone\b", re.I)}


def _days(text: str) -> list[tuple[int | None, int, int | None, str]]:
    days = []
    for match in DAY_MENTION.finditer(text):
        groups = match.groupdict()
        month = MONTHS.get((groups.get("mon") or groups.get("mon2") or "").lower().rstrip("."))
        year = groups.get("year") or groups.get("year2")
        days.append((month, int(groups.get("day") or groups.get("day2") or ""),
                     int(year) if year else None, match.group()))
    return days


def candidate_calls(draft: Draft, text: str, corpus: Any) -> None:
    published = draft.published.value if draft.published else None
    days = _days(text)
    weekdays = {m.group(1) for m in WEEKDAY_MENTION.finditer(text)}
    mentioned_actors = set(draft.mentions.get("actors", {}))
    for loaded in corpus.loaded("calls"):
        call = loaded.record
        reasons, strong = [], False
        participants = {p.actor for p in call.participants}
        names_all = participants <= mentioned_actors
        if loaded.id in draft.mentions.get("calls", {}):
            reasons.append("gives its title")
            strong = True
        for month, day, year, shown in days:
            if (month, day) == (call.date.month, call.date.day) and (
                    year == call.date.year if year else
                    published is None or abs((published - call.date).days) < 180):
                reasons.append(f"names its date ({shown})")
                strong = True
                break
        weekday = WEEKDAYS[call.date.weekday()]
        if published is not None and 0 <= (published - call.date).days <= 6:
            if published == call.date:
                reasons.append(f"was published the day of the call ({published})")
            if weekday in weekdays:
                reasons.append(f"names its weekday ({weekday}) within a week before publication")
                strong = True
        elif weekday in weekdays:
            reasons.append(f"names its weekday ({weekday}); the publication date is unknown")
        if names_all:
            reasons.append("names all its participants")
        elif participants & mentioned_actors:
            reasons.append("names some of its participants")
        if reasons and (strong or names_all):
            draft.candidates.append(Candidate(loaded.id, reasons, chosen=strong and names_all))
    if not draft.calls:
        draft.new_call = new_call_command(draft, text)


def call_day(draft: Draft, text: str) -> dt.date | None:
    """The day the article's call most likely took place: a weekday it names within the week
    before publication (the latest such), else the publication day; None without a date."""
    if draft.published is None:
        return None
    published = draft.published.value
    for month, day, year, _ in _days(text):
        if month is None:  # a day without its month names no date
            continue
        try:
            named = dt.date(year or published.year, month, day)
        except ValueError:
            continue
        if 0 <= (published - named).days <= 6:
            return named
    named_weekdays = {m.group(1) for m in WEEKDAY_MENTION.finditer(text)}
    for back in range(7):
        day = published - dt.timedelta(days=back)
        if WEEKDAYS[day.weekday()] in named_weekdays:
            return day
    return published


def new_call_command(draft: Draft, text: str) -> str | None:
    """`briefing new call <date>-<surnames>-<format>-call` for the call the article reports,
    from its date and the two actors it names most, in the order it first names them (the
    corpus names calls so: 2021-12-30-biden-putin-phone-call)."""
    day = call_day(draft, text)
    if day is None:
        return None
    counts = Counter({actor: len(found) for actor, found in draft.mentions.get("actors", {}).items()})
    first = {actor: min(m.start for m in found)
             for actor, found in draft.mentions.get("actors", {}).items()}
    leaders = sorted((actor for actor, _ in counts.most_common(2)), key=lambda actor: first[actor])
    surnames = [actor.rsplit("-", 1)[-1] for actor in leaders]
    kind = next((name for name, pattern in FORMATS.items() if pattern.search(text)), None)
    parts = [day.isoformat(), *surnames, *([kind] if kind else []), "call"]
    return "briefing new call " + "-".join(parts)
