"""Ways to break a copy of the mini corpus, for the broken-corpus and property tests."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

Breakage = Callable[[Path], None]
"""Breaks the content directory it is given."""

VIDEO = "calls/2021-12-07-adams-brown-video-call.yaml"
PHONE = "calls/2021-12-14-adams-brown-phone-call.yaml"
TRADE = "topics/trade.yaml"
ALPHA_REPORT = "sources/alpha-report.yaml"
BETA_REPORT = "sources/beta-report.yaml"


def edit(rel: str, old: str, new: str) -> Breakage:
    """Replace the first `old` in one file by `new` (which must be there: the fixture changed?)."""
    def breakage(content: Path) -> None:
        path = content / rel
        text = path.read_text("utf-8")
        assert old in text, f"{old!r} is not in {rel}"
        path.write_text(text.replace(old, new, 1), "utf-8")
    return breakage


def write(rel: str, data: str | bytes) -> Breakage:
    """Write a file (replacing it if it exists)."""
    def breakage(content: Path) -> None:
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, "utf-8")
    return breakage


def append(rel: str, data: bytes) -> Breakage:
    """Add bytes at the end of a file."""
    def breakage(content: Path) -> None:
        with open(content / rel, "ab") as handle:
            handle.write(data)
    return breakage


def rename(rel: str, new: str) -> Breakage:
    def breakage(content: Path) -> None:
        (content / rel).rename(content / new)
    return breakage


def remove(rel: str) -> Breakage:
    def breakage(content: Path) -> None:
        (content / rel).unlink()
    return breakage


def symlink(rel: str, outside: str, data: str) -> Breakage:
    """Replace a file by a symlink to a file `outside` written next to the content folder."""
    def breakage(content: Path) -> None:
        target = content.parent / outside
        target.write_text(data, "utf-8")
        (content / rel).unlink()
        os.symlink(target, content / rel)
    return breakage


def both(*breakages: Breakage) -> Breakage:
    def breakage(content: Path) -> None:
        for one in breakages:
            one(content)
    return breakage
