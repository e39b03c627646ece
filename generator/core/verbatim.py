"""Verbatim verification: does a quoted passage really stand in its source's text?

Texts and passages are compared after folding: runs of whitespace become one space, curly quotes
become straight ones, dashes become hyphens. Each source text is folded once; a lookup is then a
substring search in that one text (linear in its length), never a scan of every text.
"""

from __future__ import annotations

import bisect
import difflib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

_FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\u00a0": " ",
})
_FOLDED = {chr(code): folded for code, folded in _FOLD.items()}
_TO_FOLD = re.compile("[" + "".join(_FOLDED) + "]")
"""The characters folding replaces; a regex finds them far faster than str.translate scans."""
_SPACE = re.compile(r"\s+")
_RUN = re.compile(r"\s{2,}")


def fold(text: str) -> str:
    """The comparison form of a passage: composed (NFC, as source texts are on reading, so an
    'é' typed as 'e' and an accent matches), then folded."""
    return _SPACE.sub(" ", _translate(unicodedata.normalize("NFC", text))).strip()


def _translate(text: str) -> str:
    """text.translate(_FOLD), character for character."""
    return _TO_FOLD.sub(lambda match: _FOLDED[match.group()], text)


class Origin(Sequence[int]):
    """origin[i] is the index in the original text of folded character i.

    Folding keeps every character but runs of whitespace, which become one space (standing for
    the run's last character) and are dropped at the ends; so only the runs of two or more
    characters shift what follows. They are kept, with the shift after each, and a lookup is a
    binary search: building the map is a regex pass, never a Python loop over characters.
    """

    def __init__(self, size: int, lead: int, runs: list[int], shifts: list[int]):
        self._size, self._lead, self._runs, self._shifts = size, lead, runs, shifts

    @classmethod
    def of(cls, translated: str, size: int) -> Origin:
        lead = len(translated) - len(translated.lstrip())
        runs: list[int] = []
        shifts: list[int] = [0]
        for match in _RUN.finditer(translated, lead):
            if match.end() == len(translated):
                break  # trailing whitespace is dropped
            runs.append(match.start() - lead - shifts[-1])  # where its single space is folded
            shifts.append(shifts[-1] + len(match.group()) - 1)
        return cls(size, lead, runs, shifts)

    def __len__(self) -> int:
        return self._size

    def __getitem__(self, index: int) -> int:  # type: ignore[override]  # no slices needed
        if index < 0:
            index += self._size
        if not 0 <= index < self._size:
            raise IndexError(index)
        return index + self._lead + self._shifts[bisect.bisect_right(self._runs, index)]


@dataclass
class FoldedText:
    """A source text in folded form, with a map back to positions in the original."""

    original: str
    folded: str
    origin: Sequence[int]
    """origin[i] is the index in `original` of folded character i."""
    body_end: int
    """Folded index where citable text ends (boilerplate starts); len(folded) if none."""
    _index: tuple[int, list[str], dict[str, list[int]]] | None = field(default=None, repr=False)
    """(body_end, words, where each word key stands), built for the first mismatch message."""

    @classmethod
    def of(cls, original: str) -> FoldedText:
        translated = _translate(original)
        folded = _SPACE.sub(" ", translated).strip()
        return cls(original, folded, Origin.of(translated, len(folded)), len(folded))

    def find(self, passage: str) -> int:
        """Folded start index of passage in the citable body, or -1."""
        return self._find(fold(passage))

    def _find(self, needle: str) -> int:
        if not needle:
            return -1
        return self.folded.find(needle, 0, self.body_end)

    def span(self, passage: str) -> tuple[int, int] | None:
        """(start, end) of passage in the original text, or None."""
        needle = fold(passage)
        at = self._find(needle)
        if at < 0:
            return None
        return self.origin[at], self.origin[at + len(needle) - 1] + 1

    def closest_scored(self, passage: str) -> tuple[str, float]:
        """The words of the text most like `passage`, and how alike they are (0 to 1)."""
        (start, end), score = self.closest_span(passage)
        words, _ = self._words()
        return " ".join(words[start:end]).strip(_EDGE + " "), score

    def closest_span(self, passage: str) -> tuple[tuple[int, int], float]:
        """Where the words most like `passage` stand (word indices in the citable body), and how
        alike they are (0 to 1), capital letters aside.

        Bounded whatever the sizes: the passage's rarest words (in this text) vote for where it
        would start, each occurrence for one place; only the few places with most votes are
        aligned word by word, in a window around them, and only a short passage is then
        refined character by character. Never a comparison at every position of the text.
        """
        target_text = fold(passage)
        target = target_text.split(" ")
        keys = [_key(word) for word in target]
        words, index = self._words()
        size = len(target)
        places = _vote(keys, index, max(1, size // 8))
        best, best_score = (0, 0), -1.0
        for place in places:
            low = max(0, place - size // 4 - 2)
            window = range(low, min(len(words), place + size + size // 4 + 2))
            span, score = _align(keys, [_key(words[i]) for i in window], low)
            if score > best_score:
                best, best_score = span, score
        if best_score <= 0:
            return (0, 0), 0.0
        if len(target_text) <= _REFINE:
            best, best_score = _refine(target_text, words, best)
        return best, best_score

    def _words(self) -> tuple[list[str], dict[str, list[int]]]:
        """The citable body's words and, by comparison key, where each stands (built once)."""
        if self._index is None or self._index[0] != self.body_end:
            words = self.folded[: self.body_end].split(" ")
            index: dict[str, list[int]] = {}
            for at, word in enumerate(words):
                index.setdefault(_key(word), []).append(at)
            self._index = (self.body_end, words, index)
        return self._index[1], self._index[2]


_RARE = 64
"""A word standing more often than this in the text is no clue to where a passage is."""
_PLACES = 6
"""How many likely places are aligned word by word."""
_REFINE = 400
"""Passages up to this many characters get their ends adjusted character by character."""


def _key(word: str) -> str:
    return word.strip(_EDGE).lower()


def _vote(keys: list[str], index: dict[str, list[int]], bucket: int) -> list[int]:
    """Likely word positions where the passage starts: each occurrence of one of its rare
    words votes for the start it implies (grouped in buckets, so a dropped or added word
    does not split the votes)."""
    counts = {key: len(index.get(key, ())) for key in set(keys)}
    present = sorted((count, key) for key, count in counts.items() if count)
    rare = {key for count, key in present if count <= _RARE} or {key for _, key in present[:4]}
    votes: dict[int, int] = {}
    for offset, key in enumerate(keys):
        if key in rare:
            for at in index[key]:
                place = max(0, at - offset) // bucket
                votes[place] = votes.get(place, 0) + 1
    ranked = sorted(votes.items(), key=lambda item: (-item[1], item[0]))[:_PLACES]
    return [place * bucket for place, _ in ranked]


def _align(keys: list[str], window: list[str], low: int) -> tuple[tuple[int, int], float]:
    """The stretch of `window` (word keys starting at word `low`) that lines up with the
    passage, widened by the passage's unmatched words at either end, and its word-level ratio."""
    matcher = difflib.SequenceMatcher(a=window, b=keys, autojunk=False)
    blocks = [block for block in matcher.get_matching_blocks() if block.size]
    if not blocks:
        return (0, 0), 0.0
    first, last = blocks[0], blocks[-1]
    start = max(0, first.a - first.b)
    end = min(len(window), last.a + last.size + (len(keys) - last.b - last.size))
    matched = sum(block.size for block in blocks if start <= block.a < end)
    return (low + start, low + end), 2 * matched / (len(keys) + end - start)


def _refine(target: str, words: list[str], span: tuple[int, int]) -> tuple[tuple[int, int], float]:
    """The span with its ends moved by up to two words, whichever reads most like target."""
    # A passage typed in capitals only (copied from a headline, or shouted) carries no
    # information in its capitals: compared regardless of them, it is still that sentence.
    # Otherwise capitals count, and a headline from another source is no near miss.
    uncased = not any(char.islower() for char in target)
    chars = difflib.SequenceMatcher(autojunk=False)
    chars.set_seq2(target.casefold() if uncased else target)
    best, best_score = span, -1.0
    for a in range(span[0] - 2, span[0] + 3):
        for b in range(span[1] - 2, span[1] + 3):
            if a < 0 or b <= a or b > len(words):
                continue
            candidate = " ".join(words[a:b])
            chars.set_seq1(candidate.casefold() if uncased else candidate)
            score = chars.ratio()
            if score > best_score:
                best, best_score = (a, b), score
    return best, best_score


def mismatch_message(what: str, passage: str, text: FoldedText, source_id: str) -> str:
    """The error for a passage that is not in its source, pointing at the nearest words."""
    short = _shorten(passage, 160)
    if not any(char.isalnum() for char in passage):
        return (f"{what} has no words (\"{short}\"): copy the words exactly as source "
                f"'{source_id}' prints them")
    (start, end), score = text.closest_span(passage)
    words, _ = text._words()
    closest = " ".join(words[start:end]).strip(_EDGE + " ")
    message = f"{what} not found verbatim in source '{source_id}': \"{short}\""
    if closest and score >= SIMILAR:
        message += f"; closest passage in the source: \"{_shorten(closest, 160)}\""
        difference = _difference(fold(passage), words[start:end], words[max(0, start - 3):start],
                                 words[end:end + 3])
        if difference:
            message += f" ({difference})"
    else:
        message += "; nothing like it stands in that text (is it from another source?)"
    return message


SIMILAR = 0.5
"""How alike a passage and the closest words of the text must be for the message to show them."""


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _difference(mine: str, theirs: list[str], before: list[str], after: list[str]) -> str:
    """The first difference between the passage and the closest words of the source, in words.
    When the passage begins before them or runs on past them, its extra words are compared with
    the source's words there (`before`, `after`), so a wrong first or last word is shown against
    the source's word at its place."""
    a = [w.strip(_EDGE) for w in mine.split(" ")]
    b = [w.strip(_EDGE) for w in theirs]
    if a != b and [w.casefold() for w in a] == [w.casefold() for w in b]:
        return "yours differs from the source in capital letters only"
    # Compared regardless of capitals (shown as written): an all-capitals copy with one wrong
    # word is shown that word, not every word.
    matcher = difflib.SequenceMatcher(a=[w.casefold() for w in a], b=[w.casefold() for w in b],
                                      autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        yours = " ".join(a[i1:i2])
        outside = None  # the source's words where the passage runs past the closest ones
        if i1 == 0 and j2 == 0 and i2 < len(a):  # the passage begins before the closest words
            outside = [w.strip(_EDGE) for w in before[len(before) - (i2 - i1):]]
            if not outside:
                return f"yours begins with {_shorten(yours, 60)!r} where the source's text begins"
        elif i2 == len(a) and j1 == len(b):  # the passage goes on where the closest words end
            outside = [w.strip(_EDGE) for w in after[: i2 - i1]]
            if not outside:
                return f"yours goes on with {_shorten(yours, 60)!r} where the source's text ends"
        if outside is not None:
            mine_part, source_part = _trim_common(a[i1:i2], outside)
            yours, source = " ".join(mine_part), " ".join(source_part)
        elif i2 == len(a):  # its last words: as many of the source's there
            source = " ".join(b[j1: j1 + max(1, i2 - i1)])
        else:
            source = " ".join(b[j1:j2])
        if not yours:
            after_word = f" after {a[i1 - 1]!r}" if i1 else " at the start"
            return f"yours leaves out {_shorten(source, 60)!r}{after_word}"
        return f"yours has {_shorten(yours, 60)!r} where the source has {_shorten(source, 60)!r}"
    return ""


def _trim_common(mine: list[str], theirs: list[str]) -> tuple[list[str], list[str]]:
    """Both word lists without the words they begin or end with alike (capitals aside)."""
    while len(mine) > 1 and len(theirs) > 1 and mine[0].casefold() == theirs[0].casefold():
        mine, theirs = mine[1:], theirs[1:]
    while len(mine) > 1 and len(theirs) > 1 and mine[-1].casefold() == theirs[-1].casefold():
        mine, theirs = mine[:-1], theirs[:-1]
    return mine, theirs


_EDGE = "\"'.,;:!?()[]"
