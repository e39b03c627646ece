"""Site-wide listings: the timeline's true order, how partial dates read, and the split by period."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path

import yaml

from generator.core.pipeline import render, validate
from generator.core.render.listings import period_of, timeline, timeline_date, timeline_order
from generator.core.urls import listing_path

from .conftest import MINI, ROOT


def test_a_partial_date_sorts_before_the_dated_entries_of_its_period():
    """December 2021 comes after 30 November 2021 and before 1 December 2021; 2021 before all of
    2021's months, January included (the earliest day each can stand for, as Wikidata orders
    dates of lower precision), so an undated entry never reads as the latest of its period."""
    dates = ["2021", dt.date(2022, 1, 1), "2021-12", dt.date(2021, 12, 31), dt.date(2021, 12, 1),
             "2021-11", dt.date(2021, 11, 30), dt.date(2020, 12, 31), "2021-01"]
    assert sorted(dates, key=timeline_order) == [
        dt.date(2020, 12, 31), "2021", "2021-01", "2021-11", dt.date(2021, 11, 30), "2021-12",
        dt.date(2021, 12, 1), dt.date(2021, 12, 31), dt.date(2022, 1, 1)]


def test_a_partial_date_says_what_is_not_given():
    assert timeline_date(dt.date(2021, 12, 7)) == "7 December 2021"
    assert timeline_date("2021-12") == "December 2021 (day not given)"
    assert timeline_date("2021") == "2021 (month and day not given)"


def test_the_fixture_timeline_puts_the_month_dated_event_before_the_calls_of_that_month():
    """The fixture's sanctions vote is dated 2021-12 only: it precedes the 7 and 14 December
    calls, and each entry has one cited line, its call's first summary line or its event's
    first line of description."""
    graph = validate(MINI)
    entries = timeline(graph.corpus)
    assert [(e.when, e.key.id) for e in entries] == [
        ("December 2021 (day not given)", "sanctions-vote"),
        ("7 December 2021", "2021-12-07-adams-brown-video-call"),
        ("14 December 2021", "2021-12-14-adams-brown-phone-call")]
    event = yaml.safe_load((MINI / "events" / "sanctions-vote.yaml").read_text("utf-8"))
    assert entries[0].line.text == event["description"][0]["text"]
    page = render(graph)["timeline/2021.md"]
    rows = [line for line in page.splitlines() if line.startswith("| ") and "](" in line]
    assert len(rows) == 3 and "December 2021 \\(day not given\\)" in rows[0]
    assert all(line.count("[^") >= 1 for line in rows)  # every line is cited


def _synth(folder: Path, calls: int) -> Path:
    spec = importlib.util.spec_from_file_location("synth", ROOT / "benchmarks" / "synth.py")
    synth = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("synth", synth)
    spec.loader.exec_module(synth)
    synth.write_corpus(folder, calls, 7)
    return folder


def test_site_wide_pages_split_by_period_and_list_everything_once(tmp_path: Path):
    """On a corpus spanning several months, each site-wide page is an index of its periods:
    every period page is linked from its index and from its neighbours, quotes and coverage
    have one page per month of the calls, the timeline one per year, and every quote and every
    call's coverage table is on exactly one page."""
    content = _synth(tmp_path / "content", 60)
    graph = validate(content)
    pages = render(graph)
    months = sorted({graph.corpus.get("calls", c).date.isoformat()[:7] for c in graph.calls_in_order})
    assert len(months) > 3
    for name in ("quotes", "coverage", "disagreements"):
        periods = sorted(path for path in pages if path.startswith(f"{name}/"))
        assert periods == [listing_path(name, month) for month in months]
        for i, path in enumerate(periods):
            assert f"]({path})" in pages[f"{name}.md"]
            if i:
                assert f"]({periods[i - 1].removeprefix(name + '/')})" in pages[path]
    years = {period_of(graph.record(e.key).date, "year") for e in timeline(graph.corpus)}
    assert sorted(p for p in pages if p.startswith("timeline/")) == [
        listing_path("timeline", y) for y in sorted(years)]
    quotes = [q.words for c in graph.calls_in_order for q in graph.corpus.get("calls", c).quotes]
    quote_pages = "".join(pages[p] for p in pages if p.startswith("quotes/"))
    assert quote_pages.count("!!! quote") == len(quotes)
    coverage = "".join(pages[p] for p in pages if p.startswith("coverage/"))
    for call_id in graph.calls_in_order:
        call = graph.corpus.get("calls", call_id)
        headings = [line.replace("\\", "") for line in coverage.splitlines() if line.startswith("## ")]
        name = f"## {call.title} ({timeline_date(call.date)})"
        assert sum(heading == name for heading in headings) == 1, name


def test_a_new_call_leaves_the_pages_of_other_months_as_they_were(tmp_path: Path):
    """Stable URLs and bytes: a call moved to a later month moves to that month's pages; the
    pages of the other months do not change, but for the links to their neighbours."""
    content = _synth(tmp_path / "content", 40)
    before = render(validate(content))
    calls = sorted((content / "calls").glob("*.yaml"))
    last = calls[-1]
    # Move the last call to a month of its own, after every other call.
    data = yaml.safe_load(last.read_text("utf-8"))
    old_month = str(data["date"])[:7]
    later = dt.date.fromisoformat(str(data["date"])) + dt.timedelta(days=62)
    # A call's id starts with its date: rename it everywhere it is referred to.
    old_id = last.stem
    new_id = later.isoformat() + old_id[len("YYYY-MM-DD"):]
    for path in content.rglob("*.yaml"):
        path.write_text(path.read_text("utf-8").replace(old_id, new_id), "utf-8")
    moved = last.with_name(f"{new_id}.yaml")
    last.rename(moved)
    moved.write_text(moved.read_text("utf-8").replace(str(data["date"]), later.isoformat(), 1),
                     "utf-8")
    after = render(validate(content))
    new_month = later.isoformat()[:7]
    for name in ("quotes", "coverage", "disagreements"):
        assert listing_path(name, new_month) in after
        periods = sorted(p for p in before if p.startswith(f"{name}/"))
        moved_from = periods.index(listing_path(name, old_month))
        unchanged = periods[:max(moved_from - 1, 0)]  # the month before links to the next one
        assert unchanged and all(before[p] == after[p] for p in unchanged), name
