"""Content rules over a corpus, judged by what the source text says around each cited passage.

A curator cites the words that carry a statement, not the whole sentence: "said there was 'no
fundamental change…'" from a sentence that begins "A senior administration official, speaking
on condition of anonymity,". A rule reading the passage alone turns such a correct update red.
So each rule reads the paragraph the passage stands in (these texts put a paragraph on a line),
and tells apart:
- failures, where the text settles it (an attribution to anonymity in a text that never
  mentions anonymity): the test fails;
- doubts, where the words the rule looks for are a heuristic (a preview verb, a hedge, a time
  word) or stand farther away than the paragraph: the test warns (ContentRuleDoubt), and a
  correct update never fails on one.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field

from generator.core.link import Graph
from generator.core.models import Attribution, Claim, Status

PREVIEW = re.compile(r"\b(would cover|(?<!no )plans to|was set to|is expected to|had been expected to|"
                     r"slated to|are slated|was to (?:speak|meet|hold))\b", re.I)
HEDGE = re.compile(r"\b(seem\w*|apparently|may|might|suggest\w*|believe\w*|appear\w*)\b")
"""Lowercase only: 'May' is a month."""
BEFORE = re.compile(r"\b(previewing|ahead of|in advance|will be discussed|hours before)\b", re.I)
ANONYMITY = re.compile(r"\b(anonymity|anonymously|not authori[sz]ed to|declined to be (?:named|"
                       r"identified)|without being (?:named|identified)|on condition that (?:he|she|"
                       r"they) not be)\b", re.I)
"""What a text says when it grants a speaker anonymity."""


class ContentRuleDoubt(UserWarning):
    """A content rule's finding it cannot be sure of: shown, never failing the run."""


@dataclass
class Findings:
    failures: list[str] = field(default_factory=list)
    doubts: list[str] = field(default_factory=list)

    def report(self) -> None:
        """Warn of each doubt, then fail on the failures."""
        for doubt in self.doubts:
            warnings.warn(doubt, ContentRuleDoubt, stacklevel=2)
        assert not self.failures, "\n".join(self.failures)


def around(graph: Graph, source: str, passage: str) -> str:
    """The paragraph (line) of the source text the passage stands in; '' when not found."""
    text = graph.texts.get(source)
    span = text.span(passage) if text is not None else None
    if span is None:
        return ""
    original = text.original
    start = original.rfind("\n", 0, span[0]) + 1
    end = original.find("\n", span[1])
    return original[start: end if end >= 0 else len(original)]


def claims(graph: Graph) -> Iterator[tuple[str, Claim]]:
    """(record, claim) for every claim of the corpus, however deeply nested."""
    def walk(obj):
        if isinstance(obj, Claim):
            yield obj
        for name in getattr(type(obj), "model_fields", {}):
            value = getattr(obj, name)
            for item in value if isinstance(value, list) else [value]:
                if hasattr(type(item), "model_fields"):
                    yield from walk(item)
    corpus = graph.corpus
    for kind in corpus.records:
        for loaded in corpus.loaded(kind):
            for claim in walk(loaded.record):
                yield f"{kind}/{loaded.id}", claim


def anonymity(graph: Graph) -> Findings:
    """`anonymous` only where the text says the speaker was granted anonymity: in the passage's
    paragraph, fine; elsewhere in the text only, a doubt (an earlier paragraph may introduce
    the official); nowhere in the text, a failure. On the record means a named speaker."""
    found = Findings()
    for where, claim in claims(graph):
        for cite in claim.cites:
            if cite.attribution == Attribution.on_record and not cite.speaker:
                found.failures.append(f"{where}: on-record citation without a speaker: {cite.passage!r}")
            if cite.attribution != Attribution.anonymous:
                continue
            if ANONYMITY.search(around(graph, cite.source, cite.passage)):
                continue
            text = graph.texts.get(cite.source)
            whole = text.original if text is not None else ""
            what = f"{where}: anonymous attribution of {cite.passage!r} ({cite.source})"
            if ANONYMITY.search(whole):
                found.doubts.append(what + ": the text grants anonymity, but not in its paragraph")
            else:
                found.failures.append(what + ": the text never says anyone spoke anonymously")
    return found


def previews(graph: Graph) -> Findings:
    """A claim resting only on previews ('would cover', 'plans to') stated as done: a doubt
    (the preview words may concern another part of the sentence than the claim)."""
    found = Findings()
    for where, claim in claims(graph):
        if claim.status == Status.done and claim.cites and all(
                PREVIEW.search(c.passage) for c in claim.cites):
            found.doubts.append(f"{where}: stated as done, resting only on previews: {claim.text!r}")
    return found


def hedges(graph: Graph) -> Findings:
    """A claim resting only on hedged passages ('seemed', 'may') without a hedge of its own: a
    doubt (the hedge may qualify another part of the sentence)."""
    found = Findings()
    for where, claim in claims(graph):
        if claim.cites and all(HEDGE.search(c.passage) for c in claim.cites) \
                and not HEDGE.search(claim.text) and "took" not in claim.text:
            found.doubts.append(f"{where}: hedged passages, unhedged claim: {claim.text!r}")
    return found


def said_before(graph: Graph) -> Findings:
    """A side's statement filed under "afterwards" whose passage's paragraph says it came
    before the call ('ahead of', 'previewing'): a doubt (the words may time something else)."""
    found = Findings()
    for call_id, call in ((i, graph.corpus.get("calls", i)) for i in graph.corpus.records["calls"]):
        for position in call.positions:
            for heading, statements in position.statement_groups():
                if heading != "What it said afterwards":
                    continue
                for claim in statements:
                    if any(BEFORE.search(c.passage) for c in claim.cites):
                        found.doubts.append(f"calls/{call_id}: filed under afterwards, its passage "
                                            f"says before: {claim.text!r}")
    return found
