"""The call an article reports, as far as its text gives it: date, format, participants, who
asked for it, how long it lasted, when it began and ended, each with the passage it rests on.

The reported call is the one its lead sentence tells: the first sentence that speaks of a call
("spoke by phone", "held a telephone conversation", "colloquio telefonico") and names two or
more people (known actors, or leaders named with a title: "German Chancellor Olaf Scholz").
People in its attribution tail (", Kremlin aide Yury Ushakov told reporters.") are sources,
not participants. A weekday is resolved against the reference day (published, else updated,
else the URL's date): the latest such day on or before it, so "Thursday" in an article of
Friday 31 December is 30 December and "late Wednesday" above a 12:04 a.m. Thursday dateline is
Wednesday. Without a reference day the date stays unknown and the draft names `--published`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .model import Draft, Evidence
from .pages import MONTH, TIME, ZONES, clock, dateline_end
from .quotes import quote_spans, sentence_bounds
from .speakers import TITLED, full_name

CALL_WORDS = re.compile(
    r"(?i)\b(?:spoke|speak|speaks|speaking|talked|talks?|call|conversation|summit|colloquio|telefonata|"
    r"sentiti|Telefonat|Gespräch|entretien|entretenus?|conversación)\b")
FORMATS = (("video", re.compile(r"(?i)\bvideo(?:\s*(?:call|link|conference|summit))?\b|"
                                r"\bvirtual(?:ly)?\b|\bvideoconferen\w*|videocollegamento")),
           ("phone", re.compile(r"(?i)\b(?:tele)?phone\b|\btelefon\w*|\btéléphon\w*|\bby telephone")))
WEEKDAYS = {name: index for index, names in enumerate(
    ["monday lunedì", "tuesday martedì", "wednesday mercoledì", "thursday giovedì",
     "friday venerdì", "saturday sabato", "sunday domenica"]) for name in names.split()}
RELATIVE = re.compile(r"(?i)\b(?P<rel>today|oggi|aujourd'hui|heute|yesterday|ieri|hier|gestern)\b")
WEEKDAY = re.compile(r"(?i)\b(?P<late>late\s+(?:on\s+)?)?(?P<wd>" + "|".join(WEEKDAYS) + r")\b")
DAY = re.compile(r"(?i)\b(?:(?P<mon>" + "|".join(sorted(MONTH, key=len, reverse=True)) +
                 r")\.?\s+(?P<day>\d{1,2})\b(?:,?\s+(?P<year>\d{4}))?|(?P<day2>\d{1,2})\s+"
                 r"(?P<mon2>" + "|".join(sorted(MONTH, key=len, reverse=True)) + r")\b"
                 r"(?:\s+(?P<year2>\d{4}))?)")
NOT_THE_CALL = re.compile(r"(?i)\b(?:since|before|after|until|previously|last)\s+(?:on\s+)?$")
"""Words before a day that is not the call's: 'their first conversation since Dec. 30'."""
TAIL = re.compile(r",[^,]*\b(?:said|says|told|added|according to|reported|announced)\b[^,]*$")
NUMBER = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
          "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_N = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
HEDGE = r"(?:about|nearly|almost|just over|just under|more than|over|roughly|around|some|under)"
DURATION = re.compile(
    rf"(?i)\b(?:(?P<hedge>{HEDGE})\s+)?(?:(?P<h>{_N})(?P<half>\s+and\s+a\s+half)?\s+hours?"
    rf"(?:\s+and\s+(?P<m>{_N})\s+minutes?|(?P<half2>\s+and\s+a\s+half))?|(?P<m2>\d+)(?:-|\s+)minutes?"
    rf"|half\s+an\s+hour)\b")
"""'two hours and 10 minutes', 'two and a half hours', 'an hour and a half', '50-minute'."""
START_END = re.compile(
    r"(?i)\b(?:(?P<began>began|started|starting)\s+at|(?P<ended>ended|finished|ending)\s+at|"
    r"(?P<from>from)|(?P<to>to|until))\s+(?P<time>\d{1,2}(?::\d{2})?\s*(?:a\.m\.|p\.m\.|am|pm)"
    r"|\d{1,2}:\d{2})(?:\s+(?P<zone>" + "|".join(ZONES) + r"|Eastern(?:\s+time)?|"
    r"Moscow\s+time|Beijing\s+time|GMT|UTC))?")
REQUEST = re.compile(
    r"\b[Aa]t\s+(?:the\s+)?(?:request|initiative)\s+of\s+(?:the\s+)?(?P<a>[\w .’'-]{2,40}?)"
    r"(?=[,.;]|\s+(?:and|as|on|after)\b|$)|\b[Aa]t\s+(?P<b>[A-Z][\w.’'-]{0,40}(?:\s+[A-Z][\w’'-]{0,40})?)"
    r"['’]s\s+(?:request|initiative)|\b(?:requested|initiated)\s+by\s+(?P<c>[\w .’'-]{2,40}?)"
    r"(?=[,.;]|$)|\b(?P<d>[A-Z][\w’'-]{0,40})\s+(?:had\s+)?(?:requested|asked\s+for)\s+the\s+call")
"""'at the request of X', "at X's request", 'requested by X', 'X requested the call': case
matters (a capital starts a name) and every run is bounded, so the search is linear."""
SIDES = {"american": "United States", "us": "United States", "u.s.": "United States",
         "russian": "Russia", "chinese": "China", "french": "France", "german": "Germany",
         "ukrainian": "Ukraine", "british": "United Kingdom", "italian": "Italy"}
ZONE_NAMES = {"eastern": "America/New_York", "eastern time": "America/New_York",
              "moscow time": "Europe/Moscow", "beijing time": "Asia/Shanghai"}


@dataclass
class Fact:
    """A fact of the reported call: its value, and the passage (a sentence) it rests on."""

    key: str
    label: str
    value: str
    passage: str
    minutes: int | None = None
    time: str | None = None
    timezone: str | None = None


@dataclass
class ReportedCall:
    sentence: str = ""
    """The lead sentence, verbatim."""
    date: dt.date | None = None
    date_why: str = ""
    format: str | None = None
    participants: list[tuple[str, str]] = field(default_factory=list)
    """(actor id or proposed id, name as the text gives it); known ones first found."""
    known: set[str] = field(default_factory=set)
    """The participants that are known actors."""
    requested_by: str | None = None
    facts: list[Fact] = field(default_factory=list)
    leads: list[str] = field(default_factory=list)
    """Candidate lead sentences, verbatim."""


def sentences(text: str) -> list[str]:
    """The text's sentences, verbatim, paragraph by paragraph, split as `quotes` splits them
    (quoted words and abbreviations such as 'a.m.' or 'Dec.' end none)."""
    found = []
    for paragraph in (p.strip() for p in text.splitlines()):
        if not paragraph:
            continue
        bounds = sentence_bounds(paragraph, quote_spans(paragraph)) + [len(paragraph)]
        if 0 < (start := dateline_end(paragraph)) < bounds[-1]:
            # A dateline is no part of the first sentence's claim, nor a sentence of its own
            # where it ends with a full stop ('MOSCOW, February 12. /RITA/.').
            bounds = [start] + [b for b in bounds[1:] if b > start]
        found += [paragraph[a:b].strip() for a, b in zip(bounds, bounds[1:]) if paragraph[a:b].strip()]
    return found


def _people(sentence: str, draft: Draft, names, person_id) -> list[tuple[str, str, int]]:
    """(id, name, offset) of the people a sentence names outside its attribution tail."""
    tail = TAIL.search(sentence)
    limit = tail.start() if tail else len(sentence)
    found: dict[str, tuple[str, str, int]] = {}
    for mention in names.find(sentence):
        if mention.kind == "actors" and mention.start < limit:
            found.setdefault(mention.id, (mention.id, mention.surface, mention.start))
    for titled in TITLED.finditer(sentence):
        if titled.start("name") >= limit:
            continue
        name = titled.group("name")
        if not any(start <= titled.start("name") < start + len(surface)
                   for _, surface, start in found.values()):
            found.setdefault(person_id(name), (person_id(name), name, titled.start("name")))
    return sorted(found.values(), key=lambda person: person[2])


def reference_day(draft: Draft) -> Evidence | None:
    return draft.published or draft.updated_day or draft.reference


def read_call(draft: Draft, text: str, names, person_id) -> ReportedCall:
    call = ReportedCall()
    body = sentences(text)
    headline = draft.headline.value if draft.headline else None
    for sentence in body:
        if sentence == headline or not CALL_WORDS.search(sentence):
            continue
        people = _people(sentence, draft, names, person_id)
        if len(people) >= 2:
            call.sentence = sentence
            call.participants = [(pid, name) for pid, name, _ in people]
            call.known = {pid for pid, _, _ in people if names.actor_id(pid)}
            break
    if not call.sentence:
        return call
    _date(call, draft)
    lead_index = body.index(call.sentence)
    nearby = body[lead_index:lead_index + 12]
    call.format = next((kind for kind, pattern in FORMATS if pattern.search(call.sentence)), None)
    if call.format is None:
        for sentence in nearby:
            call.format = next((k for k, p in FORMATS if p.search(sentence)), None)
            if call.format:
                break
    if call.format:
        passage = next(s for s in [call.sentence, *nearby]
                       if dict(FORMATS)[call.format].search(s))
        call.facts.append(Fact("format", "How they spoke", call.format, passage))
    _timing(call, nearby)
    _requested(call, nearby, names, text)
    call.leads = [s for s in body[lead_index:lead_index + 4] if len(s) > 40][:3]
    return call


def _date(call: ReportedCall, draft: Draft) -> None:
    reference = reference_day(draft)
    sentence = call.sentence
    ref = reference.value if reference else None
    marks = [m for pattern in (DAY, WEEKDAY, RELATIVE) for m in pattern.finditer(sentence)
             if not NOT_THE_CALL.search(sentence[max(0, m.start() - 14):m.start()])]
    for mark in sorted(marks, key=lambda m: m.start()):
        if mark.re is DAY:
            g = mark.groupdict()
            month = MONTH[(g["mon"] or g["mon2"]).lower()]
            year = int(g["year"] or g["year2"] or 0) or (ref.year if ref else None)
            if not year:
                continue
            try:
                named = dt.date(year, month, int(g["day"] or g["day2"]))
            except ValueError:
                continue
            if not g["year"] and not g["year2"] and ref and named > ref:
                named = named.replace(year=year - 1)
            call.date, call.date_why = named, f"names the day ('{mark.group()}')"
        elif ref is None or reference is None:
            continue
        elif mark.re is RELATIVE:
            back = 1 if mark.group("rel").lower() in ("yesterday", "ieri", "hier", "gestern") else 0
            call.date = ref - dt.timedelta(days=back)
            call.date_why = f"'{mark.group()}' from {reference.note()}"
        else:
            target = WEEKDAYS[mark.group("wd").lower()]
            call.date = ref - dt.timedelta(days=(ref.weekday() - target) % 7)
            call.date_why = (f"'{mark.group().strip()}': the latest {mark.group('wd')} on or "
                             f"before {ref.isoformat()} ({reference.note()})")
        break
    if call.date is None and ref is None and (WEEKDAY.search(sentence) or RELATIVE.search(sentence)):
        call.date_why = ("the text names only a weekday or 'today' and gives no publication "
                         "date: pass --published YYYY-MM-DD (or --url with a dated path)")
    if call.date is not None:
        # The value as the source states it ('Thursday'), not the day worked out from it: the
        # fact is shown as what this source says.
        words = " ".join(mark.group().split()).strip(" ,.") if mark else call.date.isoformat()
        call.facts.append(Fact("date", "When the call took place", words, sentence))


def _minutes(match: re.Match) -> int | None:
    g = match.groupdict()
    if g["m2"]:
        total = int(g["m2"])
    elif match.group().lower().endswith("half an hour"):
        total = 30
    else:
        hours = NUMBER.get(g["h"].lower()) if not g["h"].isdigit() else int(g["h"])
        minutes = (NUMBER.get(g["m"].lower()) if g["m"] and not g["m"].isdigit()
                   else int(g["m"] or 0))
        total = (hours or 0) * 60 + (30 if g["half"] or g["half2"] else 0) + (minutes or 0)
    return None if g["hedge"] else total


def _timing(call: ReportedCall, nearby: list[str]) -> None:
    for sentence in nearby:
        if not any(f.key == "duration" for f in call.facts):
            duration = DURATION.search(sentence)
            if duration and (CALL_WORDS.search(sentence) or "lasted" in sentence):
                call.facts.append(Fact("duration", "How long the call lasted",
                                       duration.group(), sentence, minutes=_minutes(duration)))
        zone = None
        marks = list(START_END.finditer(sentence))
        for mark in reversed(marks):  # a zone given once at the end applies to both times
            zone = mark.group("zone") or zone
        for mark in marks:
            key = "start" if mark.group("began") or mark.group("from") else "end"
            if any(f.key == key for f in call.facts):
                continue
            time = TIME.search(mark.group("time"))
            own = mark.group("zone") or zone
            iana = ZONES.get(own or "") or ZONE_NAMES.get((own or "").lower())
            call.facts.append(Fact(key, "When the call began" if key == "start" else
                                   "When the call ended", mark.group("time") + (f" {own}" if own else ""),
                                   sentence, time=clock(time) if time else None, timezone=iana))


def _requested(call: ReportedCall, nearby: list[str], names, text: str) -> None:
    for sentence in nearby:
        found = REQUEST.search(sentence)
        if found is None:
            continue
        who = next(g for g in found.groups() if g).strip()
        actor = _participant(call, who, names)
        if actor:
            call.requested_by = actor
            call.facts.append(Fact("requested-by", "Who asked for the call", who, sentence))
            return


def _participant(call: ReportedCall, who: str, names) -> str | None:
    """The participant a request names: by name, by alias, or by side ('the American side')."""
    for pid, name in call.participants:
        if who in name or name.split()[-1] in who or names.actor(who) == pid:
            return pid
    side = SIDES.get(who.split()[0].lower()) if who.split() else None
    for pid, _ in call.participants:
        if side and names.country(pid) == side:
            return pid
    full = full_name(who, who.split()[-1]) if who.split() else None
    return names.actor(full) if full else None
