"""Verbatim verification: does a quoted passage really stand in its source's text?

Texts and passages are compared after folding: runs of whitespace become one space, curly quotes
become straight ones, dashes become hyphens. Each source text is folded once; a lookup is then a
substring search in that one text (linear in its length), never a scan of every text.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

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
    """The comparison form of a text."""
    return _SPACE.sub(" ", _translate(text)).strip()


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
    def of(cls, translated: str, size: int) -> "Origin":
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

    def __getitem__(self, index: int) -> int:  # type: ignore[override] - no slices needed
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

    @classmethod
    def of(cls, original: str) -> "FoldedText":
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

    def closest(self, passage: str) -> str:
        """The passage of the text most like `passage`, for an error message.

        Word windows of the passage's length are ranked cheaply; the best few, and windows one
        word shorter or longer around them, are then compared character by character.
        """
        words = self.folded[: self.body_end].split(" ")
        target_text = fold(passage)
        target = target_text.split(" ")
        size = max(1, len(target))
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(target)
        scored: list[tuple[float, int]] = []
        for start in range(0, max(1, len(words) - size + 1)):
            matcher.set_seq1(words[start: start + size])
            if scored and matcher.real_quick_ratio() < scored[-1][0] - 0.2:
                continue
            scored.append((matcher.ratio(), start))
            scored.sort(reverse=True)
            del scored[8:]
        best, best_score = "", -1.0
        chars = difflib.SequenceMatcher(autojunk=False)
        chars.set_seq2(target_text)
        for _, start in scored:
            for a in (start - 1, start, start + 1):
                for b in (start + size - 1, start + size, start + size + 1):
                    if a < 0 or b <= a or b > len(words):
                        continue
                    candidate = " ".join(words[a:b])
                    chars.set_seq1(candidate)
                    score = chars.ratio()
                    if score > best_score:
                        best, best_score = candidate, score
        return best.strip(_EDGE + " ")


def mismatch_message(what: str, passage: str, text: FoldedText, source_id: str) -> str:
    """The error for a passage that is not in its source, pointing at the nearest words."""
    short = _shorten(passage, 160)
    if not any(char.isalnum() for char in passage):
        return (f"{what} has no words (\"{short}\"): copy the words exactly as source "
                f"'{source_id}' prints them")
    closest = text.closest(passage)
    message = f"{what} not found verbatim in source '{source_id}': \"{short}\""
    if closest and difflib.SequenceMatcher(None, fold(passage), closest).ratio() >= SIMILAR:
        message += f"; closest passage in the source: \"{_shorten(closest, 160)}\""
        diff = _first_difference(fold(passage), closest)
        if diff:
            message += (f" (yours has {_shorten(diff[0], 60)!r} where the source has "
                        f"{_shorten(diff[1], 60)!r})")
    else:
        message += "; nothing like it stands in that text (is it from another source?)"
    return message


SIMILAR = 0.5
"""How alike a passage and the closest words of the text must be for the message to show them."""


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _first_difference(mine: str, theirs: str) -> tuple[str, str] | None:
    """The first words that differ, ignoring punctuation at the edges of the window."""
    a = [w.strip(_EDGE) for w in mine.split(" ")]
    b = [w.strip(_EDGE) for w in theirs.split(" ")]
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag != "equal":
            return " ".join(a[i1:i2]) or "nothing", " ".join(b[j1:j2]) or "nothing"
    return None


_EDGE = "\"'.,;:!?()[]"
