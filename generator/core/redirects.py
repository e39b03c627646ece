"""Renamed records: the pages left at their former URLs, and the checks that keep those URLs
unambiguous.

A record lists its former ids in `redirect_from` (`briefing rename` writes it, as Jekyll's
redirect-from and mkdocs-redirects do). Each former id keeps a page at the record's old URL,
`<kind>/<old-id>/`, that sends the reader on to the record, anchor included.
"""

from __future__ import annotations

import re

from .corpus import Corpus
from .errors import Problem, relative
from .graph import Key
from .kinds import KIND_NAMES, KINDS
from .models import id_problem

CALL_ID = re.compile(r"\d{4}-\d{2}-\d{2}-")
"""A call's id, former ones included, starts with a full date: a bare `2021-12` would claim the
URL of a month of the calls index (urls.section_part_path)."""


def redirects(corpus: Corpus) -> dict[Key, Key]:
    """Former key -> the record it now is, for every valid `redirect_from` entry."""
    out: dict[Key, Key] = {}
    for kind in KINDS:
        for loaded in corpus.loaded(kind):
            for old in loaded.record.redirect_from:
                old_key = Key(kind, old)
                if old_key not in out and old not in corpus.records[kind] and old != loaded.id:
                    out[old_key] = Key(kind, loaded.id)
    return out


def renamed_hint(corpus: Corpus, kind: str, old: str) -> str:
    """For a reference to an unknown id: ' — renamed to …' when a record lists it as a former id."""
    for loaded in corpus.loaded(kind) if kind in corpus.records else []:
        if old in loaded.record.redirect_from:
            return (f" — it was renamed to '{loaded.id}' ({relative(loaded.path)}, redirect_from); "
                    f"write {loaded.id}")
    return ""


def redirect_problems(corpus: Corpus) -> list[Problem]:
    """Former ids that would claim a URL twice: a live record's, another record's former id, or
    a page the site makes itself."""
    problems: list[Problem] = []
    claimed: dict[Key, str] = {}
    for kind in KINDS:
        for loaded in corpus.loaded(kind):
            for index, old in enumerate(loaded.record.redirect_from):
                loc = ("redirect_from", index)
                key = Key(kind, old)
                wrong = id_problem(old, kind)
                if old == loaded.id:
                    message = "a record cannot redirect from its own id; remove this entry"
                elif wrong:
                    message = f"'{old}' {wrong}"
                elif kind == "calls" and not CALL_ID.match(old):
                    message = (f"'{old}' cannot have been a call's id: call ids start with their "
                               "date (YYYY-MM-DD-…)")
                elif old in corpus.records[kind]:
                    other = corpus.records[kind][old]
                    message = (f"'{old}' is the id of {relative(other.path)}, whose page is at that "
                               f"URL; remove this entry (or rename that {KIND_NAMES[kind]} first)")
                elif key in claimed:
                    message = (f"'{old}' is already a former id of {claimed[key]}; an old URL can "
                               "send readers to one record only: keep it on one of them")
                else:
                    claimed[key] = relative(loaded.path)
                    continue
                problems.append(loaded.problem(loc, message))
    return problems
