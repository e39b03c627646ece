"""The "What changed" page and each record's corrections (core/changes.py decides what changed;
this module words it). Every line is Markdown built here, with curated words escaped."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..graph import Key
from ..urls import CHANGES_PAGE
from .dates import display_date
from .markup import Safe, escape

if TYPE_CHECKING:
    from ..changes import Change, Changelog, Publication
    from .page import PageBuilder

PUBLICATIONS_SHOWN = 30
"""The newest publications the page lists: it must not grow with the history."""
LINES_SHOWN = 25
"""The changes listed per publication; the rest are counted (a first import adds thousands)."""
WORDS = {"added": "Added", "removed": "Removed", "renamed": "Renamed", "changed": "Changed",
         "corrected": "Corrected"}
ORDER = ("corrected", "added", "changed", "renamed", "removed")
"""Corrections first: they are what a reader of an earlier version most needs to know."""


def _quoted(text: str | None) -> str:
    return f"“{escape(text)}”" if text else "nothing"


def _record(p: PageBuilder, change: Change, exists: bool) -> str:
    if exists:
        return str(p.key(change.key))
    return f"“{escape(change.label or change.key.id)}”"


def change_line(p: PageBuilder, change: Change) -> Safe:
    """One change as a list item's text, e.g. '**Corrected** in [call]: the quote of Alice
    Adams now reads “…”; it read “…”.'"""
    exists = change.key.id in p.site.corpus.records.get(change.key.kind, {})
    record = _record(p, change, exists)
    head = f"**{WORDS[change.kind]}**"
    if change.kind in ("added", "removed"):
        return Safe(f"{head} {escape(change.what)}: {record}")
    if change.kind == "renamed":
        return Safe(f"{head} {escape(change.what)}: {record} (its id was "
                    f"`{escape(change.before or '')}`)")
    return Safe(f"{head} in {record}: {correction_text(change)}")


def correction_text(change: Change) -> str:
    """What changed in a record, in a sentence (Markdown): '… now reads “new”; it read “old”.'"""
    what = escape(change.what)
    if change.what == "verbatim text":
        return "the verbatim text of the source (the words its citations are checked against)."
    if change.what.endswith(("added", "removed")):
        return f"{what}: {_quoted(change.after or change.before)}."
    if change.before is None:
        return f"{what} now reads {_quoted(change.after)}; it was not given."
    if change.after is None:
        return f"{what} is no longer given; it read {_quoted(change.before)}."
    return f"{what} now reads {_quoted(change.after)}; it read {_quoted(change.before)}."


def summary(publication: Publication) -> str:
    """'Corrected 1, added 2, changed 3': for the feed and the page's list."""
    counts = publication.counts()
    return ", ".join(f"{WORDS[kind].lower()} {counts[kind]}" for kind in ORDER if counts[kind])


def changes_context(log: Changelog) -> dict[str, Any]:
    """The page's publications, each with the changes it lists (`change_line` words them)."""
    shown = log.publications[:PUBLICATIONS_SHOWN]
    entries = []
    for publication in shown:
        ordered = sorted(publication.changes, key=lambda c: ORDER.index(c.kind))
        entries.append({"publication": publication, "day": display_date(publication.when.date()),
                        "changes": ordered[:LINES_SHOWN], "more": len(ordered) - LINES_SHOWN})
    return {"entries": entries, "note": log.note, "older": len(log.publications) - len(shown),
            "change_line": change_line}


def corrections_block(p: PageBuilder, log: Changelog | None, key: Key) -> Safe:
    """A record's corrections, newest first, newsroom style: 'Corrected on 7 December 2026:
    the quote of … now reads …; it read ….' Nothing when it has none."""
    found = log.corrections.get(key) if log else None
    if not found:
        return Safe("")
    assert log is not None
    listed = set(log.publications[:PUBLICATIONS_SHOWN])
    lines = [f"- *Corrected on {display_date(publication.when.date())}:* "
             f"{correction_text(change)}"
             + (f" [What changed]({p.page_href(CHANGES_PAGE, publication.anchor)})"
                if publication in listed else "")
             for publication, change in found]
    return Safe("## Corrections { #corrections }\n\n" + "\n".join(lines) + "\n")
