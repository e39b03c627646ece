"""In Chromium: a search result opens its page with the searched words marked (Pagefind's
highlighter, loaded by assets/briefing.js), the collapsed block holding them open; a statement's
permanent link (render/permalinks.py) opens the block it is in, and its ¶ shows on hover and on
keyboard focus, as a heading's does."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from generator.core.urls import record_url

from .conftest import screenshot, search

CALL = record_url("calls", "2021-12-07-biden-putin-video-call")


def _marks(page) -> list[dict]:
    return page.evaluate("""() => [...document.querySelectorAll('article mark.search-hit')].map(m => {
      const r = m.getBoundingClientRect();
      return {text: m.textContent.toLowerCase(), closed: !!m.closest('details:not([open])'),
              seen: r.top >= 0 && r.bottom <= innerHeight};
    })""")


def test_a_result_opens_its_page_with_the_words_marked(reader, seed_served):
    """The result link carries each word (?hit=russian&hit=flag…); the page marks each of them,
    and the block holding them is open with them on screen."""
    tab = reader(seed_served)
    tab.open()
    words = ["russian", "flag", "behind", "him"]
    results = search(tab, " ".join(words))
    assert CALL in results[:3], results[:3]
    link = tab.page.locator(".md-search-result__item > a.md-search-result__link").nth(
        results.index(CALL))
    query = urlparse(link.get_attribute("href")).query
    assert parse_qs(query) == {"hit": words}
    with tab.page.expect_navigation():
        link.click()
    tab.page.locator("body[data-hits-marked]").wait_for(state="attached")
    tab.page.wait_for_timeout(300)
    marks = _marks(tab.page)
    assert {m["text"] for m in marks} == set(words), marks
    assert any(m["seen"] and not m["closed"] for m in marks), marks
    assert tab.errors == []
    screenshot(tab, "search-hit-marked", full_page=False)


def test_a_page_opened_without_a_search_loads_no_highlighter(reader, mini_served):
    tab = reader(mini_served)
    page = tab.open(record_url("calls", "2021-12-07-adams-brown-video-call"))
    page.wait_for_timeout(500)
    assert not [url for url in tab.requests if "pagefind" in url]
    assert page.locator("mark.search-hit").count() == 0


def test_a_statement_s_link_opens_its_block_and_shows_it(reader, mini_served):
    """The summary in full is collapsed: its statement's address opens it and shows the
    statement, marked as the target; its ¶ is there, shown when focused by the keyboard."""
    tab = reader(mini_served)
    path = record_url("calls", "2021-12-07-adams-brown-video-call")
    page = tab.open(path)
    anchor = page.evaluate(
        "() => document.querySelector('article details:not([open]) li[id^=claim-]').id")
    page.goto(mini_served.url(path) + "#" + anchor, wait_until="load")
    page.wait_for_timeout(400)
    shown = page.evaluate("""id => {
      const li = document.getElementById(id), r = li.getBoundingClientRect();
      return {open: li.closest('details').open, seen: r.top >= 0 && r.bottom <= innerHeight,
              background: getComputedStyle(li).backgroundColor};
    }""", anchor)
    assert shown["open"] and shown["seen"], shown
    assert shown["background"] not in ("rgba(0, 0, 0, 0)", "transparent"), shown
    mark = page.locator(f"#{anchor} > a.headerlink[href='#{anchor}']")
    assert mark.count() == 1
    page.keyboard.press("Tab")  # focus moves from the target on by the keyboard, not the mouse
    mark.focus()
    page.wait_for_timeout(300)
    assert mark.evaluate("a => a === document.activeElement && a.tabIndex === 0")
    assert mark.evaluate("a => getComputedStyle(a).opacity") == "1"


def test_every_anchor_has_its_mark_hidden_until_hovered(reader, mini_served):
    """Each statement, quote and facts-box row with an anchor gets one ¶ linking it; a mark is
    invisible until its item is hovered."""
    tab = reader(mini_served)
    page = tab.open(record_url("calls", "2021-12-07-adams-brown-video-call"))
    marks = page.evaluate("""() => [...document.querySelectorAll(
        'article [id^=claim-], article [id^=quote-], article [id^=row-]')].map(e => {
      const own = [...e.children].filter(a => a.matches('a.headerlink'));
      return [e.id, own.map(a => a.getAttribute('href'))];
    })""")
    assert len(marks) > 10
    assert all(hrefs == ["#" + anchor] for anchor, hrefs in marks), marks
    item = page.locator("article li[id^=claim-]").first
    mark = item.locator(":scope > a.headerlink")
    assert mark.evaluate("a => getComputedStyle(a).opacity") == "0"
    item.hover()
    page.wait_for_timeout(300)
    assert mark.evaluate("a => getComputedStyle(a).opacity") == "1"
