"""What records are made of: citations, claims, quotes, facts and their comparisons."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from .fields import (
    ActorRef,
    Attribution,
    EventRef,
    Id,
    MaybeUnknown,
    OrgRef,
    SourceRef,
    Status,
    Text,
    Time,
    Timing,
    TopicRef,
    Unknowable,
    Verbatim,
)

TIMING_LABELS = {Timing.before: "Before the call", Timing.during: "In the call",
                 Timing.after: "After the call", Timing.unknown: "When: not stated"}


class Citation(BaseModel):
    """One source backing a statement, down to the passage it rests on."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)

    source: SourceRef
    """The source record cited."""
    passage: Verbatim
    """The words of the source that support the statement; must occur verbatim in its text."""
    attribution: Attribution = Attribution.outlet
    """To whom the source attributes the statement."""
    speaker: Annotated[ActorRef | None, MaybeUnknown] = None
    """The actor the source attributes it to, when the attribution names one."""
    as_: Unknowable = Field(default=None, alias="as")
    """How the source describes whoever it attributes the statement to
    ("a senior administration official", "the White House readout")."""


class Passage(BaseModel):
    """Words of a source typed once on its record, under a key that claims, facts and quotes
    cite: `passages: {ap-two-hours: "Face to face for just over two hours…"}`, or a mapping when
    the source attributes the words to someone."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)

    text: Verbatim
    """The words, verbatim from the source's text."""
    attribution: Attribution | None = None
    """To whom the source attributes them (as in a citation); left out, the outlet's own."""
    speaker: Annotated[ActorRef | None, MaybeUnknown] = None
    """The person who said them, when the source names one: a quote citing the passage is theirs."""
    speaker_org: Annotated[OrgRef | None, MaybeUnknown] = None
    """The organization the source gives as the speaker ("the White House said"), when no
    person is named; a quote citing the passage is the organization's."""
    as_: Unknowable = Field(default=None, alias="as")
    """How the source describes the speaker ("a senior administration official")."""


class Claim(BaseModel):
    """A factual statement, in the curator's words, with the citations it rests on."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)

    text: Text
    """The statement. Keep to what the cited passages say."""
    cites: list[Citation] = Field(min_length=1)
    """One or more citations; every statement on the site has at least one. When the statement
    mixes voices (the outlet's own reporting and an official's words), each part gets its own
    citation with its own attribution, or the statement is split."""
    timing: Timing | None = None
    """When what it reports happened or was said, relative to the call: `before`, `during`,
    `after`, or `unknown` when the sources do not say. Leave it empty for the section's own time (context: before; summary, positions and
    outcomes: during; a side's statements and follow-ups: after; reactions: as the text says)."""
    status: Status = Status.done
    """`done` (the default) when the sources report it as having happened; `planned` or
    `expected` when they only report it as to come, and the site says so."""

    def marker(self, section_timing: Timing | None = None) -> str:
        """What the page says before the statement: its status when not done, and its timing
        when it differs from the section's ('Before the call', 'Planned')."""
        words = []
        if self.timing is not None and self.timing != section_timing:
            words.append(TIMING_LABELS[self.timing])
        if self.status != Status.done:
            words.append(self.status.value)
        text = ", ".join(words)
        return text[:1].upper() + text[1:]


class Quote(BaseModel):
    """A direct quotation, exactly as a source prints it."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)

    words: Verbatim
    """The quoted words, verbatim from the source text."""
    source: SourceRef
    """The source whose text contains the words."""
    speaker: Annotated[ActorRef | None, MaybeUnknown] = None
    """The actor who said it; leave empty for an unnamed speaker and describe them in `speaker_as`."""
    speaker_as: Unknowable = None
    """How the source describes the speaker ("a senior administration official")."""
    speaker_org: Annotated[OrgRef | None, MaybeUnknown] = None
    """The organization the source gives as the speaker when no person is named ("the White
    House said in a statement": `white-house`); leave `speaker` empty."""
    context: Text | None = None
    """When and where it was said, and about what."""
    remark: Id | None = None
    """A key shared by quotes that report the same remark in different sources, so that their
    wordings are compared ("putin-grave-error")."""
    topics: list[TopicRef] = []
    """Topics the quote is about."""
    timing: Timing | None = None
    """When the words were said, relative to the call: `before`, `during`, `after`; empty or
    `unknown` when the sources do not say."""

    def when(self) -> str:
        """'before the call', 'in the call', 'after the call', or '' when not stated."""
        if self.timing is None or self.timing == Timing.unknown:
            return ""
        return TIMING_LABELS[self.timing].lower()


class FactReport(Citation):
    """What one source says about a fact: a citation with the value it states."""

    value: Text
    """The value as the source states it ("just over two hours", "3:35 p.m. ET")."""
    minutes: int | None = Field(default=None, ge=0, le=100_000, strict=True)
    """For durations: the value in minutes when the source gives it exactly; reports with the
    same minutes agree."""
    time: Annotated[Time | None, MaybeUnknown] = None
    """For clock times: the time the source gives, quoted ('15:35')."""
    timezone: Unknowable = None
    """The time zone of `time`, as an IANA name ('America/New_York') or as the source gives it."""


LOCATION_FACT = "location-"
"""A fact keyed `location-<actor id>` gives where that participant was: the id in the key is a
reference to the actor (the facts box reads it; `briefing rename` rewrites it)."""


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
    relation: Relation | None = None
    """The curator's cited judgement that versions which differ and that no rule reconciles are
    nevertheless consistent (a room inside a building, parts of one list of demands); shown as
    "stated differently, consistent". Leave it out when the versions conflict."""
    topic: TopicRef | None = None
    """For a figure tracked from call to call (troops near the border): the topic it measures.
    Facts with the same key and topic on several calls are shown as a series over time, not
    compared with each other."""


class Relation(BaseModel):
    """Why a fact's differing versions are consistent, in the curator's words, with citations."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)

    kind: Literal["consistent", "within"] = "consistent"
    """`within`: one version names a place (or period) inside another's; `consistent`: any other
    reason the versions do not contradict each other."""
    reason: Text
    """Why the versions are consistent ("the Situation Room is in the White House")."""
    cites: list[Citation] = Field(min_length=1)
    """The passages that show it."""


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
    """What the side said about the call: afterwards, unless a claim's `timing` says otherwise
    (remarks before the call are shown as such, never under "afterwards")."""

    def statement_groups(self) -> list[tuple[str, list[Claim]]]:
        """The side's statements by when they were made: remarks before the call are never shown
        as what it said afterwards."""
        groups: dict[str, list[Claim]] = {}
        headings: dict[Timing | None, str] = {Timing.before: "What it said before the call",
                    Timing.during: "What it said in the call",
                    Timing.unknown: "What it said (the sources do not say when)"}
        for claim in self.statements:
            groups.setdefault(headings.get(claim.timing, "What it said afterwards"), []).append(claim)
        order = ["What it said before the call", "What it said in the call",
                 "What it said afterwards", "What it said (the sources do not say when)"]
        return [(heading, groups[heading]) for heading in order if heading in groups]


class FollowUp(Claim):
    """Something that followed or was scheduled after the call."""

    event: Annotated[EventRef | None, MaybeUnknown] = None
    """The event record, when the follow-up has one."""

