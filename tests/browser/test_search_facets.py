"""Search filters and order (core/facets.py, theme/main.html, briefing-search.js) as a reader
uses them in the served seed site: kind, year, outlet and speaker, newest or oldest first."""

from __future__ import annotations

import datetime as dt

import yaml

from generator.core.load import load_corpus
from generator.core.urls import record_url

from ..conftest import SEED
from .conftest import ARTIFACTS


def _results(tab) -> list[str]:
    """The result pages once they have stopped changing."""
    page = tab.page
    seen: list[list[str]] = []
    for _ in range(80):
        hrefs = page.locator(".md-search-result__item > a.md-search-result__link").evaluate_all(
            "links => links.map(a => a.href)")
        seen.append(hrefs)
        if hrefs and seen[-3:] == [hrefs] * 3:
            return [tab.site.path_of(href) for href in hrefs]
        page.wait_for_timeout(250)
    raise AssertionError(f"results never settled: {seen[-1]}")


def _open_filters(tab) -> None:
    page = tab.page
    page.locator("[data-briefing-search][data-ready]").wait_for(state="attached")
    page.locator("input.md-search__input").click()
    page.get_by_role("button", name="Filter and sort").click()
    page.locator("[data-briefing-search][data-facets]").wait_for(state="attached")


def test_filters_list_records_of_a_kind_by_date_without_a_query(reader, seed_served) -> None:
    calls = {p.stem: yaml.safe_load(p.read_text("utf-8"))["date"]
             for p in (SEED / "calls").glob("*.yaml")}
    tab = reader(seed_served)
    tab.open()
    _open_filters(tab)
    page = tab.page
    kinds = page.locator("select[name=kind] option").all_inner_texts()
    assert f"Call ({len(calls)})" in kinds and "Source (5)" in kinds
    page.select_option("select[name=kind]", "Call")
    page.select_option("select[name=sort]", "desc")
    newest = sorted(calls, key=calls.get, reverse=True)
    assert _results(tab) == [record_url("calls", c) for c in newest]
    page.select_option("select[name=sort]", "asc")
    assert _results(tab) == [record_url("calls", c) for c in reversed(newest)]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "search-filters.png"))


def test_a_speaker_and_a_year_narrow_a_search(reader, seed_served) -> None:
    """Dmitry Peskov is quoted from some sources only: the speaker filter keeps those sources."""
    quoted = {q.source for call in load_corpus(SEED)[0].all("calls") for q in call.quotes
              if q.speaker == "dmitry-peskov"}  # quotes cite passages keyed on their sources
    assert quoted
    tab = reader(seed_served)
    tab.open()
    _open_filters(tab)
    page = tab.page
    page.select_option("select[name=kind]", "Source")
    page.select_option("select[name=speaker]", "Dmitry Peskov")
    assert sorted(_results(tab)) == sorted(record_url("sources", s) for s in quoted)
    years = page.locator("select[name=year] option").all_inner_texts()
    assert any(text.startswith(str(dt.date(2021, 1, 1).year)) for text in years)
    page.locator("input.md-search__input").press_sequentially("Kremlin", delay=15)
    results = _results(tab)
    assert results and set(results) <= {record_url("sources", s) for s in quoted}


def test_a_page_view_fetches_no_feed_nor_anything_next_to_one(reader, seed_served) -> None:
    """The feeds are linked from every page's head, never fetched by it: Material's script
    fetches a sitemap next to every link[rel=alternate] (for its language switcher), which a
    plain rel="alternate" feed link would have cost each page view (feeds/sitemap.xml, a 404)."""
    tab = reader(seed_served)
    page = tab.open("calls/2021-12-07-biden-putin-video-call/")
    page.wait_for_timeout(1000)
    assert page.locator('link[type="application/atom+xml"]').count() == 2
    assert not [url for url in tab.requests if "/feeds/" in url or "/data/" in url]
    assert tab.errors == []
