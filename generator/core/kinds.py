"""The record kinds: one entry per content folder, the one place a kind's facts are written.

Everything else about a kind is derived from its entry: the content folders read and linked
(`KINDS`, in the order they are loaded), the noun of messages and of `briefing new`
(`KIND_NAMES`), the site's sections and their order (`SECTIONS`), how each section's index is
split, the heading a record of the kind is listed under on the pages it links to, and which
kinds must not hold two records of one name. Adding a kind is a record class in
models/records.py, an entry here and its page template `<singular>.md.j2` (ARCHITECTURE.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .models.records import Actor, Call, Event, Organization, Record, Source, Topic


@dataclass(frozen=True)
class Kind:
    """One record kind."""

    folder: str
    """Its content folder (`content/<folder>/`), also the prefix of its records' URLs."""
    record: type[Record]
    """The typed class its files are read into (models/records.py)."""
    singular: str
    """What one record is called in messages and commands (`briefing new call …`); also its
    page template, `<singular>.md.j2`."""
    title: str
    """The section's title in the navigation and on its index, and the heading a record of
    this kind is listed under on the pages it links to from a field with no relation of its own."""
    intro: str
    """The first line of the section's index."""
    split: Literal["month", "letter"]
    """How the section's index is split so that no page grows with the corpus: by month of
    the record's date (core/render/sections.py), or by the initial of its name."""
    place: int
    """Its place among the site's sections, in the navigation and in sorted lists of records."""
    unique_names: bool = False
    """Two records of the kind may not share a name or alias (load.py): a second file for the
    same person is most often a copy."""


REGISTRY: tuple[Kind, ...] = (
    Kind("calls", Call, "call", "Calls", "Every leaders' call in the briefing, by month of the call.",
         "month", 0),
    Kind("actors", Actor, "actor", "People",
         "Leaders, officials, spokespeople, analysts and the reporters who covered the calls.",
         "letter", 1, unique_names=True),
    Kind("sources", Source, "source", "Sources",
         "The articles this briefing rests on, each with its verbatim text.", "month", 5),
    Kind("organizations", Organization, "organization", "Organizations",
         "Governments, agencies, alliances and outlets the sources mention.", "letter", 2,
         unique_names=True),
    Kind("topics", Topic, "topic", "Topics", "What the calls were about.", "letter", 3,
         unique_names=True),
    Kind("events", Event, "event", "Events",
         "Dated events the sources put the calls in context with.", "letter", 4, unique_names=True),
)
"""Every kind, in the order the content is loaded and linked (and listed in messages)."""

KINDS: dict[str, type[Record]] = {kind.folder: kind.record for kind in REGISTRY}
"""Content folder -> record class, in load order."""
KIND_NAMES: dict[str, str] = {kind.folder: kind.singular for kind in REGISTRY}
"""Content folder -> what one record is called."""
SECTIONS: dict[str, Kind] = {kind.folder: kind for kind in sorted(REGISTRY, key=lambda k: k.place)}
"""Content folder -> kind, in the order of the site's sections (the navigation's)."""
