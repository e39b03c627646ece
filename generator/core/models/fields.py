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

from ..identity import visible

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
    """`unknown`, `~` and empty strings all mean "the sources do not say"; a value of only
    invisible characters is neither a value nor unknown (it would print as nothing)."""
    if isinstance(value, str) and value.strip().lower() in ("", "unknown"):
        return None
    if isinstance(value, str) and not visible(value).strip():
        raise PydanticCustomError("blank", "holds only invisible characters ({chars}); write "
                                  "the text, or unknown", {"chars": _escaped(value)})
    return value


def _escaped(value: str) -> str:
    """Invisible characters as the escapes a curator can search for ('\\u200b')."""
    return ", ".join(dict.fromkeys(f"\\u{ord(char):04x}" for char in value if not char.isspace()))


def _strip(value: str) -> str:
    """Text without surrounding spaces; text of spaces only is refused (an empty heading)."""
    value = value.strip()
    if not value:
        raise PydanticCustomError("blank", "holds only spaces; write the text")
    if not visible(value).strip():
        raise PydanticCustomError("blank", "holds only invisible characters ({chars}); write "
                                  "the text", {"chars": _escaped(value)})
    return value


ID_MAX_LENGTH = 120
"""The longest id, for file names and references alike."""

RESERVED_IDS = frozenset({"index"})
"""Ids that would collide with a section's index page."""

ID_RE = re.compile(ID_PATTERN)


def is_id(text: str) -> bool:
    """Whether text is a well-formed id (the whole of it: `$` alone would let a final newline by)."""
    return len(text) <= ID_MAX_LENGTH and ID_RE.fullmatch(text) is not None


def suggest_id(text: str) -> str:
    """The id nearest to text: lowercase, runs of other characters as one hyphen, not too long."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:ID_MAX_LENGTH].strip("-") or "my-record"


def id_problem(text: str, kind: str, suffix: str = "") -> str | None:
    """Why text cannot be the id of a record of kind (a content folder), or None.

    The one check behind file names, `briefing new` and `briefing ingest --id`.
    """
    if len(text) > ID_MAX_LENGTH:
        return (f"is too long ({len(text)} characters); ids have at most {ID_MAX_LENGTH}, "
                f"e.g. '{suggest_id(text)}{suffix}'")
    if not is_id(text):
        return ("is not a valid id: use lowercase letters, digits and single hyphens, "
                f"e.g. '{suggest_id(text)}{suffix}'")
    if text in RESERVED_IDS:
        return f"is reserved for the {kind} index page; choose another id"
    return None


@dataclass(frozen=True)
class Ref:
    """Marks an id field as a reference to a record of `kind` (a content folder name)."""

    kind: str


@dataclass(frozen=True)
class Prose:
    """Marks a text field whose [[wiki-links]] are resolved and rendered."""


Id = Annotated[str, Field(pattern=ID_PATTERN, min_length=1, max_length=ID_MAX_LENGTH)]
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


def _real_partial_date(value: str) -> str:
    """'2021-02-30' matches the pattern but is no day of the calendar; the calendar has no
    year 0000 (1 BC is followed by AD 1), and Python's dates begin in year 1."""
    if value[:4] == "0000":
        raise PydanticCustomError("impossible_date", "'{value}' is not a date: there is no year "
                                  "0000; check the year", {"value": value})
    if len(value) == 10:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError(
                "impossible_date", "'{value}' is not a day of the calendar ({month} has {days} "
                "days); check the day", {"value": value, "month": _month_name(value),
                                         "days": _days_in_month(value)}) from None
    return value


def _month_name(value: str) -> str:
    return dt.date(int(value[:4]), int(value[5:7]), 1).strftime("%B %Y")


def _days_in_month(value: str) -> int:
    year, month = int(value[:4]), int(value[5:7])
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day


PartialDate = Annotated[str, Field(pattern=PARTIAL_DATE_PATTERN), AfterValidator(_real_partial_date)]
"""A date as precise as the sources give it: '2014', '2021-06' or '2021-06-16' (quoted)."""

Time = Annotated[str, Field(pattern=TIME_PATTERN)]
"""A 24-hour clock time, quoted: '15:35'."""


def _not_a_number(value: Any) -> Any:
    """A YAML number is never a date (pydantic would read 0 as 1 January 1970)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise PydanticCustomError("date_number", "a number is not a date")
    return value


EARLIEST_DAY = dt.date(1900, 1, 1)
"""No call or article of this site is older; an earlier date is a typo."""


def _plausible_day(value: dt.date) -> dt.date:
    """A call or a publication has happened: a day after today or before 1900 is a typo
    (2201-12-07 for 2021-12-07), and would reach MkDocs as an impossible build date."""
    if value > dt.date.today():
        raise PydanticCustomError("future_day", "{day} is in the future; a call or publication "
                                  "date is a day that has passed (a typo in the year?)",
                                  {"day": value.isoformat()})
    if value < EARLIEST_DAY:
        raise PydanticCustomError("ancient_day", "{day} is before {earliest}; check the year",
                                  {"day": value.isoformat(), "earliest": EARLIEST_DAY.year})
    return value


Day = Annotated[dt.date, BeforeValidator(_not_a_number), AfterValidator(_plausible_day)]
"""A calendar day that has passed, written 2021-12-07."""



class Record(BaseModel):
    """What every record file has in common."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)

    id: Id | None = None
    """Optional; when present it must equal the file name without `.yaml`."""
    redirect_from: list[Id] = []
    """Former ids of this record (`briefing rename` adds them): each old URL stays a page that
    sends readers here, so links and bookmarks to it keep working."""


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
