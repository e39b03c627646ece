"""`briefing ingest ARTICLE.txt`: store an article's verbatim text and draft its source record.

The article is read by plain, documented rules and nothing is guessed: a value the text does not
give stays unknown, and every value the draft holds says (in a comment) which line it came from.

- headline: the first line, when it reads as a title (short, no final full stop, not a byline,
  a date or a masthead);
- outlet: a masthead line ("- The Washington Times - Thursday, December 30, 2021") or a
  copyright line ("Copyright © 2022 The Washington Times, LLC");
- authors: a "By X and Y" line, a name line beside the date line at the top, or
  "X can be reached at …"; contributors: "X contributed to this report/article";
- published: a date standing alone near the top ("December 30, 2021", "Thursday, December 30,
  2021") or in the masthead; updated: an "Updated on …" line;
- quotes: text between double quotation marks, straight or curly, each with the nearest known
  actor (name or alias) in its sentence, else in its paragraph, as its likely speaker;
- mentions: the known actors, organizations and calls (by name, alias or title);
- calls: the calls whose participants the text names and whose date it names (or whose
  weekday it names, within a week before the publication date), or whose title it gives.

Quotes, mentions and candidates do not fit the source schema and would be rejected as files
beside it, so they are written as YAML comments in the draft, ready to paste into a call.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..core.errors import BriefingError, ConfigError, relative
from ..core.load import _suggest_id, load_corpus
from ..core.models import ID_RE
from .scaffold import record_text, scalar
from ..core.verbatim import fold
from ..core.yamlfile import UNPRINTABLE

TOP_LINES = 12
"""Metadata (headline, byline, date, masthead) is looked for in this many first non-empty lines."""

MONTHS = {name: index for index, names in enumerate(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
     ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
     ("october", "oct"), ("november", "nov"), ("december", "dec")], start=1) for name in names}
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

_MONTH_NAMES = "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True))
_MONTH = rf"(?P<mon>{_MONTH_NAMES})\.?"
_MONTH2 = rf"(?P<mon2>{_MONTH_NAMES})\.?"
_WEEKDAY = r"(?:(?:" + "|".join(WEEKDAYS) + r"),?\s+)?"
FULL_DATE = re.compile(
    rf"{_WEEKDAY}(?:{_MONTH}\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})"
    rf"|(?P<day2>\d{{1,2}})\s+{_MONTH2}\s+(?P<year2>\d{{4}})"
    r"|(?P<iso>\d{4}-\d{2}-\d{2}))")
"""A full date: 'Thursday, December 30, 2021', 'Dec. 30, 2021', '30 December 2021', ISO."""
DAY_MENTION = re.compile(
    rf"\b(?:{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{{4}}))?"
    rf"|(?P<day2>\d{{1,2}})\s+{_MONTH2}\b(?:\s+(?P<year2>\d{{4}}))?)")
"""A day named anywhere, the year optional: 'Dec. 7', 'December 7, 2021', '7 December'."""
WEEKDAY_MENTION = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b")
_WORD = r"[A-Z][a-zà-ÿ'’.-]+"
NAME = rf"(?:{_WORD}|[A-Z]\.)(?:\s+(?:{_WORD}|[A-Z]\.|de|van|von|bin)){{1,3}}"
"""A person's name: two to four capitalised words ('Aamer Madhani', 'Joseph R. Clark')."""
NAME_LINE = re.compile(rf"^{NAME}$")
BYLINE = re.compile(r"^By\s+(?P<names>.+)$")
MASTHEAD = re.compile(r"^-?\s*(?P<outlet>[^-–—]+?)\s+[-–—]\s+(?P<date>.+?)\s*$")
COPYRIGHT = re.compile(r"Copyright\s+(?:©|\(c\))?\s*\d{4}\s+(?P<outlet>[^,.]+?)"
                       r"(?:,\s*(?:LLC|Inc|Ltd)\.?)?\.")
REACHED = re.compile(rf"^\W*(?P<name>{NAME})\s+can be reached at\b")
CONTRIBUTED = re.compile(r"(?P<who>[^.]+?)\s+contributed to this (?:report|article|story)")
UPDATED = re.compile(r"^Updated(?:\s+on|:)?\s+(?P<when>.+?)(?:\s+with\s.*)?\.?$")
DATELINE = re.compile(r"^[A-Z][A-Z .,]+\((?P<agency>[A-Za-z. ]+)\)\s*[-–—]")
_ORG = r"(?:The\s+)?[A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*)*"
BIO = re.compile(rf"^(?P<name>{NAME}) is an? [^.]*?\b(?:reporter|correspondent|writer|editor)\b"
                 rf"[^.]*?\bfor (?P<outlet>{_ORG})")
DESCRIBED = re.compile(
    r"\b(?:[Aa]n?|[Tt]he|[Oo]ne)\s+"
    r"(?:(?!(?:said|says|told|and|or|of|to|that)\b)[\w.’'-]+\s+){0,3}?"
    r"(?:officials?|aides?|advis[eo]rs?|spokes(?:man|woman|person)|diplomats?)\b")
"""An unnamed speaker as the text describes them: "a senior administration official"."""
SAID = re.compile(r"(?P<name>(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})"
                  r"(?=\s+(?:said|says|told|added|warned)\b)")
"""A capitalised name right before a speech verb: 'Ushakov said', 'Mr. Miles said'."""
NOT_NAMES = {"The", "He", "She", "It", "They", "We", "I", "But", "And", "Officials", "This",
             "That", "There", "Both", "Neither", "His", "Her", "Their", "A", "An", "In", "On"}
BOILERPLATE = re.compile(r"^(?:More In\b|Share this\b|Subscribe to\b|Copyright\b|"
                         r"Please read our\b|Join ST['’]s\b|Click here\b|Load More\b|Related:|"
                         r"Read more\b|Sign up\b)")
"""Lines where a web page's unrelated matter usually begins (in the second half of a text)."""
_SHORT_MONTHS = "|".join(sorted((m.capitalize() for m in MONTHS if len(m) <= 4),
                                key=len, reverse=True))
ABBREVIATIONS = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Lt|Col|No|vs|[A-Z])|"
                           rf"{_SHORT_MONTHS}|U\.S|U\.K|[ap]\.m)$")
"""Words whose full stop does not end a sentence."""


class IngestError(BriefingError):
    """The article cannot be ingested: unreadable, already in the corpus, or the draft's
    files exist already."""


@dataclass
class Evidence:
    """A value read from the article and the line it came from (1-based)."""

    value: Any
    line: int
    text: str
    """The line (or the part of it) the value was read from, verbatim."""

    def note(self) -> str:
        shown = self.text if len(self.text) <= 200 else self.text[:197] + "..."
        return f"from line {self.line}: {shown}"


@dataclass
class Mention:
    """A known record named in the text."""

    kind: str
    id: str
    start: int
    end: int
    surface: str


@dataclass
class FoundQuote:
    """Words between quotation marks, with whoever most likely said them."""

    words: str
    line: int
    speaker: str | None = None
    """A known actor id."""
    speaker_as: str | None = None
    """How the text describes an unnamed speaker ("a senior administration official")."""
    unrecorded: str | None = None
    """A name the text gives the speaker that no actor record has."""
    why: str = ""


@dataclass
class Candidate:
    """A call the article may cover, with the evidence; chosen ones go in `calls:`."""

    call: str
    reasons: list[str]
    chosen: bool


@dataclass
class Draft:
    """What `ingest` read from an article and wrote."""

    source_id: str
    text_name: str
    text_reused: bool
    headline: Evidence | None = None
    outlet: Evidence | None = None
    outlet_org: str | None = None
    authors: list[Evidence] = field(default_factory=list)
    contributors: list[Evidence] = field(default_factory=list)
    published: Evidence | None = None
    updated: Evidence | None = None
    quotes: list[FoundQuote] = field(default_factory=list)
    mentions: dict[str, dict[str, list[Mention]]] = field(default_factory=dict)
    """kind -> id -> mentions."""
    candidates: list[Candidate] = field(default_factory=list)
    unrecorded_people: dict[str, int] = field(default_factory=dict)
    """Names of speakers the text gives that no actor has -> first line."""
    provenance_clues: list[Evidence] = field(default_factory=list)
    boilerplate: Evidence | None = None
    outlet_clue: Evidence | None = None
    """An outlet the text ties to an author ("X is a reporter for The Floridian"): a clue for
    the curator, not proof of who published this copy."""
    new_actors: dict[str, str] = field(default_factory=dict)
    """Author or contributor id without an actor record -> the name in the text."""
    path: Path | None = None
    text_path: Path | None = None

    @property
    def calls(self) -> list[str]:
        return [c.call for c in self.candidates if c.chosen]

    def to_decide(self) -> list[str]:
        """What a curator must still decide, one line each."""
        todo = []
        if not self.calls:
            listed = ", ".join(c.call for c in self.candidates) or "none in the corpus"
            todo.append(f"calls: no call matched with certainty; list the calls it covers "
                        f"(candidates: {listed}) — validate fails until you do")
        else:
            todo.append(f"calls: check {', '.join(self.calls)} (the draft lists the evidence)")
        for actor, name in self.new_actors.items():
            todo.append(f"actor '{actor}' ({name}) has no record: briefing new actor {actor} "
                        f"— or remove it from the draft; validate fails until you do")
        for what, value in (("headline", self.headline), ("outlet", self.outlet),
                            ("published", self.published)):
            if value is None:
                clue = (f" (line {self.outlet_clue.line} ties an author to "
                        f"'{self.outlet_clue.value}': decide)"
                        if what == "outlet" and self.outlet_clue else "")
                todo.append(f"{what}: the text does not give it; left unknown{clue}")
        if not self.authors:
            todo.append("authors: the text names none; left empty")
        todo.append("url: unknown unless a source gives it (never guess one)")
        if self.provenance_clues or self.boilerplate:
            todo.append("provenance / body_ends_before: see the clues the draft lists")
        if self.quotes:
            todo.append(f"quotes: {len(self.quotes)} found, listed in the draft; paste those worth "
                        "keeping into the calls' quotes and check each likely speaker")
        return todo


# --- the known names of the corpus ----------------------------------------------------------

class Names:
    """Every known actor, organization and call by its name, aliases or title."""

    def __init__(self, entries: list[tuple[str, str, str]]):
        """entries: (kind, id, name)."""
        self.owners: dict[str, set[tuple[str, str]]] = {}
        for kind, record_id, name in entries:
            if len(name.strip()) >= 2:
                self.owners.setdefault(fold(name), set()).add((kind, record_id))
        names = sorted({name.strip() for _, _, name in entries if len(name.strip()) >= 2},
                       key=len, reverse=True)
        body = "|".join(_flexible(name) for name in names)
        self.pattern = re.compile(rf"(?<![\w])(?:{body})(?![\w])") if names else None

    def find(self, text: str) -> list[Mention]:
        if self.pattern is None:
            return []
        found = []
        for match in self.pattern.finditer(text):
            for kind, record_id in sorted(self.owners.get(fold(match.group()), ())):
                found.append(Mention(kind, record_id, match.start(), match.end(), match.group()))
        return found

    def actor(self, name: str) -> str | None:
        owners = [i for kind, i in self.owners.get(fold(name), ()) if kind == "actors"]
        return owners[0] if len(owners) == 1 else None


def _flexible(name: str) -> str:
    """A regex for a name that tolerates curly apostrophes, dashes and line breaks."""
    parts = []
    for char in fold(name):
        if char == " ":
            parts.append(r"\s+")
        elif char == "'":
            parts.append("['’‘]")
        elif char == "-":
            parts.append("[-‐‑–—]")
        elif char == '"':
            parts.append('["“”]')
        else:
            parts.append(re.escape(char))
    return "".join(parts)


def _known_names(corpus: Any) -> Names:
    entries = []
    for kind in ("actors", "organizations"):
        for loaded in corpus.loaded(kind):
            for name in [loaded.record.name, *loaded.record.aliases]:
                entries.append((kind, loaded.id, name))
    for loaded in corpus.loaded("calls"):
        entries.append(("calls", loaded.id, loaded.record.title))
    return Names(entries)


# --- reading the article --------------------------------------------------------------------

def read_article(path: Path) -> tuple[bytes, str]:
    """The article's bytes and text; refuse what is not a UTF-8 text with words in it."""
    if not path.is_file():
        raise IngestError(f"'{path}' is not a file")
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
    return raw, text


def _lines(text: str) -> list[tuple[int, str]]:
    """(1-based line number, stripped line) for every non-empty line."""
    return [(n, line.strip()) for n, line in enumerate(text.splitlines(), 1) if line.strip()]


def _parse_date(match: re.Match) -> dt.date | None:
    groups = match.groupdict()
    try:
        if groups.get("iso"):
            return dt.date.fromisoformat(groups["iso"])
        month = MONTHS[(groups.get("mon") or groups.get("mon2") or "").lower().rstrip(".")]
        day = int(groups.get("day") or groups.get("day2"))
        return dt.date(int(groups.get("year") or groups.get("year2")), month, day)
    except (KeyError, TypeError, ValueError):
        return None


def _date_alone(line: str) -> dt.date | None:
    """A date when the line is nothing but a date (a weekday allowed)."""
    match = FULL_DATE.fullmatch(line.strip(" -–—|•"))
    return _parse_date(match) if match else None


def _split_names(names: str) -> list[str]:
    """'Aamer Madhani and Dasha Litvinova' -> both names; descriptions and places dropped:
    'Associated Press writers Vladimir Isachenkov in Moscow' -> 'Vladimir Isachenkov'."""
    found = []
    for part in re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*", names):
        part = re.sub(r"\s+in\s+[A-Z][\w .]*$", "", part.strip())
        run = re.search(rf"({NAME})$", part)
        if run:
            found.append(run.group(1))
    return found


def _read_metadata(draft: Draft, text: str, names: Names) -> None:
    lines = _lines(text)
    top = lines[:TOP_LINES]
    if top:
        number, first = top[0]
        if (len(first.split()) <= 20 and len(first) <= 200 and not first.endswith(".")
                and not BYLINE.match(first) and not MASTHEAD.match(first)
                and _date_alone(first) is None and not first.startswith(("-", "•"))):
            draft.headline = Evidence(first, number, first)
    for index, (number, line) in enumerate(top):
        masthead = MASTHEAD.match(line)
        if masthead and _date_alone(masthead.group("date")):
            draft.outlet = draft.outlet or Evidence(masthead.group("outlet").strip(), number, line)
            draft.published = draft.published or Evidence(
                _date_alone(masthead.group("date")), number, line)
            continue
        alone = _date_alone(line)
        if alone is not None and draft.published is None:
            draft.published = Evidence(alone, number, line)
            for _, before in reversed(top[max(0, index - 2):index]):
                if (NAME_LINE.match(before) and not BYLINE.match(before)
                        and before != (draft.headline and draft.headline.value)):
                    _add_person(draft.authors, before, number - 1, before)
            continue
        byline = BYLINE.match(line)
        if byline:
            for name in _split_names(byline.group("names")):
                _add_person(draft.authors, name, number, line)
    for number, line in lines:
        if (reached := REACHED.match(line)):
            _add_person(draft.authors, reached.group("name"), number, line)
        if (contributed := CONTRIBUTED.search(line)):
            for name in _split_names(contributed.group("who")):
                _add_person(draft.contributors, name, number, line)
            draft.provenance_clues.append(Evidence(line, number, line))
        if (updated := UPDATED.match(line)) and FULL_DATE.search(updated.group("when")):
            when = updated.group("when").rstrip(".")
            draft.updated = draft.updated or Evidence(when, number, line)
        if (copyright_ := COPYRIGHT.search(line)):
            owner = copyright_.group("outlet").strip()
            draft.outlet = draft.outlet or Evidence(owner, number, line)
        if (bio := BIO.match(line)) and draft.outlet_clue is None:
            draft.outlet_clue = Evidence(bio.group("outlet").strip(), number, line)
        if DATELINE.match(line) or BIO.match(line) or "wire service" in line:
            if all(clue.line != number for clue in draft.provenance_clues):
                draft.provenance_clues.append(Evidence(line, number, line))
        late = number > len(text.splitlines()) // 2
        if BOILERPLATE.match(line) and late and not draft.boilerplate:
            draft.boilerplate = Evidence(line, number, line)
    if draft.outlet is not None:
        orgs = [m.id for m in names.find(draft.outlet.value) if m.kind == "organizations"]
        draft.outlet_org = orgs[0] if len(set(orgs)) == 1 else None


def _add_person(people: list[Evidence], name: str, line: int, text: str) -> None:
    name = " ".join(name.split())
    if all(person.value != name for person in people):
        people.append(Evidence(name, line, text))


# --- quotes and their likely speakers -------------------------------------------------------

def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each non-empty line: these articles put a paragraph on a line."""
    spans, offset = [], 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            spans.append((offset, offset + len(line.rstrip("\r\n"))))
        offset += len(line)
    return spans


def _quote_spans(paragraph: str) -> list[tuple[int, int]]:
    """(start, end) of the words inside each pair of double quotation marks."""
    spans = [(m.start(1), m.end(1)) for m in re.finditer(r"“([^“”]+)(?:”|$)", paragraph)]
    straight = [m.start() for m in re.finditer('"', paragraph)]
    for open_, close in zip(straight[0::2], straight[1::2]):
        if not any(s <= open_ < e for s, e in spans):
            spans.append((open_ + 1, close))
    return sorted(spans)


def _sentence_of(paragraph: str, quotes: list[tuple[int, int]], at: int) -> tuple[int, int]:
    """The sentence around offset `at`; quoted words never end a sentence."""
    masked = list(paragraph)
    for start, end in quotes:
        for i in range(start, max(start, end - 1)):
            masked[i] = "x"
    flat = "".join(masked)
    start, end = 0, len(paragraph)
    for match in re.finditer(r"[.!?][\"”’)]?\s+(?=[A-Z“\"(])", flat):
        if ABBREVIATIONS.search(flat[max(0, match.start() - 4):match.start()]):
            continue
        if match.end() <= at:
            start = match.end()
        elif match.start() >= at:
            end = match.start() + 1
            break
    return start, end


def _find_quotes(draft: Draft, text: str, names: Names) -> None:
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    for p_start, p_end in _paragraphs(text):
        paragraph = text[p_start:p_end]
        quotes = _quote_spans(paragraph)
        if not quotes:
            continue
        inside = lambda a, b: any(s - 1 <= a and b <= e + 1 for s, e in quotes)  # noqa: E731
        people: list[tuple[int, int, str, str]] = []
        """(start, end, kind, value): kind is actor, described or unrecorded."""
        known = names.find(paragraph)
        for mention in known:
            if inside(mention.start, mention.end):
                continue
            if mention.kind == "actors":
                people.append((mention.start, mention.end, "actor", mention.id))
            elif mention.kind == "organizations" and SPOKEN_AFTER.match(paragraph, mention.end):
                article = re.search(r"\b[Tt]he\s+$", paragraph[:mention.start])
                start = article.start() if article else mention.start
                people.append((start, mention.end, "described", paragraph[start:mention.end]))
        for match in DESCRIBED.finditer(paragraph):
            if not inside(match.start(), match.end()):
                people.append((match.start(), match.end(), "described", match.group()))
        for match in SAID.finditer(paragraph):
            name = match.group("name")
            if (name.split()[0] not in NOT_NAMES and not inside(match.start(), match.end())
                    and not any(m.start < match.end() and match.start() < m.end for m in known)):
                people.append((match.start(), match.end(), "unrecorded", name))
                line = _line_at(line_starts, p_start + match.start())
                draft.unrecorded_people.setdefault(name, line)
        for q_start, q_end in quotes:
            words = paragraph[q_start:q_end].strip().rstrip(",;:").strip()
            if len(words) < 3:
                continue
            found = FoundQuote(words, _line_at(line_starts, p_start + q_start))
            _likely_speaker(found, paragraph, quotes, q_start, q_end, people)
            draft.quotes.append(found)


def _likely_speaker(found: FoundQuote, paragraph: str, quotes: list[tuple[int, int]],
                    q_start: int, q_end: int, people: list[tuple[int, int, str, str]]) -> None:
    """In the quote's sentence: the person a speech verb attaches to ("X said", "according to
    X"), else the first person named before the quote (the subject), else the nearest; failing
    that, in its paragraph: the person a speech verb attaches to, else the nearest."""
    s_start, s_end = _sentence_of(paragraph, quotes, q_start)
    for (low, high), where in (((s_start, s_end), "same sentence"),
                               ((0, len(paragraph)), "same paragraph")):
        near = sorted(((max(q_start - end, start - q_end, 0), start, end, kind, value)
                       for start, end, kind, value in people if low <= start and end <= high))
        if not near:
            continue
        spoken = [n for n in near if _speaks(paragraph, n[1], n[2])]
        subject = [n for n in sorted(near, key=lambda n: n[1]) if n[1] < q_start]
        if spoken:
            chosen, found.why = spoken[0], f"{where}, with a speech verb"
        elif subject and where == "same sentence":
            chosen, found.why = subject[0], f"{where}, its subject"
        else:
            chosen, found.why = near[0], f"{where}, nearest"
        kind, value = chosen[3], chosen[4]
        if kind == "actor":
            found.speaker = value
        elif kind == "described":
            found.speaker_as = value
        else:
            found.unrecorded = value
        return


SPOKEN_AFTER = re.compile(r",?\s+(?:also\s+)?(?:said|says|told|added|warned|stated|noted|"
                          r"insisted|explained|responded)\b")
SPOKEN_BEFORE = re.compile(r"(?:said|says|according to)\s+$")


def _speaks(paragraph: str, start: int, end: int) -> bool:
    """Does a speech verb attach to the person named at start:end ("X said", "according to X")?"""
    return bool(SPOKEN_AFTER.match(paragraph, end) or SPOKEN_BEFORE.search(paragraph[:start]))


def _line_at(line_starts: list[int], offset: int) -> int:
    low, high = 0, len(line_starts)
    while high - low > 1:
        middle = (low + high) // 2
        if line_starts[middle] <= offset:
            low = middle
        else:
            high = middle
    return low + 1


# --- calls ----------------------------------------------------------------------------------

def _candidate_calls(draft: Draft, text: str, corpus: Any) -> None:
    published = draft.published.value if draft.published else None
    days = []
    for match in DAY_MENTION.finditer(text):
        groups = match.groupdict()
        month = MONTHS.get((groups.get("mon") or groups.get("mon2") or "").lower().rstrip("."))
        year = groups.get("year") or groups.get("year2")
        days.append((month, int(groups.get("day") or groups.get("day2")),
                     int(year) if year else None, match.group()))
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


# --- the corpus: existing texts and records -------------------------------------------------

def _existing_texts(content: Path) -> dict[str, str]:
    """Folded text -> file name, for every verbatim text in the corpus."""
    folder = content / "texts"
    found = {}
    if folder.is_dir():
        for path in sorted(folder.glob("*.txt")):
            try:
                found.setdefault(fold(path.read_text("utf-8")), path.name)
            except (OSError, UnicodeDecodeError):
                continue
    return found


def _sources_by_text(content: Path) -> dict[str, Path]:
    """Text path ('texts/x.txt') -> the source record file using it (read leniently, so a
    record that does not validate yet still counts)."""
    found = {}
    for path in sorted((content / "sources").glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        if isinstance(data, dict) and isinstance(data.get("text"), str):
            found.setdefault(data["text"].strip(), path)
    return found


def _default_id(draft: Draft, article: Path) -> str:
    if draft.outlet and draft.published:
        outlet = re.sub(r"^the\s+", "", draft.outlet.value, flags=re.IGNORECASE)
        base = f"{_suggest_id(outlet)}-{draft.published.value.isoformat()}"
    elif draft.headline:
        base = _suggest_id(" ".join(draft.headline.value.split()[:8]))
    else:
        base = _suggest_id(article.stem)
    return base[:120].strip("-")


def _person_id(name: str) -> str:
    """The id suggested for a person with no record: 'Mr. Miles' -> 'miles'."""
    return _suggest_id(re.sub(r"^(?:Mr|Mrs|Ms|Dr)\.?\s+", "", name))


def _text_name(article: Path) -> str:
    name = re.sub(r"[^A-Za-z0-9_.-]+", "-", article.stem).strip("-.") or "article"
    return f"{name}.txt"


# --- the whole command ----------------------------------------------------------------------

def ingest(article: Path, content: Path, source_id: str | None = None,
           text_name: str | None = None) -> Draft:
    """Store the article's text in content/texts/ and write a draft source record."""
    if not content.is_dir():
        raise ConfigError(f"content directory '{content}' does not exist; "
                          "run from the project root or pass --content")
    raw, original = read_article(article)
    # The analysis reads a copy without a byte-order mark or characters a YAML file cannot hold
    # (replaced one for one, so offsets hold); the stored text stays byte-identical.
    text = UNPRINTABLE.sub(" ", original.replace("\ufeff", " ", 1))
    existing = _existing_texts(content).get(fold(original))
    sources = _sources_by_text(content)
    if existing and f"texts/{existing}" in sources:
        raise IngestError(f"this article is already in the corpus: content/texts/{existing}, "
                          f"source record {relative(sources[f'texts/{existing}'])}")
    corpus, _ = load_corpus(content)  # records that do not validate yet are skipped
    names = _known_names(corpus)
    name = existing or (text_name if text_name else _text_name(article))
    if not name.endswith(".txt"):
        name += ".txt"
    if not re.fullmatch(r"[A-Za-z0-9_.-]+\.txt", name):
        raise IngestError(f"'{name}' is not a usable text file name: use letters, digits, "
                          "'_', '.' and '-', ending in .txt")
    draft = Draft(source_id="", text_name=name, text_reused=existing is not None)
    _read_metadata(draft, text, names)
    body = text
    if draft.boilerplate:  # what follows is other stories: no quotes or mentions from there
        body = "".join(text.splitlines(keepends=True)[:draft.boilerplate.line - 1])
    for mention in names.find(body):
        draft.mentions.setdefault(mention.kind, {}).setdefault(mention.id, []).append(mention)
    _find_quotes(draft, body, names)
    _candidate_calls(draft, body, corpus)
    draft.source_id = source_id or _default_id(draft, article)
    if not ID_RE.match(draft.source_id):
        raise IngestError(f"'{draft.source_id}' is not a valid id: use lowercase letters, digits "
                          f"and single hyphens, e.g. '{_suggest_id(draft.source_id)}'")
    target = content / "sources" / f"{draft.source_id}.yaml"
    text_path = content / "texts" / name
    if target.exists():
        raise IngestError(f"{relative(target)} already exists; choose another id with --id")
    if not existing and text_path.exists():
        raise IngestError(f"{relative(text_path)} already exists with other words; choose "
                          "another file name with --text-name")
    for evidence in draft.authors + draft.contributors:
        actor = names.actor(evidence.value) or _person_id(evidence.value)
        if names.actor(evidence.value) is None:
            draft.new_actors.setdefault(actor, evidence.value)
    yaml_text = render_draft(draft, article, names)
    text_path.parent.mkdir(exist_ok=True)
    if not existing:
        with text_path.open("xb") as handle:
            handle.write(raw)
    target.parent.mkdir(exist_ok=True)
    with target.open("x", encoding="utf-8") as handle:
        handle.write(yaml_text)
    draft.path, draft.text_path = target, text_path
    return draft


def render_draft(draft: Draft, article: Path, names: Names) -> str:
    """The draft source record: every field documented, each value with its evidence."""
    values: dict[str, str] = {"text": f"texts/{draft.text_name}", "url": "unknown"}
    notes: dict[str, list[str]] = {"url": ["Not in the text: never guess one."]}

    def note(key: str, evidence: Evidence | None, missing: str) -> None:
        notes[key] = [evidence.note()] if evidence else [missing]

    values["headline"] = scalar(draft.headline.value) if draft.headline else "unknown"
    note("headline", draft.headline, "Not found at the top of the text.")
    values["outlet"] = scalar(draft.outlet.value) if draft.outlet else "unknown"
    note("outlet", draft.outlet, "The text does not name the outlet that published it.")
    if draft.outlet is None and draft.outlet_clue is not None:
        clue = draft.outlet_clue
        notes["outlet"].append(f"A clue, not proof: '{clue.value}' {clue.note()}")
    if draft.outlet_org:
        values["outlet_org"] = draft.outlet_org
    if draft.published:
        values["published"] = draft.published.value.isoformat()
    note("published", draft.published, "No publication date at the top of the text.")
    if draft.updated:
        values["updated"] = scalar(draft.updated.value)
        note("updated", draft.updated, "")
    for key, people in (("authors", draft.authors), ("contributors", draft.contributors)):
        ids = [names.actor(p.value) or _person_id(p.value) for p in people]
        values[key] = "[" + ", ".join(ids) + "]"
        notes[key] = [f"{i}: {p.note()}" + ("" if names.actor(p.value) else
                                             f" — NO ACTOR RECORD: briefing new actor {i}")
                      for i, p in zip(ids, people)] or ["The text names none."]
    values["calls"] = "[" + ", ".join(draft.calls) + "]"
    notes["calls"] = _calls_notes(draft)
    if draft.boilerplate:
        notes["body_ends_before"] = [f"Possible site boilerplate {draft.boilerplate.note()}",
                                     "(to keep it out of citations, write those words here)"]
    if draft.provenance_clues:
        notes["provenance"] = ["Clues in the text:"] + [f"  {clue.note()}"
                                                        for clue in draft.provenance_clues]
    header = [f"DRAFT written by 'briefing ingest {article.name}'. Every value was read from the "
              "text by simple rules and says where it came from; nothing was guessed, and "
              "unknown means the text does not say. Check each one against the text.",
              "Still to decide (delete this list when done):"]
    header += [f"- {item}" for item in draft.to_decide()]
    return record_text("sources", values=values, notes=notes, header=header,
                       footer=_footer(draft, names))


def _calls_notes(draft: Draft) -> list[str]:
    if not draft.candidates:
        return ["NO CALL MATCHED, and no candidate: list the calls this article covers "
                "(validate fails until you do)."]
    lines = [] if draft.calls else ["NO CALL MATCHED WITH CERTAINTY: list the calls this article "
                                    "covers (validate fails until you do). Candidates:"]
    if draft.calls:
        lines.append("Matched (the text names the call's participants and its date, weekday or "
                     "title); candidates:")
    for candidate in draft.candidates:
        mark = "matched" if candidate.chosen else "candidate"
        lines.append(f"  {candidate.call} ({mark}): {'; '.join(candidate.reasons)}")
    return lines


def _footer(draft: Draft, names: Names) -> list[str]:
    lines = [f"Quotes in the text: {len(draft.quotes)}"
             + (f", up to the likely boilerplate at line {draft.boilerplate.line}"
                if draft.boilerplate else "") + ".",
             "Ready to paste into a call's quotes: check each likely speaker."]
    for quote in draft.quotes:
        lines.append(f"  - words: {scalar(quote.words)}  # line {quote.line}")
        lines.append(f"    source: {draft.source_id}")
        if quote.speaker:
            lines.append(f"    speaker: {quote.speaker}  # likely: {quote.why}")
        elif quote.speaker_as:
            lines.append(f"    speaker_as: {scalar(quote.speaker_as)}  # likely: {quote.why}")
        elif quote.unrecorded:
            lines.append(f"    speaker:  # likely {quote.unrecorded} ({quote.why}), who has no "
                         f"actor record: briefing new actor {_person_id(quote.unrecorded)}")
        else:
            lines.append("    speaker:  # unknown: no name near the quote")
    lines.append("")
    lines.append("Known records the text mentions (by name or alias):")
    for kind in ("actors", "organizations", "calls"):
        found = draft.mentions.get(kind, {})
        if not found:
            lines.append(f"  {kind}: none")
            continue
        lines.append(f"  {kind}:")
        for record_id in sorted(found):
            surfaces: dict[str, int] = {}
            for mention in found[record_id]:
                surfaces[mention.surface] = surfaces.get(mention.surface, 0) + 1
            shown = ", ".join(f"{s!r} x{n}" for s, n in sorted(surfaces.items()))
            lines.append(f"    {record_id}: {shown}")
    if draft.unrecorded_people:
        lines.append("")
        lines.append("People the text quotes or cites who have no actor record:")
        for person, line in sorted(draft.unrecorded_people.items(), key=lambda kv: kv[1]):
            lines.append(f"  {person} (line {line})")
    return lines
