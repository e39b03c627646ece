"""Comparing what the sources say: facts recorded per source, and remarks quoted by several outlets.

Nothing here harmonises: reports are grouped only when they state the same thing (the same exact
minutes, the same clock time, or the same words), so every difference stays visible.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .corpus import Corpus
from .models import Fact, FactReport, Quote
from .verbatim import fold


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
class Comparison:
    """A fact (or remark) of one record, with its versions."""

    call: str | None
    """The call it belongs to, when it belongs to one."""
    key: str
    label: str
    versions: list[Version]
    kind: str = "fact"
    """'fact' or 'remark' (the wording of one remark across outlets)."""

    @property
    def disagrees(self) -> bool:
        return len(self.versions) > 1

    @property
    def sources(self) -> list[str]:
        return sorted({s for v in self.versions for s in v.sources})

    @property
    def single_source(self) -> bool:
        return len(self.sources) == 1

    @property
    def anchor(self) -> str:
        return f"{self.kind}-{self.key}"


def report_key(report: FactReport) -> tuple:
    """What two reports must share to count as the same version."""
    if report.minutes is not None:
        return ("minutes", report.minutes)
    if report.time is not None:
        return ("time", report.time, (report.timezone or "").lower())
    return ("text", fold(report.value).casefold().rstrip("."))


def compare_fact(call: str | None, fact: Fact) -> Comparison:
    versions: dict[tuple, Version] = {}
    for report in fact.reports:
        versions.setdefault(report_key(report), Version(report.value)).reports.append(report)
    return Comparison(call, fact.key, fact.label, list(versions.values()))


def compare_remark(key: str, quotes: list[tuple[str, Quote]]) -> Comparison:
    """Quotes sharing a `remark` key, grouped by their exact (folded) words."""
    versions: dict[str, Version] = {}
    calls = sorted({call for call, _ in quotes})
    for _, quote in quotes:
        versions.setdefault(fold(quote.words).casefold(), Version(quote.words)).reports.append(quote)
    words = quotes[0][1].words.split()
    opening = " ".join(words[:8]) + ("…" if len(words) > 8 else "")
    label = f"Wording of the remark “{opening}”"
    return Comparison(calls[0] if len(calls) == 1 else None, key, label, list(versions.values()),
                      kind="remark")


@dataclass
class Comparisons:
    """Every comparison on the site, by call."""

    by_call: dict[str, list[Comparison]]
    remarks: list[Comparison]

    def all(self) -> list[Comparison]:
        return [c for comps in self.by_call.values() for c in comps]

    def disagreements(self) -> list[Comparison]:
        return [c for c in self.all() if c.disagrees]


def compare_corpus(corpus: Corpus, calls_in_order: list[str]) -> Comparisons:
    by_call: dict[str, list[Comparison]] = {}
    remark_quotes: dict[str, list[tuple[str, Quote]]] = {}
    for call_id in calls_in_order:
        call = corpus.get("calls", call_id)
        by_call[call_id] = [compare_fact(call_id, fact) for fact in call.facts]
        for quote in call.quotes:
            if quote.remark:
                remark_quotes.setdefault(quote.remark, []).append((call_id, quote))
    remarks = []
    for key in sorted(remark_quotes):
        comparison = compare_remark(key, remark_quotes[key])
        remarks.append(comparison)
        for call_id in sorted({c for c, _ in remark_quotes[key]}):
            by_call[call_id].append(comparison)
    return Comparisons(by_call, remarks)


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
