"""The record kinds, one class per content folder."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from .fields import (
    URL_PATTERN,
    ActorRef,
    CallRef,
    Day,
    EventRef,
    Id,
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
from .statements import Citation, Claim, Fact, FollowUp, Participant, Passage, Position, Quote

CALL_FORMATS = ("video", "phone", "in-person")


def format_from_facts(data: dict[str, Any]) -> str | None:
    """The format the versions of a call's `format` fact (raw data) all give, if they give one."""
    found = {report.get("value") for fact in data.get("facts") or ()
             if isinstance(fact, dict) and fact.get("key") == "format"
             for report in fact.get("reports") or () if isinstance(report, dict)}
    value = found.pop() if len(found) == 1 else None
    return value if value in CALL_FORMATS else None


def _passage_shorthand(value: object) -> object:
    """`key: "words"` is short for `key: {text: "words"}`."""
    if isinstance(value, dict):
        return {key: {"text": spec} if isinstance(spec, str) else spec for key, spec in value.items()}
    return value


class Call(Record):
    """A call between leaders: file `content/calls/<YYYY-MM-DD>-<slug>.yaml`."""

    title: Text
    """A short title: "Biden–Putin video call"."""
    date: Day
    """The day of the call (unquoted ISO date, 2021-12-07), in the time zone of the requester."""
    format: Literal["video", "phone", "in-person"]
    """How the leaders met. Leave it out when a fact keyed `format` gives it (its versions say
    video, phone or in-person): the facts box shows that fact, with its citations."""
    requested_by: Annotated[ActorRef | None, MaybeUnknown] = None
    """The person who asked for the call; unknown when the sources do not say. Cite it with a
    fact keyed `requested-by`."""
    requested_by_org: Annotated[OrgRef | None, MaybeUnknown] = None
    """The organization the sources say asked for the call ("a call the Kremlin had
    requested"), when they name no person; leave `requested_by` empty."""
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

    MAY_COME_FROM_FACTS: ClassVar[tuple[str, ...]] = ("format",)
    """Required fields a fact may give instead (the JSON Schema cannot see the validator)."""

    @model_validator(mode="before")
    @classmethod
    def _format_from_its_fact(cls, data: Any) -> Any:
        """The format the `format` fact's versions agree on, where the field is left out: the
        fact, with its citations, is the one place it is written."""
        if isinstance(data, dict) and data.get("format") is None:
            found = format_from_facts(data)
            if found:
                data = {**data, "format": found}
        return data

    def requester(self) -> tuple[str, str] | None:
        """(kind, id) of whoever asked for the call, a person or an organization; None when
        the sources do not say."""
        if self.requested_by:
            return "actors", self.requested_by
        if self.requested_by_org:
            return "organizations", self.requested_by_org
        return None

    @model_validator(mode="after")
    def _one_requester(self) -> Call:
        if self.requested_by and self.requested_by_org:
            raise ValueError("give requested_by (a person) or requested_by_org (an organization), "
                             "not both")
        return self


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
    passages: Annotated[dict[Id, Passage], BeforeValidator(_passage_shorthand)] = {}
    """The words of the text that the corpus cites, each typed once under a short key unique in
    the corpus ('ap-two-hours'): claims cite it (`cites: [ap-two-hours]`), facts
    (`cite: ap-two-hours`) and quotes (`- cite: ap-putin-grave-error`) too. A key's value is the
    verbatim words, or a mapping with `text` and whom the source attributes them to
    (`attribution`, `speaker` or `speaker_org`, `as`), said once for every use."""

