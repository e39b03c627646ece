"""Golden tests: the Markdown rendered for the mini fixture corpus, page by page.

After an intended change to the output, regenerate the expected pages with

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py

and review the diff (`git diff tests/golden`) before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.core.history import NO_HISTORY
from generator.core.pipeline import generate

from .conftest import MINI

GOLDEN = Path(__file__).parent / "golden" / "mini"
PAGES = generate(MINI, NO_HISTORY)  # not the fixture's own git history, which commits change


def test_golden_page_set_is_exactly_the_generated_set():
    """No page is missing from, or extra to, the golden set."""
    if os.environ.get("UPDATE_GOLDEN"):
        for old in GOLDEN.rglob("*.md"):
            old.unlink()
        for path, text in PAGES.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_text(text, "utf-8")
    expected = sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.md"))
    assert sorted(PAGES) == expected


@pytest.mark.parametrize("path", sorted(PAGES))
def test_page_matches_golden(path: str):
    """Each rendered page equals its golden copy byte for byte."""
    assert PAGES[path] == (GOLDEN / path).read_text("utf-8")
