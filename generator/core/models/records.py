"""The record kinds, one class per content folder."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from .fields import (
    URL_PATTERN,
    ActorRef,
    CallRef,
    Day,
    EventRef,
    MaybeUnknown,
    OrgRef,
    PartialDate,
    Record,
    Status,
    Text,
    TopicRef,
    Unknowable,
    Verbatim,
    _unknown_to_none,
)
from .statements import Citation, Claim, Fact, FollowUp, Participant, Position, Quote


class Call(Record):
    """A call between leaders: file `content/calls/<YYYY-MM-DD>-<slug>.yaml`."""

    title: Text
    """A short title: "Biden–Putin video call"."""
    date: Day
    """The day of the call (unquoted ISO date, 2021-12-07), in the time zone of the requester."""
    format: Literal["video", "phone", "in-person"]
    """How the leaders met."""
    requested_by: Annotated[ActorRef | None, MaybeUnknown] = None
    """The actor who asked for the call; unknown when the sources do not say. Cite it with a
    fact keyed `requested-by`."""
    participants: list[Participant] = Field(min_length=1)
    """Everyone on the call."""
    topics: list[TopicRef] = []
    """Topics the sources report as discussed in the call."""
    agenda: list[TopicRef] = []
    """Topics the sources only say the call would cover (previewed, planned or expected), without
    reporting that they were discussed."""
    background_topics: list[TopicRef] = []
    """Topics the coverage of the call raises but ties to something else than the conversation
    (a testimony the same day, the wider crisis)."""
    organizations: list[OrgRef] = []
    """Organizations the call concerns beyond the participants' sides."""
    events: list[EventRef] = []
    """Events the call relates to (context and follow-ups)."""
    lead: list[Claim] = []
    """The bottom line, shown first on the call page and on the home page: three to five
    sentences saying what each side demanded, warned of or offered, the outcome and what comes
    next, each kept to its cited passages (a plan is not an event, an official's hedged view is
    not the outlet's fact). The home page shows the first one or two."""
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
    organization: Annotated[OrgRef | None, MaybeUnknown] = None
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
    parent: Annotated[OrgRef | None, MaybeUnknown] = None
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
    end_date: Annotated[PartialDate | None, MaybeUnknown] = None
    """When it ended, for events spanning days."""
    kind: Literal["summit", "talks", "meeting", "military", "annexation", "enlargement", "call",
                  "statement", "other"] = "other"
    """What sort of event it is."""
    location: Unknowable = None
    """Where it took place, as the sources say; unknown otherwise."""
    status: Status = Status.done
    """`done` (the default) when the sources report the event as having happened; `planned` when
    they report it as arranged ("slated to meet on Jan. 10"), `expected` when only as anticipated
    ("expected to speak … in coming days"). The site labels it so."""
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
    outlet_org: Annotated[OrgRef | None, MaybeUnknown] = None
    """The outlet's organization record, when it has one."""
    headline: Unknowable = None
    """The headline as the text prints it; unknown when the text has none."""
    authors: list[ActorRef] = []
    """Authors (actor records); empty when unknown."""
    contributors: list[ActorRef] = []
    """People credited as contributing."""
    published: Annotated[Day | None, MaybeUnknown] = None
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

