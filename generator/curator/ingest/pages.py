"""How news pages print their outlet, bylines and time stamps, read from the article's top lines.

Each rule reads one line of at most META_LINE characters (only the start of a body paragraph
for datelines), so all of them together run in time linear in the text:

- datelines: "(GNN) —", "(Newsbrief) –", "(AGIT) - ROMA, 12 FEB -", "WASHINGTON (Lantern News /
  Meridian - 12th February, 2022)" (outlet, the agency it republishes), "MOSCOW, February 12.
  /RITA/." (an agency between slashes);
- a pipe masthead: "Wirepoint | Washington DC | Updated: 12-02-2022 21:58 IST";
- time stamps: a line that is nothing but an optional "Posted"/"Published"/"Updated", a date, a
  clock time and a zone ("Posted Mar 18, 2022 5:35 PM CDT", "09:14, 16 November 2021",
  "February 24, 2022 12:04 a.m.", "Updated 6:02 PM ET, Fri December 31, 2021");
- bylines: "By NAME, OUTLET" (one author, and the outlet), "A, B, C and D GNN" (the outlet's
  name after the last author), "NAME Senior White House Correspondent" (a job title after the
  name), with or without "By";
- lines that are never metadata: a photo credit ("Photo: The White House") and an unsigned
  staff slug ("newsbrief-staff", "Staff").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTH_WORDS = {
    1: "january jan gennaio gen janvier janv januar enero ene",
    2: "february feb febbraio febbr février févr februar febrero",
    3: "march mar marzo mars märz",
    4: "april apr aprile avr avril abril",
    5: "may maggio mai mayo",
    6: "june jun giugno giu juin juni junio",
    7: "july jul luglio lug juillet juil juli julio",
    8: "august aug agosto ago août",
    9: "september sep sept settembre set septembre septiembre",
    10: "october oct ottobre ott octobre oktober okt octubre",
    11: "november nov novembre novembre noviembre",
    12: "december dec dicembre dic décembre déc dezember dez diciembre",
}
MONTH = {word: number for number, words in MONTH_WORDS.items() for word in words.split()}
_MON = "|".join(sorted(MONTH, key=len, reverse=True))
WEEKDAY_WORDS = ("monday mon tuesday tue tues wednesday wed thursday thu thurs friday fri "
                 "saturday sat sunday sun lunedì martedì mercoledì giovedì venerdì sabato domenica")
DATE = re.compile(
    rf"(?i:\b(?P<mon>{_MON})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b"
    rf"|\b(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\.?\s+(?P<mon2>{_MON})\.?,?\s+(?P<year2>\d{{4}})\b"
    r"|\b(?P<iso>\d{4}-\d{2}-\d{2})\b"
    r"|\b(?P<dd>\d{1,2})[-/.](?P<mm>\d{1,2})[-/.](?P<yyyy>\d{4})\b)")
"""A full date in the forms pages print; dd-mm-yyyy is read day first (as pages that print it
do: 12-02-2022 21:58 IST), and the draft says so."""
TIME = re.compile(r"(?i)\b(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b)"
                  r"|\b(?P<h24>\d{1,2})[:.](?P<m24>\d{2})\b")
ZONES = {"ET": "America/New_York", "EST": "America/New_York", "EDT": "America/New_York",
         "CT": "America/Chicago", "CST": "America/Chicago", "CDT": "America/Chicago",
         "MT": "America/Denver", "MST": "America/Denver", "MDT": "America/Denver",
         "PT": "America/Los_Angeles", "PST": "America/Los_Angeles", "PDT": "America/Los_Angeles",
         "GMT": "UTC", "UTC": "UTC", "BST": "Europe/London", "CET": "Europe/Berlin",
         "CEST": "Europe/Berlin", "MSK": "Europe/Moscow", "IST": "Asia/Kolkata"}
"""Zone abbreviations pages print, with the IANA zone the draft proposes (IST as India's, the
usage of pages that print 'IST')."""
ZONE = re.compile(r"\b(?:" + "|".join(ZONES) + r")\b|\b(?:GMT|UTC)[+-]\d{1,2}\b")
STAMP_WORD = re.compile(r"(?i)^(?P<kind>posted|published|updated|last updated|pubblicato|"
                        r"aggiornato|publié|mis à jour)(?:\s+on)?\s*:?\s*")
WEEKDAY = re.compile(rf"(?i)\b(?:{'|'.join(WEEKDAY_WORDS.split())})\b\.?")

_PLACE = r"[A-Z][A-Z .'’-]{1,40}"
"""A dateline's place, in capitals: 'MOSCOW', 'WASHINGTON', 'ROMA'."""
DATELINES = (
    # "(GNN) —", "HARROW, Brennland (NWR) —", "WASHINGTON (Lantern News / Meridian - 12th February, 2022) US …", "(AGIT) -
    # ROMA, 12 FEB - …": the outlet in brackets, with the agency it republishes and a date.
    re.compile(r"^(?:[A-Z][A-Z .,'’-]{0,40}(?:,\s[A-Z][\w.'’-]{0,30}(?:\s[A-Z][\w.'’-]{0,30}){0,2})?\s)?"
               r"\((?P<outlet>[A-Za-z][^()/]{0,38}?)"
               r"(?:\s*/\s*(?P<agency>[^()/-]{2,40}?))?(?:\s*[-–]\s*(?P<date>[^()]{4,40}))?\)"
               r"(?:\s*[-–—]+\s*(?:[A-Z][A-Z .'’-]{1,30},\s+\d{1,2}\s+[A-Z]{3}\s+[-–—]\s*)?"
               r"|\s+(?=[A-Z]))"),
    # "MOSCOW, February 12. /RITA/. ": an agency between slashes.
    re.compile(rf"^{_PLACE},\s+[^./]{{3,30}}\.\s*/(?P<outlet>[A-Z][\w .&-]{{0,30}})/\.?\s*"),
    # "BERLIN — ": a place alone, naming no outlet.
    re.compile(rf"^{_PLACE}\s+[-–—]\s+"),
)
"""The datelines news pages open a paragraph with, each matched whole (the place, the outlet, a
date, the dashes after): `dateline` reads the outlet from them, and `dateline_end` tells
reported.py where the paragraph's first sentence begins. One table, so that a form the one
learns the other knows."""
PHOTO = re.compile(r"(?i)^\(?(?:photo|photograph|image|picture|credit|foto|video)s?\b[^:]{0,40}:")
STAFF_SLUG = re.compile(r"(?i)^(?:[a-z0-9]+-)*staff$|^staff(?:\s+report)?$")
JOB = re.compile(r"\b(?:Correspondent|Reporter|Writer|Editor|Producer|Columnist|Analyst|"
                 r"Contributor|Chief|Journalist)s?$")
TITLE_WORDS = {"Senior", "Chief", "Deputy", "Staff", "Political", "Foreign", "Diplomatic", "White",
               "National", "International", "Washington", "Moscow", "Europe", "Correspondent",
               "Reporter", "Writer", "Editor", "Associate", "Managing", "Special", "Global",
               "Security", "Defense", "Defence", "Congressional", "Investigative", "Digital"}
OUTLET_WORDS = re.compile(r"\b(?:News|Times|Post|Herald|Ledger|Wire|Courier|Press|Agency|Network|"
                          r"Journal|Gazette|Tribune|Telegraph|Daily|Radio|TV|Television|Report|"
                          r"Chronicle|Observer|Guardian|Express|Mail|Star|Sun|Review|Monitor)\b")
NAME_WORD = r"[A-Z][a-zà-ÿ'’-]+"
PERSON = re.compile(rf"^{NAME_WORD}(?:\s+(?:[A-Z]\.|{NAME_WORD}|de|van|von|bin)){{1,3}}$")


@dataclass
class Stamp:
    kind: str
    """published or updated."""
    date: dt.date
    text: str
    """The date and time as the line prints them (the draft keeps them, zone included)."""
    time: str | None
    zone: str | None
    day_first: bool


def parse_date(match: re.Match) -> dt.date | None:
    g = match.groupdict()
    try:
        if g["iso"]:
            return dt.date.fromisoformat(g["iso"])
        if g["dd"]:
            return dt.date(int(g["yyyy"]), int(g["mm"]), int(g["dd"]))
        month = MONTH[(g["mon"] or g["mon2"]).lower()]
        return dt.date(int(g["year"] or g["year2"]), month, int(g["day"] or g["day2"]))
    except (KeyError, ValueError):
        return None


def clock(match: re.Match) -> str:
    """'5:35 PM' -> '17:35'; '12:04 a.m.' -> '00:04'; '09:14' -> '09:14'."""
    if match.group("h24"):
        return f"{int(match.group('h24')):02d}:{match.group('m24')}"
    hour = int(match.group("h")) % 12 + (12 if match.group("ampm").lower().startswith("p") else 0)
    return f"{hour:02d}:{match.group('m') or '00'}"


def stamp(line: str, meta_line: int = 300) -> Stamp | None:
    """A line that is only a time stamp: a date, and optionally its kind, weekday, time, zone."""
    if len(line) > meta_line:
        return None
    kind = STAMP_WORD.match(line)
    body = line[kind.end():] if kind else line
    date = DATE.search(body)
    if date is None or (day := parse_date(date)) is None:
        return None
    rest = body[:date.start()] + " " + body[date.end():]
    time = TIME.search(rest)
    rest = rest[:time.start()] + " " + rest[time.end():] if time else rest
    zone = ZONE.search(rest)
    rest = rest[:zone.start()] + " " + rest[zone.end():] if zone else rest
    if WEEKDAY.sub(" ", rest).strip(" ,.|-–—•:()") != "":
        return None  # other words: a sentence, not a stamp
    word = (kind.group("kind").lower() if kind else "")
    updated = word in ("updated", "last updated", "aggiornato", "mis à jour")
    return Stamp("updated" if updated else "published", day, body.strip(" -–—|•"),
                 clock(time) if time else None, zone.group() if zone else None,
                 bool(date.group("dd")))


@dataclass
class Dateline:
    outlet: str
    agency: str | None
    date_text: str | None


def dateline(line: str) -> Dateline | None:
    """The outlet a dateline names at the start of a paragraph."""
    head = line[:300]
    for form in DATELINES:
        found = form.match(head)
        if found is None or "outlet" not in form.groupindex:
            continue
        outlet = found.group("outlet").strip()
        if not outlet or outlet[0].islower() or len(outlet.split()) > 5:
            return None
        groups = found.groupdict()
        agency = groups.get("agency")
        return Dateline(outlet, agency.strip() if agency else None, groups.get("date"))
    return None


def dateline_end(paragraph: str) -> int:
    """Where the dateline opening `paragraph` ends (0 where none does)."""
    head = paragraph[:300]
    for form in DATELINES:
        if (found := form.match(head)) is not None:
            return found.end()
    return 0


@dataclass
class Byline:
    authors: list[str]
    outlet: str | None


def byline(line: str, outlets: set[str], known_outlet) -> Byline | None:
    """Authors (and the outlet a byline names) of a byline line, with or without 'By'."""
    if len(line) > 300:
        return None
    has_by = bool(re.match(r"(?i)^by\s", line))
    body = re.sub(r"(?i)^by\s+", "", line).strip().rstrip(".")
    outlet = None
    parts = [p.strip() for p in re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*", body) if p.strip()]
    if not parts:
        return None
    last = parts[-1]
    joined = [m.start() for m in re.finditer(r"\s(?:and|&)\s", body)]
    # Authors are listed "A, B and C": a comma after the last "and" (or a single comma without
    # one) sets off what follows the names, the outlet.
    after = body.rfind(",") > (joined[-1] if joined else -1) and (joined or len(parts) == 2)
    if len(parts) > 1 and (_is_outlet(last, outlets, known_outlet) or (has_by and after)):
        outlet, parts = last, parts[:-1]  # "By NAME, OUTLET"
    else:
        words = last.split()
        for cut in range(len(words) - 1, 1, -1):  # "D Ruiz GNN": the outlet after the name
            tail = " ".join(words[cut:])
            if _is_outlet(tail, outlets, known_outlet) or (tail.isupper() and len(tail) >= 2):
                outlet, parts[-1] = tail, " ".join(words[:cut])
                break
    authors = []
    for part in parts:
        name = _name_before_title(part)
        if name is None:
            return None  # a part that is no person's name: not a byline
        authors.append(name)
    if not has_by and outlet is None and not JOB.search(body):
        return None  # a bare name line is read beside the date (metadata.read_metadata)
    return Byline(authors, outlet)


def _name_before_title(part: str) -> str | None:
    """'Sam Ortiz Senior White House Correspondent' -> 'Sam Ortiz'; 'Ann Marsh' -> itself."""
    words = part.split()
    for cut in range(len(words), 1, -1):
        name, title = " ".join(words[:cut]), words[cut:]
        if (PERSON.match(name) and (not title or (title[0] in TITLE_WORDS and JOB.search(part)))
                and not OUTLET_WORDS.search(name)
                and not any(w in TITLE_WORDS for w in words[:cut])):
            return name
    return None


def _is_outlet(text: str, outlets: set[str], known_outlet) -> bool:
    return (text in outlets or known_outlet(text) is not None
            or bool(OUTLET_WORDS.search(text)) and len(text.split()) <= 6)


def never_metadata(line: str) -> bool:
    """A photo credit or a staff slug: never an outlet, an author or a headline."""
    return bool(PHOTO.match(line) or STAFF_SLUG.match(line))


def url_date(url: str) -> dt.date | None:
    """The date a URL's path gives (/2022/02/12/ or 2022-02-12), if any."""
    found = re.search(r"(?<!\d)(20\d{2}|19\d{2})[/-](\d{1,2})[/-](\d{1,2})(?!\d)", url)
    if found is None:
        return None
    try:
        return dt.date(*(int(g) for g in found.groups()))
    except ValueError:
        return None
