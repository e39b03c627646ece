"""The one place where a drafted citation and a drafted quote's speaker take their form.

Today's content model cites a passage inline: `source`, `passage` (verbatim), `attribution`,
`speaker`, `as`. When passages are typed once on the source record and cited by a short key,
only `cite` (and `speaker_fields` for quotes) change: every fact, lead and summary claim the
draft proposes is built here.
"""

from __future__ import annotations

from ..scaffold import scalar
from .model import FoundQuote


def cite(source: str, passage: str, quote: FoundQuote | None = None) -> list[tuple[str, str]]:
    """(key, YAML value) pairs of a citation of `passage` in `source`, attributed as the quote
    it holds is (if any): a known person on the record, an institution's readout (named in
    `as`), a described official (unnamed, or anonymous only where the passage says so)."""
    fields = [("source", source), ("passage", scalar(passage))]
    if quote is None:
        return fields
    if quote.speaker:
        fields += [("attribution", "on-record"), ("speaker", quote.speaker)]
    elif quote.speaker_org or quote.new_org:
        fields += [("attribution", "readout"), ("as", scalar(quote.org_name or ""))]
    elif quote.speaker_as:
        anonymous = "anonymity" in passage or "not authorized" in passage
        fields += [("attribution", "anonymous" if anonymous else "unnamed"),
                   ("as", scalar(quote.speaker_as))]
    return fields


def speaker_fields(quote: FoundQuote, person_id) -> list[tuple[str, str, str]]:
    """(key, YAML value, comment) of a drafted quote's speaker: a known actor, a known
    organization (speaker_org, "the White House said"), a described person (speaker_as), or an
    empty speaker with the record to create: a new person or a new organization."""
    why = f"likely: {quote.why}"
    if quote.speaker:
        return [("speaker", quote.speaker, why)]
    if quote.speaker_org:
        return [("speaker_org", quote.speaker_org, why),
                ("speaker_as", scalar(quote.org_name or ""), "the words the text uses")]
    if quote.new_org:
        new = person_id(quote.new_org)
        return [("speaker_org", "", f"likely {quote.new_org} ({quote.why}), which has no "
                 f"organization record: briefing new organization {new}")]
    if quote.speaker_as:
        return [("speaker_as", scalar(quote.speaker_as), why)]
    if quote.unrecorded:
        return [("speaker", "", f"likely {quote.unrecorded} ({quote.why}), who has no actor "
                 f"record: briefing new actor {person_id(quote.unrecorded)}")]
    return [("speaker", "", "unknown: no name near the quote")]
