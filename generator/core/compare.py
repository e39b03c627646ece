"""Comparing what the sources say: facts recorded per source, and remarks quoted by several outlets.

Nothing here harmonises. Reports are grouped into one version only when they state the same thing
(the same words after folding case, punctuation and quote marks, and the same figures, read as
numbers before any folding; the same exact minutes; the same clock time). Each pair of differing
versions is then *compatible* when a rule shows it consistent (the same instant in two time zones,
an approximation or round figure holding a precise one, a part of the day holding a clock time,
one figure written two ways, an excerpt of a longer quote) or when the curator's cited `relation`
on the fact says so, and a *clash* otherwise.

A fact with a clash is a conflict of fact: "sources disagree", the only thing counted. The
wordings of one remark (quotes sharing a `remark` key) are *wording variants* when they differ in
words only (punctuation, articles, word forms, another translation): shown, never counted. They
clash only where the wordings give different figures, or one is the other negated. A fact given
by one source is "one source", never agreement.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .compare_rules import (  # noqa: F401 - re-exported: the rules are compare's API too
    NEGATIONS,
    approximation_rule,
    day_part_rule,
    excerpt_rule,
    normalise,
    other_figures,
    quantity,
    report_key,
    same_figures,
    same_instant_rule,
    same_value_rule,
)
from .corpus import Corpus
from .memo import RecordMemo
from .models import Fact, Quote, Relation
from .verbatim import fold

SAME = "same"
"""Every source states it the same way."""
COMPATIBLE = "compatible"
"""Stated differently, consistent."""
CONFLICTING = "conflicting"
"""The sources disagree: a conflict of fact."""
VARIANT = "variant"
"""Wordings of one remark that differ in words only (no figure, no negation): not a conflict."""
CLASH = "clash"
"""A pair of versions no rule or cited relation reconciles."""
ONE_SOURCE = "one-source"
"""A single source gives it (possibly in several consistent ways): not agreement."""


@dataclass
class Version:
    """One way of stating a fact, and every report that states it so."""

    value: str
    reports: list[Any] = field(default_factory=list)
    """FactReports or Quotes, in source order."""

    @property
    def sources(self) -> list[str]:
        return sorted({r.source for r in self.reports})


@dataclass
class Pair:
    """How two versions of one comparison relate."""

    a: Version
    b: Version
    kind: str
    """COMPATIBLE, VARIANT or CLASH."""
    reason: str
    """Why, in words a reader can check."""
    by_curator: bool = False
    """Reconciled by the curator's cited relation (no rule did)."""


@dataclass
class Comparison:
    """A fact (or remark) of one record, with its versions and how they relate."""

    call: str | None
    """The call it belongs to, when it belongs to one."""
    key: str
    label: str
    versions: list[Version]
    kind: str = "fact"
    """'fact' or 'remark' (the wording of one remark across outlets)."""
    outcome: str = SAME
    """SAME, COMPATIBLE, CONFLICTING or ONE_SOURCE."""
    reasons: list[str] = field(default_factory=list)
    """Why differing versions are consistent (rules' findings, then the curator's reason)."""
    relation: Relation | None = None
    """The curator's cited relation, when it decided the outcome."""
    pairs: list[Pair] = field(default_factory=list)
    """Every pair of versions, and how it relates: which reconcile and which clash."""
    related: list[Comparison] = field(default_factory=list)
    """For a remark: the conflicts of fact recorded on the same words (the substance of a
    difference its wordings show)."""
    topic: str | None = None
    """The topic of a figure tracked across calls."""

    @property
    def disagrees(self) -> bool:
        """Only a conflict is a disagreement."""
        return self.outcome == CONFLICTING

    @property
    def consistent(self) -> bool:
        """Stated differently (by several sources or one), and consistent."""
        return len(self.versions) > 1 and self.outcome in (COMPATIBLE, ONE_SOURCE)

    @property
    def variant(self) -> bool:
        """Wording variants of one remark: shown, not a conflict of fact."""
        return self.outcome == VARIANT

    @property
    def rule_pairs(self) -> list[Pair]:
        """The pairs a rule decided, each with its reason (the curator's relation is shown
        once, apart)."""
        return [pair for pair in self.pairs if not pair.by_curator]

    @property
    def sources(self) -> list[str]:
        return sorted({s for v in self.versions for s in v.sources})

    @property
    def single_source(self) -> bool:
        return len(self.sources) == 1

    @property
    def anchor(self) -> str:
        return f"{self.kind}-{self.key}"


def _fact_pair(a: Version, b: Version, day: dt.date | None) -> tuple[str, str]:
    for ra in a.reports:
        for rb in b.reports:
            reason = (same_instant_rule(ra, rb, day) or approximation_rule(ra, rb)
                      or day_part_rule(ra, rb, day) or same_value_rule(ra.value, rb.value)
                      # a figure the excerpt leaves out can change what it means
                      or (same_figures(ra.value, rb.value) and excerpt_rule(ra.value, rb.value)))
            if reason:
                return COMPATIBLE, reason
    return CLASH, f"“{a.value}” and “{b.value}” — no rule or cited relation shows them consistent"


def _remark_pair(a: Version, b: Version) -> tuple[str, str]:
    reason = excerpt_rule(a.value, b.value)
    if reason:
        return COMPATIBLE, reason
    if a.sources == b.sources and len(a.sources) == 1:
        return COMPATIBLE, f"“{a.value}” and “{b.value}” are two parts of one source's quotation"
    if other_figures(a.value, b.value):
        return CLASH, f"“{a.value}” and “{b.value}” give different figures"
    wa, wb = normalise(a.value).split(), normalise(b.value).split()
    if _negated(wa) != _negated(wb) and _affirmed(wa) == _affirmed(wb):
        return CLASH, f"“{a.value}” and “{b.value}” — one is the other negated"
    if _minor(wa) == _minor(wb):
        return VARIANT, (f"“{a.value}” and “{b.value}” differ only in punctuation, articles or "
                         "hyphens")
    return VARIANT, (f"“{a.value}” and “{b.value}” are two wordings (or translations) of one "
                     "remark: no number differs and neither negates the other")


_ARTICLES = {"a", "an", "the"}


def _negated(words: list[str]) -> bool:
    return sum(w in NEGATIONS for w in words) % 2 == 1


def _affirmed(words: list[str]) -> list[str]:
    """The words without negations and the 'do' that carries one ("we do not accept")."""
    return [w for w in words if w not in NEGATIONS and w not in ("do", "does", "did")]


def _minor(words: list[str]) -> str:
    """Words without articles, hyphenated or spaced parts joined ("G-20", "the G20")."""
    return "".join(w for w in words if w not in _ARTICLES)


def _decide(comparison: Comparison, pair, relation: Relation | None) -> Comparison:
    versions = comparison.versions
    if len(versions) > 1:
        for i, a in enumerate(versions):
            for b in versions[i + 1:]:
                kind, reason = pair(a, b)
                comparison.pairs.append(Pair(a, b, kind, reason))
                if kind == COMPATIBLE:
                    comparison.reasons.append(reason)
        clashes = [p for p in comparison.pairs if p.kind == CLASH]
        if clashes and relation is not None:
            comparison.reasons.append(relation.reason)
            comparison.relation = relation
            for p in clashes:
                p.kind, p.reason, p.by_curator = COMPATIBLE, relation.reason, True
            clashes = []
        variants = any(p.kind == VARIANT for p in comparison.pairs)
        comparison.outcome = CONFLICTING if clashes else VARIANT if variants else COMPATIBLE
    if comparison.outcome != CONFLICTING and comparison.single_source:
        comparison.outcome = ONE_SOURCE
    return comparison


def compare_fact(call: str | None, fact: Fact, day: dt.date | None = None) -> Comparison:
    versions: dict[tuple, Version] = {}
    for report in fact.reports:
        versions.setdefault(report_key(report), Version(report.value)).reports.append(report)
    comparison = Comparison(call, fact.key, fact.label, list(versions.values()), topic=fact.topic)
    return _decide(comparison, lambda a, b: _fact_pair(a, b, day), fact.relation)


def compare_remark(key: str, quotes: list[tuple[str, Quote]]) -> Comparison:
    """Quotes sharing a `remark` key, one version per wording as printed (folding only white
    space, quote marks and dashes): an outlet that prints "Good to see you again" is never shown
    with another's "Good to see you again!"; the pair rules then call such versions wording
    variants, not a conflict."""
    versions: dict[str, Version] = {}
    calls = sorted({call for call, _ in quotes})
    for _, quote in quotes:
        versions.setdefault(fold(quote.words), Version(quote.words)).reports.append(quote)
    words = quotes[0][1].words.split()
    opening = " ".join(words[:8]) + ("…" if len(words) > 8 else "")
    label = f"Wording of the remark “{opening}”"
    comparison = Comparison(calls[0] if len(calls) == 1 else None, key, label,
                            list(versions.values()), kind="remark")
    return _decide(comparison, _remark_pair, None)


@dataclass
class Series:
    """A figure tracked from call to call (a fact key with a topic): a change over time, not a
    conflict."""

    key: str
    topic: str
    label: str
    rows: list[Comparison]
    """The figure's comparison on each call, in call order."""


@dataclass
class Comparisons:
    """Every comparison on the site, by call."""

    by_call: dict[str, list[Comparison]]
    remarks: list[Comparison]
    series: list[Series] = field(default_factory=list)

    def all(self) -> list[Comparison]:
        return [c for comps in self.by_call.values() for c in comps]

    def disagreements(self) -> list[Comparison]:
        """Conflicts only, each once (a remark quoted on two calls is one disagreement)."""
        return self._each_once(lambda c: c.disagrees)

    def consistent(self) -> list[Comparison]:
        """Stated differently, consistent: each once."""
        return self._each_once(lambda c: c.consistent)

    def variants(self) -> list[Comparison]:
        """Wording variants of one remark: each once."""
        return self._each_once(lambda c: c.variant)

    def _each_once(self, keep: Callable[[Comparison], bool]) -> list[Comparison]:
        """The comparisons keep() selects, a comparison shared by two calls listed once."""
        unique = {id(c): c for c in self.all() if keep(c)}
        return list(unique.values())

    def series_for_topic(self, topic: str) -> list[Series]:
        return [s for s in self.series if s.topic == topic]


_REMARKS: RecordMemo[Comparison] = RecordMemo()
"""Each remark's comparison, which depends on the quotes of it alone."""
_FACTS: RecordMemo[list[Comparison]] = RecordMemo()
"""Each call's fact comparisons, which depend on the call record alone (see core/memo.py)."""


def compare_corpus(corpus: Corpus, calls_in_order: list[str]) -> Comparisons:
    by_call: dict[str, list[Comparison]] = {}
    remark_quotes: dict[str, list[tuple[str, Quote]]] = {}
    tracked: dict[tuple[str, str], list[Comparison]] = {}
    _FACTS.start()
    _REMARKS.start()
    for call_id in calls_in_order:
        call = corpus.get("calls", call_id)
        by_call[call_id] = list(_FACTS.get(call, lambda: [
            compare_fact(call_id, fact, call.date) for fact in call.facts]))  # noqa: B023 - called at once
        for comparison in by_call[call_id]:
            if comparison.topic:
                tracked.setdefault((comparison.key, comparison.topic), []).append(comparison)
        for quote in call.quotes:
            if quote.remark:
                remark_quotes.setdefault(quote.remark, []).append((call_id, quote))
    remarks = []
    for key in sorted(remark_quotes):
        quotes = remark_quotes[key]
        # One quote object stands in one call and holds its remark: the same objects, the same
        # comparison.
        comparison = _REMARKS.get(tuple(q for _, q in quotes),
                                  lambda: compare_remark(key, quotes))  # noqa: B023 - called at once
        remarks.append(comparison)
        comparison.related = []  # found again each run: the facts may have changed, not the quotes
        for call_id in sorted({c for c, _ in remark_quotes[key]}):
            comparison.related += [c for c in by_call[call_id] if c.kind == "fact" and c.disagrees
                                   and c not in comparison.related and _on_words(c, comparison)]
            by_call[call_id].append(comparison)
    series = [Series(key, topic, rows[0].label, rows)
              for (key, topic), rows in tracked.items() if len(rows) > 1]
    return Comparisons(by_call, remarks, series)


def _on_words(fact: Comparison, remark: Comparison) -> bool:
    """A fact's report cites a passage that holds one of the remark's quotes, or lies in one
    (same source)."""
    quotes = [(q.source, fold(q.words).casefold()) for v in remark.versions for q in v.reports]
    for version in fact.versions:
        for report in version.reports:
            passage = fold(report.passage).casefold()
            if any(source == report.source and (words in passage or passage in words)
                   for source, words in quotes):
                return True
    return False


@dataclass
class Matrix:
    """Which source reports which fact: rows are comparisons, columns sources."""

    sources: list[str]
    rows: list[tuple[Comparison, list[str | None]]]
    """Each row: the comparison, and per source column the value it reports (None: silent)."""


def coverage_matrix(comparisons: list[Comparison], sources: list[str]) -> Matrix:
    rows = []
    for comparison in comparisons:
        cells: list[str | None] = []
        for source in sources:
            values = [v.value for v in comparison.versions if source in v.sources]
            cells.append("; ".join(values) if values else None)
        rows.append((comparison, cells))
    return Matrix(sources, rows)
