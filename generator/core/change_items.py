"""How two versions of a record's statements, quotes, facts and passages differ, item by item
(core/changes.py reads the versions from the content's history and words the publication;
`names`, its _Names, says who and what today's records are)."""

from __future__ import annotations

import datetime as dt
import difflib
from collections import Counter
from dataclasses import dataclass
from typing import Any

from . import describe
from .graph import Key

ALIKE = 0.5
"""How alike (difflib's ratio of words) an old and a new wording must be to be one item
reworded, when they cite nothing in common."""


@dataclass(frozen=True)
class Change:
    kind: str
    """added, removed, renamed, changed or corrected."""
    key: Key
    """The record, by its id today where it is still in the corpus (renames followed)."""
    what: str
    """What changed, in words: a noun phrase where a value was replaced ("the quote of Alice
    Adams", "a statement", "the publication date"), else what was added or removed ("quote
    added", "fact removed")."""
    before: str | None = None
    after: str | None = None
    label: str = ""
    """The record's name as the changed file gave it (for a record no longer in the corpus)."""


def is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, dt.date)) or (
        isinstance(value, list) and all(isinstance(v, (str, int)) for v in value))


def scalar(value: Any) -> str | None:
    if value is None:
        return None
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def collect(node: Any, *fields: str) -> list[dict]:
    """Every mapping in the record holding all `fields` (statements, quotes), in file order."""
    found: list[dict] = []
    if isinstance(node, dict):
        if all(f in node for f in fields):
            found.append(node)
        for value in node.values():
            found += collect(value, *fields)
    elif isinstance(node, list):
        for value in node:
            found += collect(value, *fields)
    return found


def _cited(item: dict) -> set[tuple[str, str]]:
    return {(str(c.get("source")), str(c.get("passage"))) for c in item.get("cites") or []
            if isinstance(c, dict)}


def _unmatched(old: list[dict], new: list[dict], identity) -> tuple[list[dict], list[dict]]:
    """The items of each side with no identical item on the other (counted, so that a
    duplicated item added is still seen)."""
    left = Counter(identity(item) for item in new)
    gone = []
    for item in old:
        if left[identity(item)]:
            left[identity(item)] -= 1
        else:
            gone.append(item)
    right = Counter(identity(item) for item in old)
    came = []
    for item in new:
        if right[identity(item)]:
            right[identity(item)] -= 1
        else:
            came.append(item)
    return gone, came


def _alike(a: str, b: str) -> float:
    """How alike two wordings are: difflib's ratio of their words (of characters, it took
    seconds on the real corpus's history, and any two English sentences share letters), where
    its cheap upper bounds do not already rule the pair out."""
    matcher = difflib.SequenceMatcher(None, a.split(), b.split(), autojunk=False)
    if matcher.real_quick_ratio() < ALIKE or matcher.quick_ratio() < ALIKE:
        return 0.0
    return matcher.ratio()


def _pair(gone: list[dict], came: list[dict], text, related) -> list[tuple[dict, dict]]:
    """Old and new items that are one item changed: related ones first, then the most alike
    (deterministic: ties go to the earlier item in the file)."""
    pairs = []
    candidates = sorted((not related(o, n), -_alike(text(o), text(n)), i, j)
                        for i, o in enumerate(gone) for j, n in enumerate(came))
    used_old: set[int] = set()
    used_new: set[int] = set()
    for unrelated, ratio, i, j in candidates:
        if i in used_old or j in used_new or (unrelated and -ratio < ALIKE):
            continue
        used_old.add(i)
        used_new.add(j)
        pairs.append((gone[i], came[j]))
    return pairs


def statement_changes(key: Key, label: str, old: list[dict], new: list[dict],
                names: Any) -> list[Change]:
    gone, came = _unmatched(old, new, lambda c: names.words(c["text"]))
    unpaired_old = list(gone)
    pairs = _pair(gone, came, lambda c: names.words(c["text"]), lambda a, b: bool(_cited(a) & _cited(b)))
    paired_new = {id(n) for _, n in pairs}
    paired_old = {id(o) for o, _ in pairs}
    out = [Change("changed", key, "a statement", names.words(o["text"]),
                  names.words(n["text"]), label) for o, n in pairs]
    out += [Change("changed", key, "statement added", None, names.words(n["text"]), label)
            for n in came if id(n) not in paired_new]
    out += [Change("changed", key, "statement removed", names.words(o["text"]), None, label)
            for o in unpaired_old if id(o) not in paired_old]
    return out


def quote_changes(key: Key, label: str, old: list[dict], new: list[dict], names: Any) -> list[Change]:
    ident = lambda q: (str(q["words"]), q.get("source"))  # noqa: E731
    gone, came = _unmatched(old, new, ident)
    unpaired_old = list(gone)
    out: list[Change] = []
    # The same words from the same source, said by someone else: the speaker was corrected.
    speakers: dict[tuple, list[str]] = {}
    for q in old:
        speakers.setdefault(ident(q), []).append(names.person(q))
    for q in new:
        was = speakers.get(ident(q))
        if was and names.person(q) not in was:
            out.append(Change("corrected", key, f"the speaker of the quote “{q['words']}”",
                              was.pop(0), names.person(q), label))
    pairs = [(o, n) for o, n in _pair(gone, came, lambda q: str(q["words"]),
                                      lambda a, b: a.get("source") == b.get("source"))
             if o.get("source") == n.get("source")]
    paired_new = {id(n) for _, n in pairs}
    paired_old = {id(o) for o, _ in pairs}
    out += [Change("corrected", key, f"the quote of {names.person(n)}", str(o["words"]),
                   str(n["words"]), label) for o, n in pairs]
    out += [Change("changed", key, "quote added", None, str(n["words"]), label)
            for n in came if id(n) not in paired_new]
    out += [Change("changed", key, "quote removed", str(o["words"]), None, label)
            for o in unpaired_old if id(o) not in paired_old]
    return out


def fact_changes(key: Key, label: str, old: list, new: list, names: Any) -> list[Change]:
    def by_key(facts: list) -> dict[str, dict]:
        return {str(f["key"]): f for f in facts if isinstance(f, dict) and "key" in f}

    before, after = by_key(old), by_key(new)
    out: list[Change] = []
    for fact_key in sorted(set(before) | set(after)):
        o, n = before.get(fact_key), after.get(fact_key)
        title = str((n or o or {}).get("label") or fact_key)
        if o is None or n is None:
            out.append(Change("changed", key, f"fact {'added' if o is None else 'removed'}",
                              None if o is None else title, title if o is None else None, label))
            continue
        values = lambda f: [(str(r.get("source")), str(r.get("value")))  # noqa: E731
                            for r in f.get("reports") or [] if isinstance(r, dict)]
        gone, came = _unmatched([{"r": v} for v in values(o)], [{"r": v} for v in values(n)],
                                lambda r: r["r"])
        came_by_source: dict[str, list[str]] = {}
        for item in came:
            came_by_source.setdefault(item["r"][0], []).append(item["r"][1])
        for item in gone:
            source, value = item["r"]
            if came_by_source.get(source):
                new_value = came_by_source[source].pop(0)
                out.append(Change("corrected", key, f"“{title}”, as {names.source(source)} gives it,", value,
                                  new_value, label))
            else:
                out.append(Change("changed", key, f"{title}: report removed", value, None, label))
        out += [Change("changed", key, f"{title}: report added", None, value, label)
                for values_ in came_by_source.values() for value in values_]
    return out


def passage_changes(key: Key, label: str, old: Any, new: Any, names: Any) -> list[Change]:
    """A keyed passage whose words or speaker changed: a correction of each quote citing it
    (where it is shown), else a change of the source's cited words."""
    def spec(value: Any) -> dict:
        return value if isinstance(value, dict) else {"text": value}

    old, new = (value if isinstance(value, dict) else {} for value in (old, new))
    out: list[Change] = []
    for passage in sorted(set(old) & set(new)):
        was, now = spec(old[passage]), spec(new[passage])
        quoting = names.quoting.get(passage, [])
        if str(was.get("text")) != str(now.get("text")):
            out += [Change("corrected", citer, f"the quote of {names.person(_as_quote(now))}",
                           str(was.get("text")), str(now.get("text")),
                           describe.name(names.graph, citer))
                    for citer in quoting] or [
                Change("changed", key, "a cited passage", str(was.get("text")),
                       str(now.get("text")), label)]
        elif names.person(_as_quote(was)) != names.person(_as_quote(now)):
            out += [Change("corrected", citer, f"the speaker of the quote “{now.get('text')}”",
                           names.person(_as_quote(was)), names.person(_as_quote(now)),
                           describe.name(names.graph, citer))
                    for citer in quoting]
    return out


def _as_quote(passage: dict) -> dict:
    """A passage's speaker fields under a quote's names."""
    return {"speaker": passage.get("speaker"), "speaker_org": passage.get("speaker_org"),
            "speaker_as": passage.get("as")}
