"""Direct quotes and their likely speakers.

A quote's likely speaker, in this order:
1. a pronoun continuation: a sentence that opens "He said …" or a quote followed by ", she
   added" continues the speaker of the quote before it (in the paragraph or the one before);
2. in the quote's sentence, the person a speech verb attaches to ("X said", "according to X",
   "X, an adviser to Y, told …" — an apposition between the name and the verb belongs to X, and
   a person named inside it is not the speaker);
3. else the first person named before the quote in its sentence (the subject), else the nearest;
4. failing that, in its paragraph: the person a speech verb attaches to, else the nearest.
Sentence boundaries are found once per paragraph, so 2,000 quotes in one paragraph cost no more
than 2,000 quotes spread over many.
"""

from __future__ import annotations

import bisect
import re

from .model import Draft, FoundQuote
from .names import Names
from .speakers import INSTITUTION, FullNames

DESCRIBED = re.compile(
    r"\b(?:[Aa]n?|[Tt]he|[Oo]ne)\s++"
    r"(?:(?!(?:said|says|told|and|or|of|to|that)\b)[\w.’'-]++\s++){0,3}?"
    r"(?:officials?|aides?|advis[eo]rs?|spokes(?:man|woman|person)|diplomats?|"
    r"(?:press\s+)?secretary)\b")
"""An unnamed speaker as the text describes them: "a senior administration official"."""
SAID = re.compile(r"(?P<name>(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?[A-Z][a-z]++(?:\s[A-Z][a-z]++){0,2})"
                  r"(?=\s{1,3}(?:said|says|told|added|warned|wrote|stressed)\b)")
"""A capitalised name right before a speech verb: 'Ushakov said', 'Mr. Miles said'."""
NOT_NAMES = {"The", "He", "She", "It", "They", "We", "I", "But", "And", "Officials", "This",
             "That", "There", "Both", "Neither", "His", "Her", "Their", "A", "An", "In", "On"}
VERBS = (r"(?:said|says|told|added|warned|stated|noted|insisted|explained|responded|wrote|"
         r"posted|tweeted|called|stressed|announced)")
SPOKEN_AFTER = re.compile(rf",?\s{{1,3}}(?:also\s+)?{VERBS}\b")
SPOKEN_BEFORE = re.compile(r"(?:[,\"”]\s{0,3}(?:said|says)|according to)\s{1,3}(?:the\s)?$")
"""'"…," said X' or 'according to X' (not 'The Kremlin said X had told …': X is reported)."""
APPOSITION = re.compile(r",\s?(?:an?|the|his|her|its|their|[a-z]+'s)\s[^,;“”\"]{1,100}?,")
"""', a foreign policy adviser to Putin,' between a name and what it does."""
PRONOUN_OPENS = re.compile(rf"\s*(?:He|She)\s+(?:also\s+)?{VERBS}\b")
PRONOUN_AFTER = re.compile(rf"[,.!?]?[\"”]?\s{{1,3}}(?:he|she)\s+(?:also\s+)?{VERBS}\b")
"""'"…," he said' / '"…," she added' right after the closing quotation mark."""
SENTENCE_END = re.compile(r"[.!?][\"”’)]?\s++(?=[A-Z“\"(])")
_SHORT_MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
ABBREVIATIONS = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Lt|Col|No|vs|[A-Z])|"
                           rf"{_SHORT_MONTHS}|U\.S|U\.K|[ap]\.m)$")
"""Words whose full stop does not end a sentence."""

Person = tuple[int, int, str, str]
"""(start, end, kind, value) in a paragraph: kind is actor, described or unrecorded."""


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each non-empty line: these articles put a paragraph on a line."""
    spans, offset = [], 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            spans.append((offset, offset + len(line.rstrip("\r\n"))))
        offset += len(line)
    return spans


def quote_spans(paragraph: str) -> list[tuple[int, int]]:
    """(start, end) of the words inside each pair of double quotation marks."""
    spans = [(m.start(1), m.end(1)) for m in re.finditer(r"“([^“”]++)(?:”|$)", paragraph)]
    starts = [s for s, _ in spans]
    straight = [m.start() for m in re.finditer('"', paragraph)]
    for open_, close in zip(straight[0::2], straight[1::2]):
        at = bisect.bisect_right(starts, open_) - 1
        if at < 0 or not spans[at][0] <= open_ < spans[at][1]:
            spans.append((open_ + 1, close))
    return sorted(spans)


def sentence_bounds(paragraph: str, quotes: list[tuple[int, int]]) -> list[int]:
    """Offsets where a sentence starts (0 first); quoted words never end a sentence."""
    masked = list(paragraph)
    for start, end in quotes:
        masked[start:max(start, end - 1)] = "x" * (max(start, end - 1) - start)
    flat = "".join(masked)
    bounds = [0]
    for match in SENTENCE_END.finditer(flat):
        if not ABBREVIATIONS.search(flat[max(0, match.start() - 4):match.start()]):
            bounds.append(match.end())
    return bounds


def _sentence(bounds: list[int], length: int, at: int) -> tuple[int, int]:
    index = bisect.bisect_right(bounds, at) - 1
    return bounds[index], bounds[index + 1] if index + 1 < len(bounds) else length


def find_quotes(draft: Draft, text: str, names: Names) -> None:
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    previous: FoundQuote | None = None
    """The last attributed quote of the previous paragraph with quotes, or of this one."""
    for p_start, p_end in paragraphs(text):
        paragraph = text[p_start:p_end]
        quotes = quote_spans(paragraph)
        if not quotes:
            previous = None if paragraph.strip() and not _continues(paragraph) else previous
            continue
        people = _people(draft, paragraph, quotes, names, line_starts, p_start)
        bounds = sentence_bounds(paragraph, quotes)
        for q_start, q_end in quotes:
            words = paragraph[q_start:q_end].strip().rstrip(",;:").strip()
            if len(words) < 3:
                continue
            found = FoundQuote(words, bisect.bisect_right(line_starts, p_start + q_start))
            sentence = _sentence(bounds, len(paragraph), q_start)
            if previous is not None and _pronoun_continues(paragraph, sentence, q_end):
                _copy_speaker(found, previous)
            else:
                likely_speaker(found, paragraph, sentence, q_start, q_end, people)
            found.sentence = paragraph[sentence[0]:sentence[1]].strip()
            draft.quotes.append(found)
            if found.attributed:
                previous = found


def _continues(paragraph: str) -> bool:
    """Does a paragraph without quotes carry the speaker on ("He said …")?"""
    return bool(PRONOUN_OPENS.match(paragraph))


def _pronoun_continues(paragraph: str, sentence: tuple[int, int], q_end: int) -> bool:
    opens = PRONOUN_OPENS.match(paragraph, sentence[0])
    return bool(opens) or bool(PRONOUN_AFTER.match(paragraph, q_end + 1))


def _copy_speaker(found: FoundQuote, previous: FoundQuote) -> None:
    found.speaker, found.speaker_as = previous.speaker, previous.speaker_as
    found.unrecorded, found.speaker_org = previous.unrecorded, previous.speaker_org
    found.new_org, found.org_name = previous.new_org, previous.org_name
    found.why = "he/she continues the speaker of the quote before"


def _people(draft: Draft, paragraph: str, quotes: list[tuple[int, int]], names: Names,
            line_starts: list[int], p_start: int) -> list[Person]:
    starts = [s for s, _ in quotes]

    def inside(a: int, b: int) -> bool:
        at = bisect.bisect_right(starts, a + 1) - 1
        return at >= 0 and quotes[at][0] - 1 <= a and b <= quotes[at][1] + 1

    people: list[Person] = []
    known = names.find(paragraph)
    for mention in known:
        if inside(mention.start, mention.end):
            continue
        if mention.kind == "actors":
            people.append((mention.start, mention.end, "actor", mention.id))
        elif mention.kind == "organizations" and speaks(paragraph, mention.start, mention.end):
            before = max(0, mention.start - 4)
            article = re.search(r"\b[Tt]he\s$", paragraph[before:mention.start])
            start = before + article.start() if article else mention.start
            people.append((start, mention.end, "org", mention.id))
    known_orgs = [(m.start, m.end) for m in known if m.kind == "organizations"]
    for match in INSTITUTION.finditer(paragraph):  # an institution with no record
        if (not any(s < match.end() and match.start() < e for s, e in known_orgs)
                and not inside(match.start(), match.end())
                and speaks(paragraph, match.start(), match.end())):
            name = re.sub(r"^[Tt]he\s+", "", match.group())
            people.append((match.start(), match.end(), "neworg", name))
    for match in DESCRIBED.finditer(paragraph):
        if not inside(match.start(), match.end()):
            people.append((match.start(), match.end(), "described", match.group()))
    known_spans = sorted((m.start, m.end) for m in known)
    for match in SAID.finditer(paragraph):
        name = match.group("name")
        at = bisect.bisect_left(known_spans, (match.end(), -1))
        overlaps = any(s < match.end() and match.start() < e
                       for s, e in known_spans[max(0, at - 3):at + 1])
        if name.split()[0] not in NOT_NAMES and not inside(match.start(), match.end()) \
                and not overlaps:
            people.append((match.start(), match.end(), "unrecorded", name))
            line = bisect.bisect_right(line_starts, p_start + match.start())
            draft.unrecorded_people.setdefault(name, line)
    actors = sorted((s, e) for s, e, kind, _ in people if kind == "actor")
    actor_starts = [s for s, _ in actors]

    def named(start: int, end: int) -> bool:  # "The White House press secretary": the holder
        at = bisect.bisect_left(actor_starts, end)
        return any(s < end and start < e for s, e in actors[max(0, at - 3):at])

    return sorted(p for p in people if p[2] != "described" or not named(p[0], p[1]))


def speaks(paragraph: str, start: int, end: int) -> bool:
    """Does a speech verb attach to the person named at start:end ("X said", "according to X",
    "X, an adviser to Y, told")?"""
    if SPOKEN_AFTER.match(paragraph, end) or SPOKEN_BEFORE.search(paragraph, max(0, start - 20), start):
        return True
    apposition = APPOSITION.match(paragraph, end)
    return bool(apposition and SPOKEN_AFTER.match(paragraph, apposition.end() - 1))


def _in_apposition(paragraph: str, people: list[Person], start: int) -> bool:
    """Is the person at `start` named inside another's apposition (", an adviser to Putin,")?"""
    for _, other_end, _, _ in people:  # the sentence's people: a handful
        if start - 110 <= other_end <= start:  # an apposition is at most ~100 characters
            apposition = APPOSITION.match(paragraph, other_end)
            if apposition and other_end < start < apposition.end():
                return True
    return False


def _before(people: list[Person], start: int, reach: int = 110) -> list[Person]:
    """The people (sorted by start) who begin within `reach` characters before `start`."""
    starts = [p[0] for p in people]
    return people[bisect.bisect_left(starts, start - reach):bisect.bisect_left(starts, start)]


def likely_speaker(found: FoundQuote, paragraph: str, sentence: tuple[int, int],
                   q_start: int, q_end: int, people: list[Person]) -> None:
    s_start, s_end = sentence
    starts = [p[0] for p in people]  # people are sorted by start (see _people)
    for (low, high), where in (((s_start, s_end), "same sentence"),
                               ((0, len(paragraph)), "same paragraph")):
        in_scope = [p for p in people[bisect.bisect_left(starts, low):
                                      bisect.bisect_left(starts, high)] if p[1] <= high]
        near = sorted((max(q_start - end, start - q_end, 0), start, end, kind, value)
                      for start, end, kind, value in in_scope)
        if not near:
            continue
        spoken = [n for n in near if speaks(paragraph, n[1], n[2])
                  and not _in_apposition(paragraph, _before(in_scope, n[1]), n[1])]
        subject = [n for n in sorted(near, key=lambda n: n[1]) if n[1] < q_start]
        direct = [n for n in spoken if n[1] >= q_end and n[1] - q_end <= 6]
        according = [n for n in spoken if n[1] >= q_end
                     and re.search(r"according to\s(?:the\s)?$", paragraph[max(0, n[1] - 17):n[1]])]
        if according and not direct:  # 'X warned of "…", according to Y': Y's words
            chosen, found.why = according[0], f"{where}, according to"
        elif spoken:
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
        elif kind == "org":
            found.speaker_org, found.org_name = value, paragraph[chosen[1]:chosen[2]]
        elif kind == "neworg":
            found.new_org, found.org_name = value, paragraph[chosen[1]:chosen[2]]
        else:
            found.unrecorded = value
        return


def refine_speakers(draft: Draft, text: str, names: Names) -> None:
    """What the whole text settles about each quote's speaker:
    - a description the text also puts before a known person's name ("the Kremlin aide" after
      "Kremlin aide Yury Ushakov") is that person;
    - a surname with no record is proposed under the fullest name the text gives ("Scholz" as
      Olaf Scholz), so the new actor's id is the person's, not a guess at a known one."""
    named_after: dict[str, str] = {}
    for mention in names.find(text):
        if mention.kind != "actors":
            continue
        before = text[max(0, mention.start - 60):mention.start]
        lead = re.search(r"([A-Za-zÀ-ÿ’'. -]{3,60}?)\s+(?:[A-Z][\w’'-]+\s+)?$", before)
        if lead:
            named_after.setdefault(lead.group(1).strip().lower(), mention.id)
    # Every way a description can end ('the premier's adviser' ends 'adviser'), so that each
    # quote looks its speaker's description up once instead of comparing it with every one.
    by_ending: dict[str, str] = {}
    for described, actor in named_after.items():
        words = described.split(" ")
        for first in range(len(words)):
            by_ending.setdefault(" ".join(words[first:]), actor)
    full_names = FullNames(text)
    for quote in draft.quotes:
        if quote.speaker_as:
            bare = re.sub(r"^(?:the|a|an)\s+", "", quote.speaker_as.strip(), flags=re.I).lower()
            named = by_ending.get(bare) if bare and "official" not in bare else None
            if named is not None:
                quote.speaker, quote.speaker_as = named, None
                quote.why += f"; the text names '{bare}' as this person"
        if quote.unrecorded and len(quote.unrecorded.split()) == 1:
            fuller = full_names.of(quote.unrecorded)
            known = names.actor(fuller) if fuller else None
            if known:  # "Brown" is the Bob Brown of a record: never proposed as a new actor
                draft.unrecorded_people.pop(quote.unrecorded, None)
                quote.why += f"; the text names '{quote.unrecorded}' in full as '{fuller}'"
                quote.speaker, quote.unrecorded = known, None
            elif fuller:
                draft.unrecorded_people.setdefault(fuller, draft.unrecorded_people.get(
                    quote.unrecorded, quote.line))
                draft.unrecorded_people.pop(quote.unrecorded, None)
                quote.unrecorded = fuller
