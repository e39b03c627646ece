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

import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
# Written in the common subset of Python's and ECMA-262's (u flag) syntaxes, as the JSON Schemas
# carry it to editors and validators: escape only what both read as an escape (no \").
URL_PATTERN = r"""^https?://[^\s<>"'()\[\]`\\]+$"""
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
    """An official speaking on condition of anonymity; describe them in `as`."""
    wire = "wire"
    """Wire-service or other outlets' reports the source relays ("according to multiple reports")."""


class Citation(BaseModel):
    """One source backing a statement, down to the passage it rests on."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)

    source: SourceRef
    """The source record cited."""
    passage: Verbatim
    """The words of the source that support the statement; must occur verbatim in its text."""
    attribution: Attribution = Attribution.outlet
    """To whom the source attributes the statement."""
    speaker: ActorRef | None = None
    """The actor the source attributes it to, when the attribution names one."""
    as_: Unknowable = Field(default=None, alias="as")
    """How the source describes whoever it attributes the statement to
    ("a senior administration official", "the White House readout")."""


class Claim(BaseModel):
    """A factual statement, in the curator's words, with the citations it rests on."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)

    text: Text
    """The statement. Keep to what the cited passages say."""
    cites: list[Citation] = Field(min_length=1)
    """One or more citations; every statement on the site has at least one."""


class Quote(BaseModel):
    """A direct quotation, exactly as a source prints it."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)

    words: Verbatim
    """The quoted words, verbatim from the source text."""
    source: SourceRef
    """The source whose text contains the words."""
    speaker: ActorRef | None = None
    """The actor who said it; leave empty for an unnamed speaker and describe them in `speaker_as`."""
    speaker_as: Unknowable = None
    """How the source describes the speaker ("a senior administration official")."""
    context: Text | None = None
    """When and where it was said, and about what."""
    remark: Id | None = None
    """A key shared by quotes that report the same remark in different sources, so that their
    wordings are compared ("putin-grave-error")."""
    topics: list[TopicRef] = []
    """Topics the quote is about."""


class FactReport(Citation):
    """What one source says about a fact: a citation with the value it states."""

    value: Text
    """The value as the source states it ("just over two hours", "3:35 p.m. ET")."""
    minutes: int | None = Field(default=None, ge=0, le=100_000, strict=True)
    """For durations: the value in minutes when the source gives it exactly; reports with the
    same minutes agree."""
    time: Time | None = None
    """For clock times: the time the source gives, quoted ('15:35')."""
    timezone: Unknowable = None
    """The time zone of `time`, as an IANA name ('America/New_York') or as the source gives it."""


class Fact(BaseModel):
    """One fact recorded per source, never harmonised; the generator compares the versions."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)

    key: Id
    """A short id, unique within the record: 'duration', 'start', 'end', 'troops-near-border'.
    The keys start, end, duration, format, requested-by and location-<actor> fill the facts box."""
    label: Text
    """The question the fact answers, as a row title ("How long the call lasted")."""
    reports: list[FactReport] = Field(min_length=1)
    """Each source's version."""


class Participant(BaseModel):
    """Someone on the call."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)

    actor: ActorRef
    """The participant."""
    side: OrgRef
    """The organization they represented (usually a government)."""
    location: Unknowable = None
    """Where they sat, as the sources give it; unknown when the sources do not say."""
    cites: list[Citation] = []
    """The citations for the location."""


class Position(BaseModel):
    """What one side demanded, warned of and offered in or around the call."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)

    side: OrgRef
    """The organization (government) whose position this is."""
    demands: list[Claim] = []
    """What the side asked of the other (guarantees, steps, commitments), cited."""
    warnings: list[Claim] = []
    """What the side threatened or warned would follow, cited."""
    offers: list[Claim] = []
    """What the side offered or said it was ready to do, cited."""
    statements: list[Claim] = []
    """What the side said about the call afterwards."""


class FollowUp(Claim):
    """Something that followed or was scheduled after the call."""

    event: EventRef | None = None
    """The event record, when the follow-up has one."""


class Call(Record):
    """A call between leaders: file `content/calls/<YYYY-MM-DD>-<slug>.yaml`."""

    title: Text
    """A short title: "Biden–Putin video call"."""
    date: Day
    """The day of the call (unquoted ISO date, 2021-12-07), in the time zone of the requester."""
    format: Literal["video", "phone", "in-person"]
    """How the leaders met."""
    requested_by: ActorRef | None = None
    """The actor who asked for the call; unknown when the sources do not say. Cite it with a
    fact keyed `requested-by`."""
    participants: list[Participant] = Field(min_length=1)
    """Everyone on the call."""
    topics: list[TopicRef] = []
    """Topics discussed."""
    organizations: list[OrgRef] = []
    """Organizations the call concerns beyond the participants' sides."""
    events: list[EventRef] = []
    """Events the call relates to (context and follow-ups)."""
    summary: list[Claim] = Field(min_length=1)
    """The curated summary, a claim at a time."""
    context: list[Claim] = []
    """What led up to the call: build-ups, earlier meetings, allied consultations."""
    positions: list[Position] = []
    """Each side's demands, warnings and offers."""
    outcomes: list[Claim] = []
    """What the call produced (or did not)."""
    follow_ups: list[FollowUp] = []
    """What happened or was scheduled next."""
    reactions: list[Claim] = []
    """What others (legislators, analysts) said about it."""
    quotes: list[Quote] = []
    """Every direct quote the sources give about the call."""
    facts: list[Fact] = []
    """Facts recorded per source (times, duration, counts) for comparison."""


class Role(BaseModel):
    """A position someone held, as the sources state it."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)

    title: Text
    """The role ("White House press secretary")."""
    organization: OrgRef | None = None
    """The organization the role is in, when it has a record."""
    period: Unknowable = None
    """When they held it, as far as the sources say ("December 2021")."""
    cites: list[Citation] = []
    """The passages that give the role."""


class Actor(Record):
    """A person: file `content/actors/<id>.yaml`."""

    name: Text
    """Full name as the sources give it."""
    aliases: list[Text] = []
    """Other ways the sources refer to them ("Mr. Putin", "the Kremlin leader"), so search finds them."""
    country: Unknowable = None
    """Country they act for, if the sources say."""
    roles: list[Role] = []
    """Roles held, with citations."""
    description: Text | None = None
    """One or two sentences on who they are; keep to the sources."""


class Organization(Record):
    """A government, agency, alliance, outlet or company: `content/organizations/<id>.yaml`."""

    name: Text
    """The name as the sources give it in full."""
    aliases: list[Text] = []
    """Other ways the sources name it ("the Kremlin", "Nato"), so search finds it."""
    kind: Literal[
        "government", "agency", "alliance", "intergovernmental", "legislature", "outlet",
        "wire-service", "company", "university", "group", "military", "other",
    ]
    """What sort of organization it is."""
    country: Unknowable = None
    """The country it belongs to, if any."""
    parent: OrgRef | None = None
    """The organization it belongs to (an agency's government)."""
    description: Text | None = None
    """One or two sentences on what it is; keep to the sources."""
    facts: list[Claim] = []
    """Cited statements about it."""


class Topic(Record):
    """A subject the calls touch on: `content/topics/<id>.yaml`."""

    name: Text
    """The topic's name."""
    aliases: list[Text] = []
    """Other words the sources use for it, so search finds it."""
    description: Text | None = None
    """One or two sentences on the topic; keep to the sources."""
    related: list[TopicRef] = []
    """Related topics."""
    facts: list[Claim] = []
    """Cited statements about the topic."""


class Event(Record):
    """A dated happening on the timeline: `content/events/<id>.yaml`."""

    name: Text
    """The event's name ("Geneva summit")."""
    date: PartialDate
    """When it began, as precisely as the sources say ('2014', '2021-06', '2022-01-10'), quoted."""
    end_date: PartialDate | None = None
    """When it ended, for events spanning days."""
    kind: Literal["summit", "talks", "meeting", "military", "annexation", "enlargement", "call",
                  "statement", "other"] = "other"
    """What sort of event it is."""
    location: Unknowable = None
    """Where it took place, as the sources say; unknown otherwise."""
    scheduled: bool = False
    """True when, as the sources report it, the event was still to come."""
    participants: list[ActorRef] = []
    """Actors taking part."""
    organizations: list[OrgRef] = []
    """Organizations taking part."""
    topics: list[TopicRef] = []
    """Topics it concerns."""
    description: list[Claim] = Field(min_length=1)
    """What the sources say about it, cited."""


class Source(Record):
    """A news article: `content/sources/<id>.yaml`, with its verbatim text beside it."""

    outlet: Unknowable
    """The outlet that published this copy; unknown when the text does not say."""
    outlet_org: OrgRef | None = None
    """The outlet's organization record, when it has one."""
    headline: Unknowable = None
    """The headline as the text prints it; unknown when the text has none."""
    authors: list[ActorRef] = []
    """Authors (actor records); empty when unknown."""
    contributors: list[ActorRef] = []
    """People credited as contributing."""
    published: Day | None = None
    """Publication date; unknown when the text does not give it."""
    updated: Unknowable = None
    """An update time the text gives, as it gives it."""
    url: Annotated[Annotated[str, Field(pattern=URL_PATTERN, max_length=2_000)] | None,
                   BeforeValidator(_unknown_to_none)] = None
    """The article's http(s) URL; unknown unless a source gives it. Never guess one."""
    calls: list[CallRef] = Field(min_length=1)
    """The calls this source covers."""
    text: str = Field(pattern=r"^texts/[A-Za-z0-9_.-]+\.txt$")
    """Path of the verbatim text, relative to `content/` ('texts/003_9a1df4b803759629.txt')."""
    body_ends_before: Verbatim | None = None
    """Verbatim words at which unrelated site boilerplate (other stories, comment prompts) begins;
    the text from there on is shown apart and cannot be cited."""
    republished_from: Unknowable = None
    """The outlet or agency this copy republishes ("The New York Times")."""
    provenance: Text | None = None
    """Notes on where the text comes from: wire copy, republication, what is missing."""
    language: str = "en"
    """The language of the text, as an ISO 639-1 code."""


KINDS: dict[str, type[Record]] = {
    "calls": Call,
    "actors": Actor,
    "sources": Source,
    "organizations": Organization,
    "topics": Topic,
    "events": Event,
}
"""Content folder name -> record class. The folder name is also the URL prefix."""

KIND_NAMES = {"calls": "call", "actors": "actor", "sources": "source",
              "organizations": "organization", "topics": "topic", "events": "event"}

ID_RE = re.compile(ID_PATTERN)
