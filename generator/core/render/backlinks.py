"""A record's "Linked from" list, split when it is long, so that no record page grows with the
corpus (a wire agency that thousands of sources mention, an alliance every call names).

Up to BACKLINKS_ON_PAGE records, the page lists them all, as it always did. Past that, it lists
each relation's latest LATEST_SHOWN records with their counts, and every record is listed on a
page of its own part: the year of its date (of a call or an event; of publication for a source,
or when that is not stated, of the first call it covers), or for a record without a date the
initial of its name. A year of one record's backlinks is bounded like a year of the timeline;
the parts' URLs, `<kind>/<id>/linked-from/<part>/`, stay where they are as the corpus grows (a
record id never holds a '/', so no record can claim one).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..link import Key
from ..urls import PagePath, backlinks_part_path
from .listings import Period, group, period_of
from .sections import OTHER, initial

if TYPE_CHECKING:
    from .site import Site

BACKLINKS_ON_PAGE = 100
"""A record page lists up to this many linking records in full (about 20 kB of HTML)."""
LATEST_SHOWN = 20
"""Past that, how many records of each relation the record page shows, the latest first."""
WITHOUT_LIST = frozenset({"calls"})
"""Kinds whose page has no "Linked from" list: a call's page names its sources and the records
it refers to in its own sections (call.md.j2)."""


@dataclass(frozen=True)
class Relation:
    """One relation's list on a split record page."""

    heading: str
    count: int
    shown: tuple[Key, ...]
    latest: bool
    """True: `shown` are the latest dated records, newest first; False (no record of the
    relation has a date): the first by name."""


@dataclass(frozen=True)
class SplitBacklinks:
    """What a record page with a split "Linked from" list shows: counts, the latest records of
    each relation and the parts, each with its count."""

    total: int
    relations: tuple[Relation, ...]
    parts: tuple[Period, ...]


@dataclass(frozen=True)
class PersonCalls:
    """What a person's "Calls" section shows."""

    total: int
    shown: tuple[Key, ...]
    split: bool
    """False: `shown` is every call, oldest first. True (more than BACKLINKS_ON_PAGE calls):
    `shown` is the LATEST_SHOWN latest, newest first, and every call is listed on the parts of
    the split "Linked from" list, by year, like any other linking record."""


def person_calls(site: Site, key: Key) -> PersonCalls:
    """A person's calls, split like "Linked from" when there are many: one actor in 3,000 calls
    had a 345 kB page."""
    calls = site.calls_of(key)
    if len(calls) <= BACKLINKS_ON_PAGE:
        return PersonCalls(len(calls), tuple(calls), False)
    return PersonCalls(len(calls), tuple(reversed(calls[-LATEST_SHOWN:])), True)


def listed(site: Site, key: Key) -> list[tuple[str, list[Key]]]:
    """The record page's "Linked from" lists: Site.backlinks, without the calls a person's page
    lists already, under Calls (unless there are too many to list there: the split list's parts
    then list them)."""
    groups = site.backlinks(key)
    if key.kind != "actors" or person_calls(site, key).split:
        return groups
    groups = [(heading, [k for k in keys if k.kind != "calls"]) for heading, keys in groups]
    return [(heading, keys) for heading, keys in groups if keys]


def part_of(site: Site, key: Key) -> str:
    """The part a linking record is listed on: a year ('2021') or a letter ('k', 'other')."""
    when = site.when(key) or (site.first_call_date(key) if key.kind == "sources" else None)
    return period_of(when, "year") if when else initial(site.name(key))


def part_title(slug: str) -> str:
    return "Other" if slug == OTHER else slug if slug.isdigit() else slug.upper()


def backlinks_index(site: Site) -> tuple[dict[Key, SplitBacklinks], dict[Key, tuple[str, ...]],
                                         dict[PagePath, tuple[tuple[str, tuple[Key, ...]], ...]]]:
    """The split lists, built once from the whole corpus: (record -> what its page shows;
    record -> its parts' slugs in order; part page path -> (relation, records) in order). Records
    whose list is short are in none of them. Each page then reads only its own entries, so that
    an edit re-renders only the pages whose lists it changes."""
    split: dict[Key, SplitBacklinks] = {}
    slugs: dict[Key, tuple[str, ...]] = {}
    members: dict[PagePath, tuple[tuple[str, tuple[Key, ...]], ...]] = {}
    for key, relations in site.graph.backlinks.items():
        if key.kind in WITHOUT_LIST:
            continue
        # A cheap bound first: most records have a few referrers, and sorting is what costs.
        if len(set().union(*relations.values())) <= BACKLINKS_ON_PAGE:
            continue
        groups = listed(site, key)
        referrers = {k for _, keys in groups for k in keys}
        if len(referrers) <= BACKLINKS_ON_PAGE:
            continue
        part = {k: part_of(site, k) for k in referrers}
        ordered = sorted(referrers, key=functools.partial(_part_order, site))
        parts = group(ordered, part.__getitem__, functools.partial(backlinks_part_path, key.kind, key.id),
                      part_title, order=lambda slug: (not slug.isdigit(), slug == OTHER, slug))
        split[key] = SplitBacklinks(len(referrers), tuple(_relation(site, h, keys) for h, keys in groups),
                                    tuple(period for period, _ in parts))
        slugs[key] = tuple(period.key for period, _ in parts)
        # Each part lists its records under the relations of the record page, in that order.
        relations_of: dict[Key, list[str]] = {}
        for heading, keys in groups:
            for k in keys:
                relations_of.setdefault(k, []).append(heading)
        for period, keys in parts:
            lists: dict[str, list[Key]] = {heading: [] for heading, _ in groups}
            for k in keys:
                for heading in relations_of[k]:
                    lists[heading].append(k)
            members[period.path] = tuple((heading, tuple(ks)) for heading, ks in lists.items() if ks)
    return split, slugs, members


def _part_order(site: Site, key: Key) -> tuple:
    """Within a part: by kind, dated records oldest first, then those without a date by name."""
    kind, when, name, id_ = site.sort_key(key)
    return kind, not when, when, name, id_


def _relation(site: Site, heading: str, keys: list[Key]) -> Relation:
    dated = [k for k in keys if site.when(k)]
    if dated:
        latest = sorted(dated, key=lambda k: (str(site.when(k)), site.sort_key(k)))[-LATEST_SHOWN:]
        return Relation(heading, len(keys), tuple(reversed(latest)), True)
    return Relation(heading, len(keys), tuple(keys[:LATEST_SHOWN]), False)
