"""Benchmark: how long the messages for mistyped input take (a mistake is reported in seconds).

    .venv/bin/python benchmarks/messages.py            # every case
    .venv/bin/python benchmarks/messages.py --quick    # without the 50 MB text

Each case times one `verbatim.mismatch_message` (the "closest passage in the source" search) on
synthetic English-like prose: a passage copied from the text with one word changed, against a
text of the given size, and prints CPU seconds and whether the closest passage the message shows
is the copied words (or, for a short passage in a huge text, other words just as close). Times
are CPU seconds (time.process_time) of this process.

Last line:  bench-messages: worst_s=W   (the slowest case)
"""

from __future__ import annotations

import argparse
import difflib
import itertools
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.core.verbatim import FoldedText, mismatch_message  # noqa: E402

FUNCTION_WORDS = ["the", "of", "and", "to", "a", "in", "that", "is", "was", "he", "for", "it", "with", "as", "his", "on", "be", "at", "by", "had", "not", "are", "but", "from", "or", "have", "an", "they", "which", "one", "you", "were", "her", "all", "she", "there", "would", "their", "we", "him", "been", "has", "when", "who", "will", "more", "no", "if", "out", "so", "said", "what", "up", "its", "about", "into", "than", "them", "can", "only", "other", "new", "some", "could", "time", "these", "two", "may", "then", "do", "first", "any", "my", "now", "such", "like", "our", "over", "man", "me", "even", "most", "made", "after", "also", "did", "many", "before", "must", "through", "back", "years", "where", "much", "your", "way", "well", "down", "should", "because", "each", "just", "those", "people", "how", "too", "little", "state", "good", "very", "make", "world", "still", "own", "see", "men", "work", "long", "get", "here", "between", "both", "life", "being", "under", "never", "day", "same", "another", "know", "while", "last", "might", "us", "great", "old", "year", "off", "come", "since", "against", "go", "came", "right", "used", "take", "three"]


def prose(size: int, seed: int = 18) -> str:
    """About `size` characters of sentences and paragraphs, with a Zipf-like vocabulary."""
    rng = random.Random(seed)
    syllables = ["ka", "lo", "mi", "ter", "an", "vel", "sor", "in", "du", "ra", "po", "net",
                 "ex", "gra", "ul", "be", "son", "tri", "mar", "os"]
    content = ["".join(rng.choice(syllables) for _ in range(rng.randint(1, 4)))
               for _ in range(6_000)]
    cumulative = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(content))))
    parts: list[str] = []
    length = 0
    while length < size:
        sentence = []
        for _ in range(rng.randint(6, 28)):
            if rng.random() < 0.45:
                sentence.append(rng.choice(FUNCTION_WORDS))
            else:
                sentence.append(rng.choices(content, cum_weights=cumulative)[0])
        text = " ".join(sentence).capitalize() + rng.choice([".", ".", ".", "?", ","])
        text += "\n\n" if rng.random() < 0.15 else " "
        parts.append(text)
        length += len(text)
    return "".join(parts)[:size]


def _alike(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def case(label: str, text_size: int, passage_size: int) -> float:
    text = prose(text_size)
    folded = FoldedText.of(text)
    middle = folded.folded.find(" ", text_size // 2) + 1
    end = folded.folded.rfind(" ", 0, middle + passage_size)
    copied = folded.folded[middle:end]
    words = copied.split(" ")
    changed = words[:]
    at = len(words) // 3
    changed[at] = "zzwrongzz"
    passage = " ".join(changed)
    started = time.process_time()
    message = mismatch_message("quote", passage, folded, "bench")
    seconds = time.process_time() - started
    closest, _ = folded.closest_scored(passage)
    if closest == copied.strip(".,;:!?"):
        verdict = "the copied words"
    elif _alike(closest, passage) >= _alike(copied, passage):
        verdict = "other words as close"
    else:
        verdict = "MISSED"
    assert "closest passage in the source" in message
    print(f"{label:<44} {len(passage):>7,} chars  {text_size:>12,} chars  {seconds:8.2f} s  "
          f"closest: {verdict}", flush=True)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="skip the 50 MB text")
    args = parser.parse_args()
    cases = [("a 4,900-char near-miss, 11.6 kB text", 11_600, 4_900),
             ("a 5,000-char near-miss, 1 MB text", 1_000_000, 5_000),
             ("a four-word near-miss, 1 MB text", 1_000_000, 25),
             ("a 5,000-char near-miss, 2 MB text (the limit)", 2_000_000, 5_000)]
    if not args.quick:
        cases.append(("a four-word near-miss, 50 MB text", 50_000_000, 25))
    print(f"{'case':<44} {'passage':>13}  {'text':>18}  {'CPU':>10}")
    worst = max(case(*one) for one in cases)
    print(f"bench-messages: worst_s={worst:.2f}")


if __name__ == "__main__":
    main()
