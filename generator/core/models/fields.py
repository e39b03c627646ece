"""Field types shared by every record: ids, references, prose, verbatim words, dates, times,
and the vocabularies (attribution, timing, status)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
# Written in the common subset of Python's and ECMA-262's (u flag) syntaxes, as the JSON Schemas
# carry it to editors and validators: escape only what both read as an escape (no \").
URL_PATTERN = r"""^https?://[^\s<>"'()\[\]`\\\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]+$"""
"""An http(s) URL as printed on a page. Control and invisible format characters (bidi overrides,
zero-width spaces) are never part of an address; other characters outside RFC 3986 are accepted
as browsers show them ('|', '{', non-ASCII) and percent-encoded when printed."""
TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"
PARTIAL_DATE_PATTERN = r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"


def _unknown_to_none(value: Any) -> Any:
    """`unknown`, `~` and empty strings all mean "the sources do not say"."""
    if isinstance(value, str) and value.strip().lower() in ("", "unknown"):
        return None
    return value


def _strip(value: str) -> str:
    return value.strip()


@dataclass(frozen=True)
class Ref:
    """Marks an id field as a reference to a record of `kind` (a content folder name)."""

    kind: str


@dataclass(frozen=True)
class Prose:
    """Marks a text field whose [[wiki-links]] are resolved and rendered."""


Id = Annotated[str, Field(pattern=ID_PATTERN, min_length=1, max_length=120)]
"""A record id: lowercase letters, digits and single hyphens; equal to the file stem."""

ActorRef = Annotated[Id, Ref("actors")]
SourceRef = Annotated[Id, Ref("sources")]
CallRef = Annotated[Id, Ref("calls")]
OrgRef = Annotated[Id, Ref("organizations")]
TopicRef = Annotated[Id, Ref("topics")]
EventRef = Annotated[Id, Ref("events")]

Text = Annotated[str, Field(min_length=1, max_length=20_000), AfterValidator(_strip), Prose()]
"""Curated prose; may hold [[wiki-links]]."""

Verbatim = Annotated[str, Field(min_length=3, max_length=5_000)]
"""Words exactly as they stand in the source text (whitespace, quote marks and dashes folded)."""

Unknowable = Annotated[str | None, BeforeValidator(_unknown_to_none)]
"""Free text that may be unknown."""

MaybeUnknown = BeforeValidator(_unknown_to_none)
"""On an optional reference, date or time: `unknown` means the sources do not say, as leaving
the field out does (so `requested_by: unknown` is not read as an actor id)."""

PartialDate = Annotated[str, Field(pattern=PARTIAL_DATE_PATTERN)]
"""A date as precise as the sources give it: '2014', '2021-06' or '2021-06-16' (quoted)."""

Time = Annotated[str, Field(pattern=TIME_PATTERN)]
"""A 24-hour clock time, quoted: '15:35'."""


def _not_a_number(value: Any) -> Any:
    """A YAML number is never a date (pydantic would read 0 as 1 January 1970)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise PydanticCustomError("date_number", "a number is not a date")
    return value


Day = Annotated[dt.date, BeforeValidator(_not_a_number)]
"""A calendar day, written 2021-12-07."""


class Record(BaseModel):
    """What every record file has in common."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)

    id: Id | None = None
    """Optional; when present it must equal the file name without `.yaml`."""


class Attribution(str, Enum):
    """To whom a source attributes a statement."""

    outlet = "outlet"
    """The outlet's own reporting, attributed to nobody else."""
    on_record = "on-record"
    """A named person speaking on the record (give `speaker`)."""
    readout = "readout"
    """An official readout or statement (White House, Kremlin); name it in `as`."""
    anonymous = "anonymous"
    """Someone the source says spoke on condition of anonymity; describe them in `as`. Use it only
    where the text says so: an unnamed official is `unnamed`."""
    unnamed = "unnamed"
    """One person the source does not name, without saying why ("a senior administration
    official", "an adviser to Mr Putin"); describe them in `as`."""
    group = "group"
    """An unnamed group the source lets speak collectively ("Republicans", "analysts", "Ukrainian
    officials", "U.S. officials"); name it in `as`. Shown as "Republicans said"."""
    wire = "wire"
    """Wire-service or other outlets' reports the source relays ("according to multiple reports")."""


class Timing(str, Enum):
    """When something happened or was said, relative to the call it is recorded on."""

    before = "before"
    """Before the call began (previews, briefings that morning, earlier events)."""
    during = "during"
    """In the call itself."""
    after = "after"
    """After the call ended (readouts, briefings, what followed)."""
    unknown = "unknown"
    """The sources do not say whether it was before, during or after the call (the same day)."""


class Status(str, Enum):
    """Whether the sources report something as having happened, or only as to come."""

    done = "done"
    """Reported as having happened (or been said)."""
    planned = "planned"
    """Reported as intended or scheduled, not as done: "would cover", "plans to tell", "slated to
    meet"."""
    expected = "expected"
    """Reported as anticipated by someone, not as done: "had been expected to demand", "is
    expected to speak"."""



ID_RE = re.compile(ID_PATTERN)
