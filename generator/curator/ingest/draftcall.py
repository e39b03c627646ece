"""The draft call: what the article says about the call it reports, as call YAML in comments.

For a call the corpus lacks, a whole record (title, date, format, requested_by, participants,
summary, lead candidates, facts, quotes) to save as `content/calls/<id>.yaml` and edit; for a
call it has, the facts and quotes to paste into it. Every value cites its passage through
`citing.cite`, every quote's speaker comes from `citing.speaker_fields`: the curator deletes
and edits, and never retypes a passage.
"""

from __future__ import annotations

from typing import Any

from ..scaffold import scalar
from .citing import cite, speaker_fields
from .model import Draft


def _cites(source: str, passage: str, indent: str, quote=None) -> list[str]:
    lines = []
    for index, (key, value) in enumerate(cite(source, passage, quote)):
        lines.append(f"{indent}{'- ' if index == 0 else '  '}{key}: {value}")
    return lines


def _quote_for(draft: Draft, passage: str):
    """The quote a passage holds, whose attribution its citation takes."""
    return next((q for q in draft.quotes if q.sentence and q.sentence in passage
                 and q.attributed), None)


def call_block(draft: Draft, names: Any, person_id) -> list[str]:
    """The draft call, as lines of YAML (the caller comments them out)."""
    call, source = draft.call, draft.source_id
    reported = next((c.call for c in draft.candidates if c.role == "reported"), None)
    lines: list[str] = []
    if call is None or not call.sentence:
        lines.append("DRAFT CALL: the text names no call between two people it names; "
                     "nothing to draft.")
    elif reported:
        lines.append(f"DRAFT CALL: this article reports {reported}; paste what you keep of "
                     "the facts and quotes below into content/calls/" + reported + ".yaml.")
    else:
        new_id = draft.new_call.rsplit(" ", 1)[-1] if draft.new_call else None
        lines.append("DRAFT CALL: the call this article reports is not in the corpus. Save the "
                     "block below (without the leading '# ') as content/calls/"
                     f"{new_id or '<date>-<surnames>-<format>-call'}.yaml, then edit and delete; "
                     "every passage is verbatim from this source.")
        if call.date is None:
            lines.append(f"  (date unknown: {call.date_why or 'the text does not date the call'})")
        lines += _new_call(draft, names, person_id)
    if call is not None and call.sentence:
        lines += _facts(draft)
    lines.append("quotes:  # ready to paste into the call's quotes: check each likely speaker")
    for quote in draft.quotes:
        lines.append(f"  - words: {scalar(quote.words)}  # line {quote.line}")
        lines.append(f"    source: {source}")
        for key, value, note in speaker_fields(quote, person_id):
            lines.append(f"    {key}: {value}  # {note}".replace(f"{key}:   #", f"{key}:  #"))
    return lines


def _new_call(draft: Draft, names: Any, person_id) -> list[str]:
    call, source = draft.call, draft.source_id
    people = "–".join(sorted(name.split()[-1] for _, name in call.participants))
    lines = [f"title: {scalar(people + (f' {call.format} call' if call.format else ' call'))}",
             f"date: {call.date.isoformat() if call.date else ''}"
             + (f"  # {call.date_why}" if call.date else "  # unknown: see above"),
             f"format: {call.format or ''}" + ("" if call.format else "  # the text does not say")]
    lines.append(f"requested_by: {call.requested_by or 'unknown'}")
    lines.append("participants:")
    for pid, name in call.participants:
        known = names.actor_id(pid)
        side = names.side(pid) if known else None
        lines.append(f"  - actor: {pid}" + ("" if known else
                                             f"  # {name}: no actor record: briefing new actor {pid}"))
        lines.append(f"    side: {side or ''}" + ("" if side else "  # the organization they represent"))
    lines.append("summary:")
    lines.append(f"  - text: {scalar(call.sentence)}  # in your words, keeping to the passage")
    lines.append("    cites:")
    lines += _cites(source, call.sentence, "      ", _quote_for(draft, call.sentence))
    if call.leads:
        lines.append("lead:  # candidate lead sentences: keep three to five claims, edit, delete")
        for sentence in call.leads:
            lines.append(f"  - text: {scalar(sentence)}")
            lines.append("    cites:")
            lines += _cites(source, sentence, "      ", _quote_for(draft, sentence))
    return lines


def _facts(draft: Draft) -> list[str]:
    call = draft.call
    if not call.facts:
        return ["facts: []  # the text gives no date, format, duration or times of the call"]
    lines = ["facts:"]
    for fact in call.facts:
        lines += [f"  - key: {fact.key}", f"    label: {fact.label}", "    reports:"]
        cited = _cites(draft.source_id, fact.passage, "      ", _quote_for(draft, fact.passage))
        lines.append(cited[0])
        lines.append(f"        value: {scalar(fact.value)}")
        if fact.minutes is not None:
            lines.append(f"        minutes: {fact.minutes}")
        if fact.time:
            lines.append(f"        time: '{fact.time}'")
        if fact.timezone:
            lines.append(f"        timezone: {fact.timezone}")
        lines += cited[1:]
    return lines
