"""The known names of the corpus: actors, organizations and calls by name, alias or title."""

from __future__ import annotations

import re
from typing import Any

from ...core.identity import identity, visible
from ...core.verbatim import fold
from .model import Mention


class Names:
    """Every known actor, organization and call by its name, aliases or title."""

    def __init__(self, entries: list[tuple[str, str, str]], outlets: set[str] | frozenset[str] = frozenset()):
        """entries: (kind, id, name); outlets: ids of organizations of kind `outlet`."""
        self.outlets = set(outlets)
        self.owners: dict[str, set[tuple[str, str]]] = {}
        for kind, record_id, name in entries:
            if len(identity(name)) >= 2:
                self.owners.setdefault(identity(name), set()).add((kind, record_id))
        names = sorted({visible(name).strip() for _, _, name in entries if len(identity(name)) >= 2},
                       key=len, reverse=True)
        body = "|".join(_flexible(name) for name in names)
        self.pattern = re.compile(rf"(?<![\w])(?:{body})(?![\w])") if names else None

    def find(self, text: str) -> list[Mention]:
        if self.pattern is None:
            return []
        found = []
        for match in self.pattern.finditer(text):
            surface = identity(match.group())
            for kind, record_id in sorted(self.owners.get(surface, ())):
                found.append(Mention(kind, record_id, match.start(), match.end(), match.group()))
        return found

    def actor(self, name: str) -> str | None:
        owners = [i for kind, i in self.owners.get(identity(name), ()) if kind == "actors"]
        return owners[0] if len(owners) == 1 else None

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


def known_names(corpus: Any) -> Names:
    entries, outlets = [], set()
    for kind in ("actors", "organizations"):
        for loaded in corpus.loaded(kind):
            for name in [loaded.record.name, *loaded.record.aliases]:
                entries.append((kind, loaded.id, name))
            if kind == "organizations" and loaded.record.kind == "outlet":
                outlets.add(loaded.id)
    for loaded in corpus.loaded("calls"):
        entries.append(("calls", loaded.id, loaded.record.title))
    return Names(entries, outlets)
