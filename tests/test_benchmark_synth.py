"""The benchmark's synthetic corpus is valid, exercises the content model, and builds."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest
import yaml

from generator.core import yamlfile
from generator.core.link import MENTIONED
from generator.core.models import Attribution
from generator.core.pipeline import generate, validate, write_pages
from generator.core.render.record_pages import HOME_CALLS

from .conftest import ROOT, build


def _module(name: str):
    """A module of benchmarks/ (a folder of scripts, not a package)."""
    spec = importlib.util.spec_from_file_location(f"benchmarks_{name}", ROOT / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


synth = _module("synth")
bench = _module("run")

CALLS = 6


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic corpus of six calls."""
    content = tmp_path_factory.mktemp("synth") / "content"
    synth.write_corpus(content, CALLS)
    return content


def test_synthetic_corpus_validates_with_everything_the_real_content_uses(corpus: Path):
    """Every quote and passage is found in its text, and the corpus uses remarks worded
    differently, disagreeing facts, every attribution, wiki-links, follow-ups with events."""
    graph = validate(corpus)
    calls = graph.corpus.all("calls")
    assert len(calls) == CALLS
    cites = [c for call in calls for claim in call.summary + call.context + call.outcomes
             + call.reactions + [x for p in call.positions for x in p.demands + p.warnings
                                 + p.offers + p.statements] for c in claim.cites]
    assert {c.attribution for c in cites} == set(Attribution)
    assert all(f.event for call in calls for f in call.follow_ups)
    assert any(p.location for call in calls for p in call.participants)
    facts = [f for call in calls for f in call.facts]
    assert any(len({(r.minutes, r.value) for r in f.reports}) > 1 for f in facts)
    remarks: dict[str, set[str]] = {}
    for call in calls:
        for quote in call.quotes:
            if quote.remark:
                remarks.setdefault(quote.remark, set()).add(quote.words)
    assert any(len(words) > 1 for words in remarks.values())
    assert any(MENTIONED in groups for groups in graph.backlinks.values())
    assert sum(len(p) for p in graph.passages.values()) > 20 * CALLS


def test_same_seed_writes_the_same_corpus(tmp_path: Path):
    """The corpus depends on the seed only: same seed, same bytes; another seed, other bytes."""
    files = lambda seed: synth.Synth(CALLS, seed).files()  # noqa: E731
    assert files(7) == files(7)
    assert files(7) != files(8)


def test_synthetic_corpus_builds_with_mkdocs_strict(corpus: Path, tmp_path: Path):
    """The whole site builds in strict mode: no broken link or anchor."""
    site = build(corpus, tmp_path / "site")
    assert (site / "calls" / "index.html").is_file()
    assert len(list((site / "sources").glob("*/index.html"))) == len(list((corpus / "sources").iterdir()))


def test_regeneration_writes_only_pages_whose_content_changed(corpus: Path, tmp_path: Path):
    """No change writes nothing; rewording one statement (a call's first summary line) rewrites
    its call page, the pages of the sources it cites and the timeline of its year, which shows
    that line; nothing else. (The oldest call: the home page shows the latest calls' opening
    lines, so an edit to one of those rewrites the home page too.)"""
    docs = tmp_path / "docs"
    before = generate(corpus)
    write_pages(before, docs)
    assert write_pages(generate(corpus), docs).written == []
    edited = tmp_path / "content"
    synth.write_corpus(edited, CALLS)
    call = sorted((edited / "calls").glob("*.yaml"))[0]
    assert CALLS > HOME_CALLS
    call.write_text(call.read_text("utf-8").replace(" minutes.'\n", " minutes, aides said.'\n", 1))
    after = generate(edited)
    changed = sorted(path for path in after if after[path] != before[path])
    assert write_pages(after, docs).written == changed
    assert changed[0] == f"calls/{call.stem}.md"
    year = call.stem[:4]
    assert len(changed) == 4 and changed[-1] == f"timeline/{year}.md"  # the call's year
    assert all(path.startswith("sources/") for path in changed[1:-1])


def test_fast_and_pure_python_yaml_readers_agree(corpus: Path, monkeypatch: pytest.MonkeyPatch):
    """libyaml's reader gives the same values and positions as PyYAML's pure-Python one, and
    the values PyYAML's own safe_load builds (the readers build them while checking nodes)."""
    files = sorted(corpus.glob("*/*.yaml")) + sorted((ROOT / "tests" / "fixtures").rglob("*.yaml"))
    if yaml.__with_libyaml__:  # the fast reader must really read them, not fall back
        assert all(yamlfile._read_fast(path.read_text("utf-8")) is not None for path in files
                   if path.read_text("utf-8").strip())
    fast = [yamlfile.read_yaml(path) for path in files]
    monkeypatch.setattr(yamlfile, "_CParser", None)
    slow = [yamlfile.read_yaml(path) for path in files]
    assert [(r.data, r.positions) for r in fast] == [(r.data, r.positions) for r in slow]
    assert [r.data for r in fast] == [yaml.safe_load(path.read_text("utf-8")) for path in files]


def _serve(seconds: float, shown: bool = True) -> dict:
    """A serve_worker result whose every save takes `seconds` of CPU."""
    split = {"read": seconds / 10, "link": seconds / 10, "render": seconds / 5}
    saves = {label: {"cpu": seconds, "wall": seconds, "shown": shown, "split": split,
                     "reported": None, "changed": 1, "rendered": 3} for label in bench.EDITS}
    saves["broken edit"] = {"cpu": seconds, "wall": seconds, "shown": shown, "split": {},
                            "reported": seconds / 5, "changed": 0, "rendered": 0}
    return {"first_cpu": 10 * seconds, "first_wall": 10 * seconds, "saves": saves}


def test_serve_report_checks_each_size_against_its_target():
    """Save -> page updated: 2 s up to 1,000 calls, 5 s up to 5,000; a save whose page did not
    show the edit misses whatever its time."""
    def result(calls: int, serve: dict) -> dict:
        return {"calls": calls, "serve": serve}
    rows, checks = bench.serve_report([result(1000, _serve(1.9)), result(5000, _serve(4.9))])
    assert [ok for _, ok, _ in checks] == [True, True]
    assert any("| broken edit |" in row.replace("  ", " ") or "broken edit" in row for row in rows)
    _, checks = bench.serve_report([result(1000, _serve(2.1)), result(5000, _serve(1.0, shown=False))])
    assert [ok for _, ok, _ in checks] == [False, False]
    assert "2 s at 1,000 calls" in checks[0][0] and "5 s at 5,000 calls" in checks[1][0]


def test_benchmark_report_ends_with_the_bench_line():
    """The report's last line is the machine-readable summary, with the share and growth."""
    def result(calls: int, generator: float, mkdocs: float, html_bytes: int,
               first_result: float = 0.3) -> dict:
        stages = dict.fromkeys(bench.STAGES, generator / len(bench.STAGES))
        stages.update(total=generator, wall=generator)
        edits = {label: {"record": "calls/x.yaml", "written": ["calls/x.md"]} for label in bench.EDITS}
        return {"calls": calls,
                "gen": {"stages": stages, "records": {"calls": calls}, "pages": calls * 6,
                        "passages": calls * 30, "quotes": calls * 4, "peak_mb": 50.0,
                        "all_totals": [generator]},
                "inc": {"unchanged_writes": 0, "edits": edits},
                "build": {"mkdocs_s": mkdocs, "mkdocs_wall": mkdocs, "site_bytes": html_bytes * 2,
                          "html_pages": calls * 6, "html_bytes": html_bytes,
                          "largest_page": (1000, "quotes/index.html"), "search_bytes": 10_000,
                          "peak_mb": 90.0, "generate_s": generator, "pagefind_s": 0.5},
                "reader": {"view_bytes": 400_000, "view_requests": 12, "search_bytes": 90_000,
                           "search_requests": 9, "first_result_s": first_result},
                "bare": {"mkdocs_s": mkdocs + generator, "mkdocs_wall": mkdocs},
                "stock": {"mkdocs_s": 1.25 * mkdocs, "mkdocs_wall": mkdocs},
                "serve": _serve(0.5)}

    text, ok = bench.report([result(10, 0.1, 4.0, 60_000), result(100, 1.0, 40.0, 720_000)], "x")
    assert text.splitlines()[-1] == ("bench: calls=100 generator_s=1.00 mkdocs_s=40.00 "
                                     "generator_share=0.025 page_bytes_growth=1.20 unchanged_writes=0 "
                                     "view_bytes_growth=1.00 first_result_s=0.30 largest_page_kB=1 "
                                     "build_ratio=0.83 build_ratio_no_search=1.01")
    assert ok
    assert "met    cold briefing build <= 1.15x a stock MkDocs build of the same Markdown: 0.92, 0.83" \
        in text.splitlines()
    text, ok = bench.report([result(10, 0.1, 4.0, 60_000),
                             result(100, 1.0, 40.0, 720_000, first_result=2.0)], "x")
    assert not ok and re.search(r"^MISSED first search result <= 1.0 s at every size: 0.30, 2.00$",
                                text, re.M)
