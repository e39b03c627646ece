"""The draft call: what the article says about the call it reports, as call YAML in comments.

For a call the corpus lacks, a whole record (title, date, requested_by, participants, summary,
lead candidates, facts, quotes) to save as `content/calls/<id>.yaml` and edit; for a call it
has, the facts and quotes to paste into it. Every value cites its passage by the key
`citing.Passages` gives it on the draft source record (`cites: [KEY]`, `- cite: KEY`, a quote
as its bare key): the curator deletes and edits, and never retypes a passage. The call's format
is its `format` fact's value (the facts box reads it there), written as a field only when no
fact gives it.
"""

from __future__ import annotations

from typing import Any

from ..scaffold import scalar
from .citing import Passages
from .model import Draft


def _quote_for(draft: Draft, passage: str):
    """The quote a passage holds, whose attribution its citation takes."""
    return next((q for q in draft.quotes if q.sentence and q.sentence in passage
                 and q.attributed), None)


def _key(draft: Draft, passages: Passages, sentence: str) -> str:
    return passages.cite(sentence, _quote_for(draft, sentence))


def call_block(draft: Draft, names: Any, person_id, passages: Passages) -> list[str]:
    """The draft call, as lines of YAML (the caller comments them out); the passages it cites
    are keyed in `passages`."""
    call = draft.call
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
                     "every key names a passage typed once in passages: above.")
        if call.date is None:
            lines.append(f"  (date unknown: {call.date_why or 'the text does not date the call'})")
        lines += _new_call(draft, names, passages)
    if call is not None and call.sentence:
        lines += _facts(draft, passages)
    if not draft.quotes:
        return lines
    lines.append("quotes:  # each quote's words and likely speaker are its passage above: check them")
    listed: set[str] = set()
    for quote in draft.quotes:
        key = passages.quote(quote, person_id)
        if key not in listed:  # the same words quoted twice are one passage, one quote
            listed.add(key)
            lines.append(f"  - {key}")
    return lines


def _new_call(draft: Draft, names: Any, passages: Passages) -> list[str]:
    call = draft.call
    people = "–".join(sorted(name.split()[-1] for _, name in call.participants))
    lines = [f"title: {scalar(people + (f' {call.format} call' if call.format else ' call'))}",
             f"date: {call.date.isoformat() if call.date else ''}"
             + (f"  # {call.date_why}" if call.date else "  # unknown: see above")]
    if not call.format:
        lines.append("format:  # the text does not say: video, phone or in-person")
    if call.requested_by:
        lines.append(f"requested_by: {call.requested_by}")
    lines.append("participants:")
    for pid, name in call.participants:
        known = names.actor_id(pid)
        side = names.side(pid) if known else None
        lines.append(f"  - actor: {pid}" + ("" if known else
                                             f"  # {name}: no actor record: briefing new actor {pid}"))
        lines.append(f"    side: {side or ''}" + ("" if side else "  # the organization they represent"))
    lines.append("summary:")
    lines.append(f"  - text: {scalar(call.sentence)}  # in your words, keeping to the passage")
    lines.append(f"    cites: [{_key(draft, passages, call.sentence)}]")
    if call.leads:
        lines.append("lead:  # candidate lead sentences: keep three to five claims, edit, delete")
        for sentence in call.leads:
            lines.append(f"  - text: {scalar(sentence)}")
            lines.append(f"    cites: [{_key(draft, passages, sentence)}]")
    return lines


def _facts(draft: Draft, passages: Passages) -> list[str]:
    call = draft.call
    if not call.facts:
        return ["facts: []  # the text gives no date, format, duration or times of the call"]
    lines = ["facts:"]
    for fact in call.facts:
        lines += [f"  - key: {fact.key}", f"    label: {fact.label}", "    reports:",
                  f"      - cite: {_key(draft, passages, fact.passage)}",
                  f"        value: {scalar(fact.value)}"]
        if fact.minutes is not None:
            lines.append(f"        minutes: {fact.minutes}")
        if fact.time:
            lines.append(f"        time: '{fact.time}'")
        if fact.timezone:
            lines.append(f"        timezone: {fact.timezone}")
    return lines
