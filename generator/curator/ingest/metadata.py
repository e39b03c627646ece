"""Headline, outlet, authors, dates and provenance clues, read from the article's lines.

Every pattern here runs in time linear in the text: a metadata line (masthead, byline, date,
copyright, staff line, bio) is at most META_LINE characters, so longer lines are not matched
against them, and the patterns that do scan whole lines ("… contributed to this report") look
for a literal phrase first and then read a bounded stretch before it. A hostile or mangled text
(a line of 8,000 spaces, 75 kB of "Copyright 2021 ") is read in milliseconds.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ...core.identity import identity
from ...core.text_file import MAX_TEXT_BYTES, TextProblem, decode_text
from . import pages
from .model import Draft, Evidence, IngestError
from .names import Names

TOP_LINES = 12
"""Metadata (headline, byline, date, masthead) is looked for in this many first non-empty lines."""
META_LINE = 300
"""The longest line read as metadata: a masthead, byline or copyright line is short."""
NAMES_SPAN = 300
"""How far before "contributed to this report" names are looked for."""

MONTHS = {name: index for index, names in enumerate(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
     ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
     ("october", "oct"), ("november", "nov"), ("december", "dec")], start=1) for name in names}
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

_MONTH_NAMES = "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True))
_MONTH = rf"(?P<mon>{_MONTH_NAMES})\.?"
_MONTH2 = rf"(?P<mon2>{_MONTH_NAMES})\.?"
_WEEKDAY = r"(?:(?:" + "|".join(WEEKDAYS) + r"),?\s++)?"
FULL_DATE = re.compile(
    rf"{_WEEKDAY}(?:{_MONTH}\s++(?P<day>\d{{1,2}}),?\s++(?P<year>\d{{4}})"
    rf"|(?P<day2>\d{{1,2}})\s++{_MONTH2}\s++(?P<year2>\d{{4}})"
    r"|(?P<iso>\d{4}-\d{2}-\d{2}))")
"""A full date: 'Thursday, December 30, 2021', 'Dec. 30, 2021', '30 December 2021', ISO."""
DAY_MENTION = re.compile(
    rf"\b(?:{_MONTH}\s++(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s++(?P<year>\d{{4}}))?"
    rf"|(?P<day2>\d{{1,2}})\s++{_MONTH2}\b(?:\s++(?P<year2>\d{{4}}))?)")
"""A day named anywhere, the year optional: 'Dec. 7', 'December 7, 2021', '7 December'."""
WEEKDAY_MENTION = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b")
_WORD = r"[A-Z][a-zà-ÿ'’.-]+"
NAME = rf"(?:{_WORD}|[A-Z]\.)(?:\s++(?:{_WORD}|[A-Z]\.|de|van|von|bin)){{1,3}}"
"""A person's name: two to four capitalised words ('Aamer Madhani', 'Joseph R. Clark')."""
NAME_LINE = re.compile(rf"^{NAME}$")
NAME_AT_END = re.compile(rf"(?<![\w.'’-])({NAME})$")
BYLINE = re.compile(r"^By\s+(?P<names>.+)$")
_ORG = r"(?:The\s+)?[A-Z][\w'’&.-]*+(?:\s+[A-Z][\w'’&.-]*+){0,6}"
STAFF = re.compile(rf"^(?:By\s+)?(?:the\s+)?(?P<outlet>{_ORG})\s+[Ss]taff(?:\s+[Rr]eport)?\.?$")
"""An outlet's unsigned byline: 'Example Wire staff report', 'By Example Wire staff'."""
COPYRIGHT = re.compile(r"Copyright\s++(?:(?:©|\(c\))\s*+)?\d{4}\s++(?P<outlet>[^,.]{1,100}?)"
                       r"(?:,\s*+(?:LLC|Inc|Ltd)\.?)?\.")
REACHED = re.compile(rf"^\W*+(?P<name>{NAME})\s+can be reached at\b")
CONTRIBUTED = re.compile(r"\s(?:contributed|contributes) to this (?:report|article|story)\b")
UPDATED = re.compile(r"^Updated(?:\s+on|:)?\s+(?P<when>.+)$")
DATELINE = re.compile(r"^[A-Z][A-Z .,]{0,40}\((?P<agency>[A-Za-z. ]{1,40})\)\s*[-–—]")
BIO = re.compile(rf"^(?P<name>{NAME}) is an? [^.]{{0,80}}?\b(?:reporter|correspondent|writer|"
                 rf"editor)\b[^.]{{0,80}}?\bfor (?P<outlet>{_ORG})")
BOILERPLATE = re.compile(r"^(?:More In\b|Share this\b|Subscribe to\b|Copyright\b|"
                         r"Please read our\b|Join ST['’]s\b|Click here\b|Load More\b|Related:|"
                         r"Read more\b|Sign up\b)")
"""Lines where a web page's unrelated matter usually begins (in the second half of a text)."""
DASH = re.compile("[-–—]")


def read_article(path: Path) -> tuple[bytes, str]:
    """The article's bytes and text; refuse what is not a UTF-8 text with words in it."""
    if not path.is_file():
        raise IngestError(f"'{path}' is not a file")
    size = path.stat().st_size
    if size > MAX_TEXT_BYTES:
        raise IngestError(f"'{path}' is {size:,} bytes; source texts are limited to "
                          f"{MAX_TEXT_BYTES:,} (one article, not a whole site)")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise IngestError(f"'{path}' is not UTF-8 text (byte {exc.start}); save the article as "
                          "UTF-8 plain text") from None
    if "\x00" in text:
        raise IngestError(f"'{path}' is a binary file, not a plain-text article")
    if not text.strip():
        raise IngestError(f"'{path}' is empty")
    # What `validate` refuses in a source text is refused here, before it is stored.
    try:
        decode_text(raw, path.name)
    except TextProblem as exc:
        where = f":{exc.line}:{exc.column}" if exc.line else ""
        raise IngestError(f"{path}{where}: {exc.message}; the stored text must be the article "
                          "byte for byte, so fix the file first") from None
    return raw, text


def lines_of(text: str) -> list[tuple[int, str]]:
    """(1-based line number, stripped line) for every non-empty line."""
    return [(n, line.strip()) for n, line in enumerate(text.splitlines(), 1) if line.strip()]


def parse_date(match: re.Match) -> dt.date | None:
    groups = match.groupdict()
    try:
        if groups.get("iso"):
            return dt.date.fromisoformat(groups["iso"])
        month = MONTHS[(groups.get("mon") or groups.get("mon2") or "").lower().rstrip(".")]
        day = int(groups.get("day") or groups.get("day2") or "")  # the pattern gives one of each
        return dt.date(int(groups.get("year") or groups.get("year2") or ""), month, day)
    except (KeyError, TypeError, ValueError):
        return None


def date_alone(line: str) -> dt.date | None:
    """A date when the line is nothing but a date (a weekday allowed)."""
    if len(line) > META_LINE:
        return None
    match = FULL_DATE.fullmatch(line.strip(" -–—|•"))
    return parse_date(match) if match else None


def masthead(line: str) -> tuple[str, str] | None:
    """(outlet, date text) of '- The Washington Times - Thursday, December 30, 2021': the
    outlet runs to the first dash with space on both sides. Read without a regex, whose lazy
    outlet, spaces and date would backtrack over every split of a long line."""
    if len(line) > META_LINE:
        return None
    body = (line[1:] if line.startswith("-") else line).lstrip()
    dash = DASH.search(body)
    if dash is None or dash.start() == 0:
        return None
    outlet, rest = body[:dash.start()], body[dash.end():]
    if not outlet[-1].isspace() or not rest[:1].isspace() or not outlet.strip() or not rest.strip():
        return None
    return outlet.strip(), rest.strip()


def split_names(names: str) -> list[str]:
    """'Aamer Madhani and Dasha Litvinova' -> both names; descriptions and places dropped:
    'Associated Press writers Vladimir Isachenkov in Moscow' -> 'Vladimir Isachenkov'."""
    found = []
    for part in re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*", names[-NAMES_SPAN:]):
        part = re.sub(r"\s+in\s+[A-Z][\w .]*$", "", part.strip())
        run = NAME_AT_END.search(part[-80:])
        if run:
            found.append(run.group(1))
    return found


def read_metadata(draft: Draft, text: str, names: Names) -> None:
    lines = lines_of(text)
    top = lines[:TOP_LINES]
    consumed, dateline = _read_page(draft, top, names)
    if top:
        number, first = top[0]
        if (len(first.split()) <= 20 and len(first) <= 200 and not first.endswith(".")
                and not BYLINE.match(first) and masthead(first) is None
                and not STAFF.match(first) and number not in consumed
                and date_alone(first) is None and not first.startswith(("-", "•"))):
            draft.headline = Evidence(first, number, first)
    for index, (number, line) in enumerate(top):
        if len(line) > META_LINE or number in consumed:
            continue
        mast = masthead(line)
        if mast and date_alone(mast[1]):
            draft.outlet = draft.outlet or Evidence(mast[0], number, line)
            draft.published = draft.published or Evidence(date_alone(mast[1]), number, line)
            continue
        alone = date_alone(line)
        if alone is not None and draft.published is None:
            draft.published = Evidence(alone, number, line)
            for _, before in reversed(top[max(0, index - 2):index]):
                if (NAME_LINE.match(before) and not BYLINE.match(before)
                        and before != (draft.headline and draft.headline.value)
                        and names.outlet(before) is None):
                    add_person(draft, "authors", before, number - 1, before)
            continue
        if (staff := STAFF.match(line)):
            draft.outlet = draft.outlet or Evidence(staff.group("outlet"), number, line)
            continue
        if draft.outlet is None and names.outlet(line) is not None:
            draft.outlet = Evidence(line, number, line)  # a line naming a known outlet alone
            continue
        byline = BYLINE.match(line)
        if byline:
            for name in split_names(byline.group("names")):
                add_person(draft, "authors", name, number, line)
    draft.outlet = draft.outlet or dateline
    half = len(text.splitlines()) // 2  # once: counted per line, it made ingest quadratic
    for number, line in lines:
        if number not in consumed:
            _read_line(draft, number, line, late=number > half)
    _drop_non_people(draft, names)
    if draft.outlet is not None:
        draft.outlet_org = names.outlet(draft.outlet.value)
        if draft.outlet_org is None:
            orgs = {m.id for m in names.find(draft.outlet.value) if m.kind == "organizations"}
            draft.outlet_org = orgs.pop() if len(orgs) == 1 else None


def _read_page(draft: Draft, top: list[tuple[int, str]],
               names: Names) -> tuple[set[int], Evidence | None]:
    """The page formats of `pages` in the top lines: time stamps, datelines, bylines, photo
    credits. Returns the lines it read (no other rule reads them) and the dateline's outlet
    (taken when no masthead, staff line or outlet line names one)."""
    consumed: set[int] = set()
    dateline: Evidence | None = None
    for number, line in top:
        if pages.never_metadata(line):
            consumed.add(number)
            continue
        if date_alone(line) is None and (stamp := pages.stamp(line, META_LINE)) is not None:
            shown = Evidence(stamp.date, number, line)
            if stamp.kind == "updated":
                draft.updated = draft.updated or Evidence(stamp.text, number, line)
                draft.updated_day = draft.updated_day or shown
            else:
                draft.published = draft.published or shown
            consumed.add(number)
            continue
        if (found := pages.dateline(line)) is not None:
            dateline = dateline or Evidence(found.outlet, number, line[:120])
            if found.agency:
                draft.republished_from = Evidence(found.agency, number, line[:120])
            day = pages.DATE.search(found.date_text or "")
            if day and (parsed := pages.parse_date(day)) and draft.published is None:
                draft.published = Evidence(parsed, number, line[:120])
            continue
        if "|" in line and len(line) <= META_LINE:
            parts = [p.strip() for p in line.split("|")]
            stamped = [pages.stamp(p) for p in parts[1:]]
            if parts[0] and not pages.DATE.search(parts[0]) and any(stamped):
                draft.outlet = draft.outlet or Evidence(parts[0], number, line)
                for found_stamp in stamped:
                    if found_stamp and found_stamp.kind == "updated":
                        draft.updated = draft.updated or Evidence(found_stamp.text, number, line)
                        draft.updated_day = Evidence(found_stamp.date, number, line)
                    elif found_stamp:
                        draft.published = draft.published or Evidence(found_stamp.date, number, line)
                consumed.add(number)
                continue
        outlets = {e.value for e in (draft.outlet, dateline) if e is not None}
        if (found_by := pages.byline(line, outlets, names.outlet)) is not None:
            for name in found_by.authors:
                add_person(draft, "authors", name, number, line)
            if found_by.outlet:
                draft.outlet = draft.outlet or Evidence(found_by.outlet, number, line)
            consumed.add(number)
    return consumed, dateline


def _drop_non_people(draft: Draft, names: Names) -> None:
    """No outlet, organization, job title or staff line is ever an author or contributor."""
    outlet = draft.outlet.value if draft.outlet else None
    for people in (draft.authors, draft.contributors):
        people[:] = [p for p in people if p.value != outlet and names.outlet(p.value) is None
                     and not any(m.kind == "organizations" and m.surface == p.value
                                 for m in names.find(p.value))
                     and not pages.JOB.search(p.value) and not re.search(r"(?i)\bstaff\b", p.value)]


def _read_line(draft: Draft, number: int, line: str, late: bool) -> None:
    """The rules that may apply to any line of the text."""
    for contributed in CONTRIBUTED.finditer(line):
        before = line[max(0, contributed.start() - NAMES_SPAN):contributed.start()]
        who = before[before.rfind(".") + 1:].strip()
        for name in split_names(who):
            add_person(draft, "contributors", name, number, line)
        _clue(draft, number, line)
    bio = BIO.match(line)  # anchored, bounded: linear on any line, and bios run long
    if bio and draft.outlet_clue is None:
        draft.outlet_clue = Evidence(bio.group("outlet").strip(), number, line)
    if DATELINE.match(line) or bio or "wire service" in line:
        _clue(draft, number, line)
    if len(line) > META_LINE:
        return
    if (reached := REACHED.match(line)):
        add_person(draft, "authors", reached.group("name"), number, line)
    if (updated := UPDATED.match(line)) and FULL_DATE.search(updated.group("when")):
        when = re.sub(r"\s+with\s.*$", "", updated.group("when")).rstrip(".")
        draft.updated = draft.updated or Evidence(when, number, line)
    if (copyright_ := COPYRIGHT.search(line)):
        owner = copyright_.group("outlet").strip()
        draft.outlet = draft.outlet or Evidence(owner, number, line)
    if BOILERPLATE.match(line) and late and not draft.boilerplate:
        draft.boilerplate = Evidence(line, number, line)


def _clue(draft: Draft, number: int, line: str) -> None:
    """A provenance clue, one per line. Lines are read in order, so the line was noted already
    only if it is the last clue's (scanning every clue made ingest quadratic in lines)."""
    clues = draft.provenance_clues
    if not clues or clues[-1].line != number:
        clues.append(Evidence(line, number, line))


def add_person(draft: Draft, role: str, name: str, line: int, text: str) -> None:
    """An author or contributor (role), each person once (names compared by their identity): a
    set remembers who is listed, so that a text naming thousands of people is read in linear
    time."""
    name = " ".join(name.split())
    if (role, identity(name)) not in draft.people_seen:
        draft.people_seen.add((role, identity(name)))
        getattr(draft, role).append(Evidence(name, line, text))
