"""The content model: one typed class per record kind.

Each field's meaning is written once, here, next to the field. The JSON Schemas in `schemas/`
and the scaffolds of `briefing new` are generated from these classes.

A value of ``unknown`` (or an empty value) in an optional field means the sources do not say;
the site shows it as *Unknown*. Never fill a field the sources do not support.

Text fields may link to other records with wiki-links: ``[[vladimir-putin]]`` or
``[[vladimir-putin|the Kremlin leader]]``. Quoted words and cited passages are verbatim source
text and never contain wiki-links.
"""

from __future__ import annotations

from typing import Any

from .fields import (
                     ID_MAX_LENGTH,
                     ID_PATTERN,
                     ID_RE,
                     PARTIAL_DATE_PATTERN,
                     RESERVED_IDS,
                     TIME_PATTERN,
                     URL_PATTERN,
                     ActorRef,
                     Attribution,
                     CallRef,
                     Day,
                     EventRef,
                     Id,
                     OrgRef,
                     PartialDate,
                     Prose,
                     Record,
                     Ref,
                     SourceRef,
                     Status,
                     Text,
                     Time,
                     Timing,
                     TopicRef,
                     Unknowable,
                     Verbatim,
                     _not_a_number,
                     _strip,
                     _unknown_to_none,
                     dt,
                     id_problem,
                     is_id,
                     suggest_id,
)
from .records import Actor, Call, Event, Organization, Role, Source, Topic
from .statements import (
                     LOCATION_FACT,
                     Citation,
                     Claim,
                     Fact,
                     FactReport,
                     FollowUp,
                     Participant,
                     Passage,
                     Position,
                     Quote,
                     Relation,
)

__all__ = [
    "ID_MAX_LENGTH", "RESERVED_IDS", "id_problem", "is_id", "suggest_id",
    "ID_PATTERN", "ID_RE", "PARTIAL_DATE_PATTERN", "TIME_PATTERN", "URL_PATTERN", "ActorRef",
    "Attribution", "CallRef", "Day", "EventRef", "Id", "OrgRef", "PartialDate", "Prose", "Record",
    "Ref", "SourceRef", "Status", "Text", "Time", "Timing", "TopicRef", "Unknowable", "Verbatim",
    "_not_a_number", "_strip", "_unknown_to_none", "dt", "Actor", "Call",
    "Event", "Organization", "Role", "Source", "Topic", "Citation", "Claim", "Fact", "FactReport",
    "FollowUp", "Participant", "Passage", "Position", "Quote", "Relation", "LOCATION_FACT",
]


def __getattr__(name: str) -> Any:
    """`KINDS` and `KIND_NAMES` live in core/kinds.py, with every other fact of a kind. Kept
    here only for core/export.py, which another branch is changing this round: once it imports
    them from `..kinds`, delete this function."""
    if name in ("KINDS", "KIND_NAMES"):
        from .. import kinds
        return getattr(kinds, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
