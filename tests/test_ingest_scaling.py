"""Ingest reads an article in time linear in its length, whatever its shape (issue 28: 32,000
lines took 35 s, 150,000 lines were killed at 300 s, each line rescanning the whole text or every
clue found so far).

Not a wall-clock threshold: twice the lines must cost about twice the time. A linear reader
doubles (ratio 2), a quadratic one quadruples (ratio 4). The time is this process's CPU time,
with the cyclic garbage collector paused (its passes grow with the heap, not with ingest's
work), the best of three runs of each size: other processes of a shared machine stay out.
"""

from __future__ import annotations

import gc
import shutil
import time
from pathlib import Path

import pytest

from generator.curator.ingest import drafting

from .conftest import MINI

LINES = 6_000
RUNS = 3
LINEAR = 3.0
"""The largest ratio accepted between the times of 2n and n lines."""

SHAPES = {
    "paragraphs": lambda i: ("“We are ready to talk,” Adams said on Tuesday, according to a senior official.",
                             "Brown, an adviser to the premier, told reporters that the call was useful.",
                             "Contributed by Dan Dunn. Reporting by Eve East.",
                             "The call lasted 50 minutes, officials said, and covered trade.",
                             "He said the talks would resume.")[i % 5],
    "quotes": lambda i: f"“Words number {i} here,” Brown said.",
    "short-lines": lambda i: f"Line {i} ok.",
    "people": lambda i: f"Contributed by Alpha{i} Beta{i}." if i % 2 else f"Reached by Person{i} Name{i}",
    "datelines": lambda i: f"MOSCOW (AP) — Story {i}",
}


def _seconds(tmp_path: Path, shape: str, lines: int) -> float:
    """The best of RUNS ingests of an article of `lines` lines of `shape`."""
    article = tmp_path / f"{shape}-{lines}.txt"
    article.write_text("Trade Talks Resume\n\nBy Carol Clerk\n\n"
                       + "\n".join(SHAPES[shape](i) for i in range(lines)) + "\n", "utf-8")
    best = float("inf")
    for run in range(RUNS):
        content = tmp_path / f"content-{shape}-{lines}-{run}"
        shutil.copytree(MINI, content)
        gc.collect()
        gc.disable()
        try:
            start = time.process_time()
            drafting.ingest(article, content)
            best = min(best, time.process_time() - start)
        finally:
            gc.enable()
    return best


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_twice_the_lines_cost_about_twice_the_time(tmp_path: Path, shape: str) -> None:
    small = _seconds(tmp_path, shape, LINES)
    large = _seconds(tmp_path, shape, 2 * LINES)
    assert large / small < LINEAR, (shape, small, large)
