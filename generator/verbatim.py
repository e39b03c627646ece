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
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\S+")


def fold(text: str) -> str:
    """The comparison form of a text."""
    return _SPACE.sub(" ", text.translate(_FOLD)).strip()


class Origin(Sequence[int]):
    """origin[i] is the index in the original text of folded character i.

    Stored per word rather than per character (folding only changes whitespace, so within a
    word the offset is constant): building it is one regex pass, a lookup a binary search.
    """

    def __init__(self, folded_starts: list[int], original_starts: list[int], lengths: list[int]):
        self._folded, self._original, self._lengths = folded_starts, original_starts, lengths
        self._size = folded_starts[-1] + lengths[-1] if lengths else 0

    def __len__(self) -> int:
        return self._size

    def __getitem__(self, index: int) -> int:  # type: ignore[override] - no slices needed
        if index < 0:
            index += self._size
        if not 0 <= index < self._size:
            raise IndexError(index)
        word = bisect.bisect_right(self._folded, index) - 1
        offset = index - self._folded[word]
        if offset < self._lengths[word]:
            return self._original[word] + offset
        return self._original[word + 1] - 1  # the space folded from the run before next word


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
        folded_starts: list[int] = []
        original_starts: list[int] = []
        lengths: list[int] = []
        words: list[str] = []
        at = 0
        for match in _WORD.finditer(original.translate(_FOLD)):
            word = match.group()
            folded_starts.append(at)
            original_starts.append(match.start())
            lengths.append(len(word))
            words.append(word)
            at += len(word) + 1
        folded = " ".join(words)
        return cls(original, folded, Origin(folded_starts, original_starts, lengths), len(folded))

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
    short = passage if len(passage) <= 160 else passage[:157] + "..."
    closest = text.closest(passage)
    message = f"{what} not found verbatim in source '{source_id}': \"{short}\""
    if closest:
        message += f"; closest passage in the source: \"{closest}\""
        diff = _first_difference(fold(passage), closest)
        if diff:
            message += f" (yours has {diff[0]!r} where the source has {diff[1]!r})"
    return message


def _first_difference(mine: str, theirs: str) -> tuple[str, str] | None:
    """The first words that differ, ignoring punctuation at the edges of the window."""
    a = [w.strip(_EDGE) for w in mine.split(" ")]
    b = [w.strip(_EDGE) for w in theirs.split(" ")]
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag != "equal":
            return " ".join(a[i1:i2]) or "nothing", " ".join(b[j1:j2]) or "nothing"
    return None


_EDGE = "\"'.,;:!?()[]"
