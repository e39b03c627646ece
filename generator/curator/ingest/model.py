"""What `ingest` reads from an article: values with the line they came from, and the draft."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...core.errors import BriefingError


class IngestError(BriefingError):
    """The article cannot be ingested: unreadable, already in the corpus, or the draft's
    files exist already."""


@dataclass
class Evidence:
    """A value read from the article and the line it came from (1-based)."""

    value: Any
    line: int
    text: str
    """The line (or the part of it) the value was read from, verbatim."""
    origin: str = ""
    """Where the value came from when not the text: 'option --published', 'the URL'."""

    def note(self) -> str:
        shown = self.text if len(self.text) <= 200 else self.text[:197] + "..."
        return f"from {self.origin}: {shown}" if self.origin else f"from line {self.line}: {shown}"


@dataclass
class Mention:
    """A known record named in the text."""

    kind: str
    id: str
    start: int
    end: int
    surface: str


@dataclass
class FoundQuote:
    """Words between quotation marks, with whoever most likely said them."""

    words: str
    line: int
    speaker: str | None = None
    """A known actor id."""
    speaker_as: str | None = None
    """How the text describes an unnamed speaker ("a senior administration official")."""
    unrecorded: str | None = None
    """A name the text gives the speaker that no actor record has."""
    speaker_org: str | None = None
    """A known organization the text gives as the speaker ("the White House said")."""
    new_org: str | None = None
    """An institution the text gives as the speaker that no organization record has."""
    org_name: str | None = None
    """The institution as the text names it ("the White House"), for `as:`."""
    sentence: str = ""
    """The sentence the quote stands in, verbatim: the passage a citation of it quotes."""
    why: str = ""

    @property
    def attributed(self) -> bool:
        return bool(self.speaker or self.speaker_as or self.unrecorded or self.speaker_org
                    or self.new_org)


@dataclass
class Candidate:
    """A call the article may cover, with the evidence; chosen ones go in `calls:`."""

    call: str
    reasons: list[str]
    chosen: bool
    role: str = "candidate"
    """'reported' (the call the article reports), 'recap' (an earlier call it recaps) or
    'candidate' (evidence too weak to decide)."""
    score: int = 0


@dataclass
class Draft:
    """What `ingest` read from an article and wrote."""

    source_id: str
    text_name: str
    text_reused: bool
    headline: Evidence | None = None
    outlet: Evidence | None = None
    outlet_org: str | None = None
    authors: list[Evidence] = field(default_factory=list)
    contributors: list[Evidence] = field(default_factory=list)
    published: Evidence | None = None
    updated: Evidence | None = None
    updated_day: Evidence | None = None
    """The day of the update line, when it gives a full date."""
    quotes: list[FoundQuote] = field(default_factory=list)
    mentions: dict[str, dict[str, list[Mention]]] = field(default_factory=dict)
    """kind -> id -> mentions."""
    candidates: list[Candidate] = field(default_factory=list)
    new_call: str | None = None
    """When no call matched: the `briefing new call …` command that would create it."""
    unrecorded_people: dict[str, int] = field(default_factory=dict)
    """Names of speakers the text gives that no actor has -> first line."""
    provenance_clues: list[Evidence] = field(default_factory=list)
    people_seen: set[tuple[str, str]] = field(default_factory=set)
    """(authors or contributors, name) already listed: add_person lists each once."""
    boilerplate: Evidence | None = None
    outlet_clue: Evidence | None = None
    """An outlet the text ties to an author ("X is a reporter for The Floridian"): a clue for
    the curator, not proof of who published this copy."""
    new_actors: dict[str, str] = field(default_factory=dict)
    """Author or contributor id without an actor record -> the name in the text."""
    language: Evidence | None = None
    language_why: str = ""
    url: str | None = None
    republished_from: Evidence | None = None
    reference: Evidence | None = None
    """The day weekdays are resolved against: published, else updated, else the URL's date."""
    call: Any = None
    """The call the article reports (reported.ReportedCall), as far as the text gives it."""
    new_orgs: dict[str, str] = field(default_factory=dict)
    """Organization id proposed for an institution quoted without a record -> its name."""
    body: str = ""
    """The text read for quotes and the call (up to any boilerplate): passages are drafted in
    its order."""
    taken_keys: set[str] = field(default_factory=set)
    """The corpus's passage keys: a drafted key is none of them."""
    path: Path | None = None
    text_path: Path | None = None

    @property
    def calls(self) -> list[str]:
        return sorted(c.call for c in self.candidates if c.chosen)  # ids start with the date

    def to_decide(self) -> list[str]:
        """What a curator must still decide, one line each."""
        todo = []
        if self.new_call and self.call is not None and self.call.date is not None:
            new_id = self.new_call.rsplit(" ", 1)[-1]
            todo.append(f"calls: it reports a call the corpus lacks: save the draft's DRAFT CALL "
                        f"block as content/calls/{new_id}.yaml and edit it (validate fails "
                        "until you do)" + (f"; it also covers {', '.join(self.calls)}"
                                          if self.calls else ""))
        elif not self.calls:
            listed = ", ".join(c.call for c in self.candidates) or "none in the corpus"
            todo.append(f"calls: no call matched with certainty; list the calls it covers "
                        f"(candidates: {listed}) — validate fails until you do")
            if self.new_call:
                todo.append(f"if it covers a call the corpus lacks, create it: {self.new_call} "
                            "(check the date and the participants against the text)")
        else:
            todo.append(f"calls: check {', '.join(self.calls)} (the draft lists the evidence)")
        for actor, name in self.new_actors.items():
            todo.append(f"actor '{actor}' ({name}) has no record: briefing new actor {actor} "
                        f"— or remove it from the draft; validate fails until you do")
        for what, value in (("headline", self.headline), ("outlet", self.outlet),
                            ("published", self.published)):
            if value is None:
                clue = (f" (line {self.outlet_clue.line} ties an author to "
                        f"'{self.outlet_clue.value}': decide)"
                        if what == "outlet" and self.outlet_clue else "")
                todo.append(f"{what}: the text does not give it; left unknown{clue}")
        if self.outlet is not None and self.outlet_org is None:
            todo.append(f"outlet_org: no organization record is named '{self.outlet.value}': "
                        "create one (briefing new organization …, kind: outlet) or leave it out")
        if not self.authors:
            todo.append("authors: the text names none; left empty")
        todo.append("url: unknown unless a source gives it (never guess one)")
        if self.provenance_clues or self.boilerplate:
            todo.append("provenance / body_ends_before: see the clues the draft lists")
        if self.quotes:
            todo.append(f"quotes: {len(self.quotes)} found, each keyed under passages: with its "
                        "likely speaker (check each); the draft call lists them by key: keep "
                        "those worth keeping")
        return todo
