"""Site-wide listings: the timeline's true order and how partial dates read."""

from __future__ import annotations

import datetime as dt

import yaml

from generator.core.pipeline import render, validate
from generator.core.render.listings import timeline, timeline_date, timeline_order

from .conftest import MINI


def test_a_partial_date_sorts_after_the_dated_entries_of_its_period():
    """December 2021 comes after 31 December 2021 and before 1 January 2022; 2021 after all of
    2021's months, December included."""
    dates = ["2021", dt.date(2022, 1, 1), "2021-12", dt.date(2021, 12, 31), dt.date(2021, 12, 1),
             "2021-11", dt.date(2020, 12, 31)]
    assert sorted(dates, key=timeline_order) == [
        dt.date(2020, 12, 31), "2021-11", dt.date(2021, 12, 1), dt.date(2021, 12, 31), "2021-12",
        "2021", dt.date(2022, 1, 1)]


def test_a_partial_date_says_what_is_not_given():
    assert timeline_date(dt.date(2021, 12, 7)) == "7 December 2021"
    assert timeline_date("2021-12") == "December 2021 (day not given)"
    assert timeline_date("2021") == "2021 (month and day not given)"


def test_the_fixture_timeline_puts_the_month_dated_event_after_the_calls_of_that_month():
    """The fixture's sanctions vote is dated 2021-12 only: it follows the 7 and 14 December
    calls, and each entry has one cited line, its call's first summary line or its event's
    first line of description."""
    graph = validate(MINI)
    entries = timeline(graph.corpus)
    assert [(e.when, e.key.id) for e in entries] == [
        ("7 December 2021", "2021-12-07-adams-brown-video-call"),
        ("14 December 2021", "2021-12-14-adams-brown-phone-call"),
        ("December 2021 (day not given)", "sanctions-vote")]
    event = yaml.safe_load((MINI / "events" / "sanctions-vote.yaml").read_text("utf-8"))
    assert entries[2].line.text == event["description"][0]["text"]
    page = render(graph)["timeline/2021.md"]
    rows = [line for line in page.splitlines() if line.startswith("| ") and "](" in line]
    assert len(rows) == 3 and "December 2021 \\(day not given\\)" in rows[2]
    assert all(line.count("[^") >= 1 for line in rows)  # every line is cited
