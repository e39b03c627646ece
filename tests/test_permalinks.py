"""Permanent anchors of statements, quotes and facts-box rows (render/permalinks.py): built from
the mini fixture, then again after other statements were added, removed and reordered, the
unchanged ones keep their anchors; statements worded alike keep theirs whatever their order;
and the footnotes still lead where they did."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.core.render.permalinks import Permalinks, placeholder

from .conftest import MINI, build

VIDEO = "calls/2021-12-07-adams-brown-video-call"
PHONE = "calls/2021-12-14-adams-brown-phone-call"
ANCHORED = "[id^=claim-], [id^=quote-], [id^=row-]"
ALIKE = "They spoke by phone."
"""Two statements of the phone call worded alike, citing different passages."""
ALIKE_CITES = ["A week later they spoke again by phone for 50 minutes.",
               "They talked for nearly an hour on the phone."]


def _claim(text: str, passage: str) -> dict:
    return {"text": text, "cites": [{"source": "beta-report", "passage": passage}]}


def _write(content: Path, path: str, data: dict) -> None:
    (content / f"{path}.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def _read(content: Path, path: str) -> dict:
    return yaml.safe_load((content / f"{path}.yaml").read_text("utf-8"))


def _anchors(site: Path, path: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Anchor -> (the item's words, the passages its notes link), from the built page: what the
    item is, whatever its place and its notes' numbers."""
    page = BeautifulSoup((site / path / "index.html").read_text("utf-8"), "html.parser")
    notes = {li["id"]: li.select_one("a")["href"] for li in page.select(".footnote li[id]")}
    found = {}
    for element in page.select(ANCHORED):
        cited = tuple(notes[a["href"][1:]] for a in element.select("a.footnote-ref"))
        for part in element.select("sup"):
            part.decompose()
        found[element["id"]] = (" ".join(element.get_text().split()), cited)
    return found


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The mini fixture with two statements worded alike, built; then built again with a
    statement added at the top of each call's summary, one removed, every list reordered and
    the two alike swapped."""
    import shutil

    root = tmp_path_factory.mktemp("permalinks")
    content = root / "content"
    shutil.copytree(MINI, content)
    phone = _read(content, PHONE)
    phone["summary"] += [_claim(ALIKE, passage) for passage in ALIKE_CITES]
    _write(content, PHONE, phone)
    first = build(content, root / "first")

    phone["summary"].insert(0, _claim("The call began at 3:35 p.m.",
                                      "The call began at 3:35 p.m. Eastern time."))
    phone["summary"][-2:] = reversed(phone["summary"][-2:])
    del phone["reactions"]
    phone["facts"].reverse()
    _write(content, PHONE, phone)
    video = _read(content, VIDEO)
    for name in ("quotes", "lead", "facts"):
        video[name].reverse()
    video["summary"].insert(0, {"text": "Brown asked for the call.", "cites": [
        {"source": "beta-report", "passage": "Brown asked for the call."}]})
    _write(content, VIDEO, video)
    return first, build(content, root / "second")


@pytest.mark.parametrize("path", [VIDEO, PHONE])
def test_unchanged_items_keep_their_anchors(sites: tuple[Path, Path], path: str) -> None:
    first, second = (_anchors(site, path) for site in sites)
    removed = {a for a, (words, _) in first.items() if words.startswith("Critics said")}
    assert len(removed) == (1 if path == PHONE else 0)
    kept = {a: item for a, item in first.items() if a not in removed}
    assert kept and {a: second[a] for a in kept if a in second} == kept
    assert set(kept) <= set(second)
    added = set(second) - set(first)
    assert [second[a][0] for a in added] == (
        ["The call began at 3:35 p.m."] if path == PHONE else ["Brown asked for the call."])


def test_statements_worded_alike_keep_their_anchors_in_any_order(sites) -> None:
    """Each of the two gets its own suffix from what it cites, so swapping them moves nothing."""
    first, second = (_anchors(site, PHONE) for site in sites)
    alike = {a: item for a, item in first.items() if item[0] == ALIKE}
    assert len(alike) == 2
    assert all(re.fullmatch(r"claim-[0-9a-f]{8}-[0-9a-f]{6}", a) for a in alike), alike
    assert {a: second[a] for a in alike} == alike


@pytest.mark.parametrize("path", [VIDEO, PHONE])
def test_anchors_are_unique_and_the_footnotes_still_work(sites, path: str) -> None:
    """(Each anchor's ¶ is added in the browser: tests/browser/test_permalinks_highlight.py.)"""
    page = BeautifulSoup((sites[1] / path / "index.html").read_text("utf-8"), "html.parser")
    ids = [e["id"] for e in page.select(ANCHORED)]
    assert len(ids) == len(set(ids))
    refs = page.select("a.footnote-ref")
    assert refs and all(page.find(id=a["href"][1:]) for a in refs)
    assert all(page.find(id=a["href"][1:]) for a in page.select("a.footnote-backref"))


def test_the_facts_box_rows_are_named_by_their_fact(sites) -> None:
    rows = _anchors(sites[0], VIDEO)
    assert rows["row-duration"][0] == "How long the call lasted"
    assert rows["row-location-bob-brown"][0] == "Where Bob Brown was"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a", "b", "c"]), st.sampled_from(["x", "y", "z"])),
                min_size=1, max_size=8), st.randoms(use_true_random=False))
def test_anchors_depend_on_the_items_not_their_order(items, rnd: random.Random) -> None:
    """Any items (words, what they cite), in any order: the same item gets the same anchor, no
    two items share one, and an item seen twice has one."""

    def anchors(order: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
        links = Permalinks()
        marks = {}
        for words, tell in order:
            number, _ = links.item("claim", words, tell, tell)
            marks[(words, tell)] = placeholder(number)
        text = links.resolve("\n".join(marks.values()))
        return dict(zip(marks, text.split("\n"), strict=True))

    shuffled = list(items)
    rnd.shuffle(shuffled)
    first, second = anchors(items), anchors(shuffled)
    assert first == second
    assert len(set(first.values())) == len(first)
