"""The one place where a drafted citation takes its form: a passage keyed once, cited by key.

Every sentence the draft call cites (its lead, summary and facts) and every quote it lists is
typed once, under `passages:` on the draft source record, with whom the text attributes it to;
the draft call cites the keys (`cites: [KEY]`, `- cite: KEY`, a quote as its bare key), as a
curator writes them (core/citekeys.py). A key is the source's first id word and the passage's
first words (`migrate.new_key`, the rule `briefing migrate` keys a corpus by), unique in the
corpus; the same words, met twice, are one passage.

A passage's attribution is its quote's: a known person on the record, an institution's
readout (named in `as`), a described official (unnamed, or anonymous only where the passage
says so). A likely speaker is written with why it is likely, and a speaker with no record is
left empty with the command that creates the record, so the draft validates as written.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...core.verbatim import fold
from ..migrate import new_key
from ..scaffold import scalar
from .model import FoundQuote

Field = tuple[str, str, str]
"""(name, YAML value, comment) of one field of a drafted passage."""


@dataclass
class Keyed:
    """One drafted passage: its key, its words, whom they are attributed to."""

    key: str
    text: str
    fields: list[Field] = field(default_factory=list)
    line: int = 0
    """The line of the text it stands on (a quote's; a sentence's is found when written)."""

    @property
    def note(self) -> str:
        """A comment on the key's line: where a quote is."""
        return f"line {self.line}" if self.line and self.fields else ""


@dataclass
class Passages:
    """The passages a draft cites, each keyed once, in the order the text gives them."""

    source: str
    taken: set[str]
    """Keys no new passage may take: the corpus's, then those drafted here."""
    keyed: dict[str, Keyed] = field(default_factory=dict)
    """Folded words -> the passage."""

    def cite(self, passage: str, quote: FoundQuote | None = None) -> str:
        """The key of `passage`, attributed as the quote it holds is (if any). A sentence that
        opens with its quote is named by the words after it ('gnn-the-white-house-said-in'),
        the quote's own words naming the quote."""
        name = passage
        if quote is not None and passage.lstrip("\"“ ").startswith(quote.words):
            name = passage.lstrip("\"“ ")[len(quote.words):]
        return self._key(passage, attribution(passage, quote) if quote else [], name=name)

    def quote(self, quote: FoundQuote, person_id) -> str:
        """The key of a quote's words, with its likely speaker."""
        return self._key(quote.words, speaker_fields(quote, person_id), quote.line)

    def _key(self, text: str, fields: list[Field], line: int = 0, name: str = "") -> str:
        folded = fold(text)
        found = self.keyed.get(folded)
        if found is None:
            key = new_key(self.source, name or text, self.taken)
            found = self.keyed[folded] = Keyed(key, text, fields, line)
        else:  # the same words again: one passage, with what each use adds
            names = {name for name, _, _ in found.fields}
            found.fields += [f for f in fields if f[0] not in names]
            found.line = found.line or line
        return found.key

    def lines(self, body: str) -> list[str]:
        """The `passages:` block's lines (under the key), in the order of the text's lines (a
        handful of sentences looked up, each quote's line known)."""
        for passage in self.keyed.values():
            if not passage.line:
                at = body.find(passage.text)
                passage.line = body.count("\n", 0, at) + 1 if at >= 0 else body.count("\n") + 2
        out: list[str] = []
        for passage in sorted(self.keyed.values(), key=lambda p: p.line):
            note = f"  # {passage.note}" if passage.note else ""
            if not passage.fields:
                out.append(f"  {passage.key}: {scalar(passage.text)}{note}")
                continue
            out += [f"  {passage.key}:{note}", f"    text: {scalar(passage.text)}"]
            for name, value, comment in passage.fields:
                out.append(f"    {name}: {value}".rstrip() + (f"  # {comment}" if comment else ""))
        return out


def attribution(passage: str, quote: FoundQuote) -> list[Field]:
    """Whom the text attributes a passage holding `quote` to: a known person on the record, an
    institution's readout, a described official (anonymous only where the passage says so)."""
    if quote.speaker:
        return [("speaker", quote.speaker, ""), ("attribution", "on-record", "")]
    if quote.speaker_org or quote.new_org:
        return [("as", scalar(quote.org_name or ""), ""), ("attribution", "readout", "")]
    if quote.speaker_as:
        anonymous = "anonymity" in passage or "not authorized" in passage
        return [("as", scalar(quote.speaker_as), ""),
                ("attribution", "anonymous" if anonymous else "unnamed", "")]
    return []


def speaker_fields(quote: FoundQuote, person_id) -> list[Field]:
    """A quote's likely speaker: a known actor, a known organization (speaker_org, "the White
    House said"), a described person (as), or an empty speaker with the record to create: a
    new person or a new organization."""
    why = f"likely: {quote.why}"
    if quote.speaker:
        return [("speaker", quote.speaker, why), ("attribution", "on-record", "")]
    if quote.speaker_org:
        return [("speaker_org", quote.speaker_org, why),
                ("as", scalar(quote.org_name or ""), "the words the text uses"),
                ("attribution", "readout", "")]
    if quote.new_org:
        new = person_id(quote.new_org)
        return [("speaker_org", "", f"likely {quote.new_org} ({quote.why}), which has no "
                 f"organization record: briefing new organization {new}")]
    if quote.speaker_as:
        return [("as", scalar(quote.speaker_as), why)] + attribution(quote.sentence, quote)[1:]
    if quote.unrecorded:
        return [("speaker", "", f"likely {quote.unrecorded} ({quote.why}), who has no actor "
                 f"record: briefing new actor {person_id(quote.unrecorded)}")]
    return [("speaker", "", "unknown: no name near the quote")]
