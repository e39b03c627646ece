"""Section indexes split by month or letter: every record listed exactly once, and the pages
that split by time stay the same size as the corpus grows."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from generator.core.kinds import SECTIONS
from generator.core.link import Key
from generator.core.pipeline import render, validate
from generator.core.render.sections import initial

from .conftest import MINI
from .test_listings import _synth

GROWTH = 4
"""The larger corpus is this many times the smaller."""


def _parts(pages: dict[str, str], kind: str) -> list[str]:
    """A section's part pages: `calls/YYYY-MM.md`, `<kind>/by-month/*.md`, `<kind>/by-name/*.md`."""
    if kind == "calls":
        return sorted(p for p in pages if re.fullmatch(r"calls/\d{4}-\d{2}\.md", p))
    return sorted(p for p in pages if p.startswith((f"{kind}/by-month/", f"{kind}/by-name/")))


def _listed(pages: dict[str, str], kind: str) -> list[str]:
    """The record each row of a section's part pages links first, one entry per row (a record
    listed twice appears twice)."""
    own = re.compile(r"\]\(" + ("" if kind == "calls" else r"\.\./") + r"([a-z0-9-]+)\.md\)")
    found = []
    for path in _parts(pages, kind):
        for line in pages[path].splitlines():
            match = own.search(line) if line.startswith(("| ", "- ")) else None
            if match:
                found.append(match.group(1))
    return found


def _sizes(pages: dict[str, str], kind: str) -> list[int]:
    return [len(pages[path].encode()) for path in _parts(pages, kind)]


def test_every_record_is_on_exactly_one_part_of_its_section(tmp_path: Path):
    graph = validate(_synth(tmp_path / "content", 60))
    pages = render(graph)
    for kind in SECTIONS:
        ids = sorted(graph.corpus.records[kind])
        assert sorted(_listed(pages, kind)) == ids, kind
        parts = _parts(pages, kind)
        assert parts and all(f"]({p.removeprefix(kind + '/')})" in pages[f"{kind}/index.md"]
                             for p in parts), kind
        if SECTIONS[kind].split == "letter":
            for path in parts:
                letter = path.rsplit("/", 1)[1].removesuffix(".md")
                for id_ in _listed({path: pages[path], f"{kind}/index.md": ""}, kind):
                    assert initial(_name(graph, kind, id_)) == letter
    months = {graph.corpus.get("calls", c).date.isoformat()[:7] for c in graph.calls_in_order}
    assert _parts(pages, "calls") == sorted(f"calls/{m}.md" for m in months)


def _name(graph, kind: str, id_: str) -> str:
    from generator.core.render.site import Site
    return Site(graph).name(Key(kind, id_))


def test_month_pages_stay_the_same_size_and_letter_pages_grow_with_their_share(tmp_path: Path):
    """At four times the calls, a month of calls or sources is no bigger (the corpus adds months,
    not calls per month), each section index grows by a line per new month or letter only, and a
    letter page grows no faster than its section (a letter is bounded by the corpus, not by
    time: README, design notes)."""
    small_graph = validate(_synth(tmp_path / "small", 30))
    small = render(small_graph)
    large_graph = validate(_synth(tmp_path / "large", 30 * GROWTH))
    large = render(large_graph)
    for kind in ("calls", "sources"):
        assert max(_sizes(large, kind)) <= 1.25 * max(_sizes(small, kind)), kind
    for kind in SECTIONS:
        new_parts = len(_parts(large, kind)) - len(_parts(small, kind))
        assert len(large[f"{kind}/index.md"]) <= len(small[f"{kind}/index.md"]) + 80 * new_parts, kind
        if SECTIONS[kind].split == "letter":
            ratio = len(large_graph.corpus.records[kind]) / len(small_graph.corpus.records[kind])
            assert max(_sizes(large, kind)) <= 1.25 * ratio * max(_sizes(small, kind)), kind


def test_a_record_named_like_a_letter_keeps_its_own_url(tmp_path: Path):
    """A person with the id `a` is the page `actors/a.md` and is listed on the letter page
    `actors/by-name/a.md`: two pages, two URLs, nothing refused."""
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    (content / "actors" / "a.yaml").write_text(
        (content / "actors" / "ann-writer.yaml").read_text("utf-8").replace("name: Ann Writer", "name: Aaron Writer"),
        "utf-8")
    pages = render(validate(content))
    assert pages["actors/a.md"].count("# Aaron Writer") == 1
    assert "](../a.md)" in pages["actors/by-name/a.md"]
    assert "](by-name/a.md)" in pages["actors/index.md"]
