"""The known names of the corpus: actors, organizations and calls by name, alias or title."""

from __future__ import annotations

import bisect
import re
from typing import Any

from ...core.identity import identity, visible
from ...core.verbatim import fold
from .model import Mention
from .speakers import is_title, period_covers, skeleton

CAPITALISED = re.compile(r"[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3}")
"""A run of capitalised words, where a name under another spelling may stand."""


class Names:
    """Every known actor, organization and call by its name, aliases or title."""

    def __init__(self, entries: list[tuple[str, str, str]], outlets: set[str] | frozenset[str] = frozenset()):
        """entries: (kind, id, name); outlets: ids of organizations of kind `outlet`."""
        self.outlets = set(outlets)
        self.actor_ids = {record_id for kind, record_id, _ in entries if kind == "actors"}
        self.countries: dict[str, str] = {}
        """Actor id -> the country its record gives."""
        self.sides: dict[str, str] = {}
        """Actor id -> the organization of its first role (the side it would speak for)."""
        self.owners: dict[str, set[tuple[str, str]]] = {}
        for kind, record_id, name in entries:
            if len(identity(name)) >= 2:
                self.owners.setdefault(identity(name), set()).add((kind, record_id))
        self.patterns: list[tuple[re.Pattern, bool]] = []
        """(pattern, for actors): people and the rest are found apart, so "White House press
        secretary" (a title) is found inside "The White House press secretary" (an org's name)."""
        for actors in (True, False):
            names = sorted({visible(name).strip() for kind, _, name in entries
                            if len(identity(name)) >= 2 and (kind == "actors") == actors},
                           key=len, reverse=True)
            if names:
                body = "|".join(_flexible(name) for name in names)
                self.patterns.append((re.compile(rf"(?<![\w])(?:{body})(?![\w])"), actors))
        self.skeletons: dict[str, set[str]] = {}
        """Spelling skeleton of an actor's name or alias (of 5 letters or more) -> actor ids."""
        for kind, record_id, name in entries:
            if kind == "actors" and len(name.strip()) >= 5:
                self.skeletons.setdefault(skeleton(name), set()).add(record_id)

    def find(self, text: str) -> list[Mention]:
        found = []
        for pattern, actors in self.patterns:
            for match in pattern.finditer(text):
                surface = identity(match.group())
                for kind, record_id in sorted(self.owners.get(surface, ())):
                    if (kind == "actors") == actors:
                        found.append(Mention(kind, record_id, match.start(), match.end(),
                                             match.group()))
        return self._spellings(text, sorted(found, key=lambda m: (m.start, m.kind, m.id)))

    def _spellings(self, text: str, found: list[Mention]) -> list[Mention]:
        """Add known actors named under another spelling ('Zelensky' for 'Zelenskyy'): each run
        of capitalised words not already found, whole or its last one or two words."""
        taken = sorted((m.start, m.end) for m in found)
        starts = [s for s, _ in taken]
        reach = max((e - s for s, e in taken), default=0)  # the longest name found
        extra = []
        for run in CAPITALISED.finditer(text):
            low = bisect.bisect_left(starts, run.start() - reach)
            high = bisect.bisect_left(starts, run.end())
            if any(run.start() < e for _, e in taken[low:high]):  # bisected: linear overall
                continue
            words = list(re.finditer(r"\S+", run.group()))
            for first in range(len(words)):
                start = run.start() + words[first].start()
                owners = self.skeletons.get(skeleton(text[start:run.end()]), set())
                if len(owners) == 1:
                    extra.append(Mention("actors", next(iter(owners)), start, run.end(),
                                         text[start:run.end()]))
                    break
        return sorted(found + extra, key=lambda m: (m.start, m.kind, m.id))

    def actor(self, name: str) -> str | None:
        owners = [i for kind, i in self.owners.get(identity(name), ())
                  if kind == "actors"]
        return owners[0] if len(owners) == 1 else None

    def actor_id(self, record_id: str) -> bool:
        return record_id in self.actor_ids

    def side(self, record_id: str) -> str | None:
        return self.sides.get(record_id)

    def country(self, record_id: str) -> str | None:
        return self.countries.get(record_id)

    def outlet(self, name: str) -> str | None:
        """The organization record of an outlet named exactly `name` (its name or an alias,
        'The' optional), preferring records of kind `outlet`; None when none or several."""
        folded = identity(name)
        bare = re.sub(r"^the\s+", "", folded)
        found = {i for key in {folded, bare, f"the {bare}"}
                 for kind, i in self.owners.get(key, ()) if kind == "organizations"}
        outlets = found & self.outlets
        chosen = outlets or found
        return next(iter(chosen)) if len(chosen) == 1 else None


def _flexible(name: str) -> str:
    """A regex for a name that tolerates curly apostrophes, dashes and line breaks."""
    parts = []
    for char in fold(name):
        if char == " ":
            parts.append(r"\s+")
        elif char == "'":
            parts.append("['’‘]")
        elif char == "-":
            parts.append("[-‐‑–—]")
        elif char == '"':
            parts.append('["“”]')
        else:
            parts.append(re.escape(char))
    return "".join(parts)


def known_names(corpus: Any, on: Any = None) -> Names:
    """The corpus's names; an actor's title alias ('White House press secretary') only when
    `on` (the article's date) falls within one of the actor's role periods."""
    entries, outlets = [], set()
    for kind in ("actors", "organizations"):
        for loaded in corpus.loaded(kind):
            record = loaded.record
            for name in [record.name, *record.aliases]:
                if kind == "actors" and name != record.name and is_title(name, record.name) \
                        and not any(period_covers(role.period, on) for role in record.roles):
                    continue
                entries.append((kind, loaded.id, name))
            if kind == "organizations" and loaded.record.kind == "outlet":
                outlets.add(loaded.id)
    for loaded in corpus.loaded("calls"):
        entries.append(("calls", loaded.id, loaded.record.title))
    names = Names(entries, outlets)
    for loaded in corpus.loaded("actors"):
        if getattr(loaded.record, "country", None):
            names.countries[loaded.id] = loaded.record.country
        roles = [r for r in loaded.record.roles if r.organization]
        if roles:
            names.sides[loaded.id] = roles[0].organization
    return names
