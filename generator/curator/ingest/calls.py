"""Which calls of the corpus the article covers, and the call to create when it reports a new one.

A corpus call is weighed by the evidence the text gives for it: the reported call's date
(`reported`), its own date named in the text ("on December 30"), its title, the same format,
the same participants. Participants alone never make a candidate: two Biden–Putin calls are
not offered to every Biden–Putin article, nor a Biden–Putin call to a Biden–Zelenskyy article
because both say "Thursday". A call is the *reported* one when its date is the reported call's
and its participants are the same; a *recap* when the text names its earlier date and all its
participants; the source lists both (a recap counts, see the README).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .metadata import DAY_MENTION, MONTHS
from .model import Candidate, Draft
from .reported import reference_day


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
    reference = reference_day(draft)
    ref = reference.value if reference else None
    reported = draft.call
    reported_people = {pid for pid, _ in reported.participants} if reported else set()
    days = _days(text)
    mentioned = set(draft.mentions.get("actors", {}))
    for loaded in corpus.loaded("calls"):
        call = loaded.record
        participants = {p.actor for p in call.participants}
        reasons, score, dated = [], 0, False
        if loaded.id in draft.mentions.get("calls", {}):
            reasons.append("gives its title")
            score, dated = score + 3, True
        same_people = bool(reported_people) and reported_people == participants
        if reported and reported.date == call.date and same_people:
            reasons.append(f"the reported call's date ({call.date}: {reported.date_why})")
            score, dated = score + 3, True
        named = next((shown for month, day, year, shown in days
                      if (month, day) == (call.date.month, call.date.day)
                      and (year == call.date.year if year else
                           ref is None or abs((ref - call.date).days) < 180)), None)
        if named:
            reasons.append(f"names its date ({named})")
            score, dated = score + 2, True
        if not dated:
            continue  # participants alone are no evidence of which call
        if same_people:
            reasons.append("the same participants as the reported call")
            score += 2
        elif participants <= mentioned:
            reasons.append("names all its participants")
            score += 1
        else:
            missing = ", ".join(sorted(participants - mentioned))
            reasons.append(f"does not name {missing}")
            score -= 3
        if reported and reported.format and reported.format == call.format:
            reasons.append(f"the same format ({call.format})")
            score += 1
        if reported and reported.date == call.date and same_people:
            role = "reported"
        elif named and participants <= mentioned and (
                reported is None or reported.date is None or call.date < reported.date):
            role = "recap" if reported and reported.date else "named"
        else:
            role = "candidate"
        draft.candidates.append(Candidate(loaded.id, reasons, chosen=role != "candidate",
                                          role=role, score=score))
    draft.candidates.sort(key=lambda c: (-c.score, c.call))
    if not any(c.role == "reported" for c in draft.candidates) and reported:
        call_id = new_call_id(draft)
        draft.new_call = f"briefing new call {call_id}" if call_id else None


def new_call_id(draft: Draft) -> str | None:
    """`<date>-<surnames in alphabetical order>-<format>-call` for the reported call (the
    corpus names calls so: 2021-12-30-biden-putin-phone-call), from its date and participants."""
    call = draft.call
    if call is None or call.date is None or len(call.participants) < 2:
        return None
    surnames = sorted(pid.rsplit("-", 1)[-1] for pid, _ in call.participants)
    return "-".join([call.date.isoformat(), *surnames, *([call.format] if call.format else []),
                     "call"])


def call_day(draft: Draft) -> dt.date | None:
    return draft.call.date if draft.call else None
