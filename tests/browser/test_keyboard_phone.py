"""Keyboard, phone and search landings on a call page (issue 25), on each fixture corpus: the
search panel closes when focus leaves it; a skip link reaches the brief; "back" from a source
returns to the citation; citation markers are 24 x 24 px tap targets for a finger and as wide
as their text under a mouse; an address or search hit inside a collapsed block opens it and shows
the hit."""

from __future__ import annotations

from generator.core.urls import record_url

from .conftest import PHONE, screenshot, search


def _call(site) -> str:
    return record_url("calls", sorted(site.graph.corpus.records["calls"])[0])


def _on_screen(page, selector_js: str) -> bool:
    return page.evaluate(f"""() => {{
      const e = {selector_js};
      const r = e.getBoundingClientRect();
      return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;
    }}""")


def test_search_panel_closes_when_focus_leaves_it(served, reader):
    tab = reader(served)
    page = tab.open(_call(served))
    box = page.locator("input.md-search__input")
    box.click()
    assert page.evaluate("document.getElementById('__search').checked")
    page.keyboard.press("Shift+Tab")
    assert not page.evaluate("document.activeElement.closest('.md-search')")
    assert not page.evaluate("document.getElementById('__search').checked")
    assert tab.errors == []


def test_a_skip_link_reaches_the_brief_in_a_few_tabs(served, reader):
    """Tab reaches "Skip to the brief" within 3 keys; after it, a citation within 10 more."""
    tab = reader(served)
    page = tab.open(_call(served))
    for _ in range(3):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('skip-to-brief')"):
            break
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to the brief"
    page.keyboard.press("Enter")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('footnote-ref')"):
            break
    assert page.evaluate("document.activeElement.classList.contains('footnote-ref')")


def test_back_from_a_source_returns_to_the_citation(served, reader):
    tab = reader(served)
    page = tab.open(_call(served))
    marker = page.locator("article sup:has(> a.footnote-ref)").first
    ref_id = marker.get_attribute("id")
    note = marker.locator("a").get_attribute("href")
    marker.locator("a").click()
    with page.expect_navigation():
        page.locator(f"[id='{note[1:]}'] p > a:first-child").click()
    assert tab.here().startswith("sources/")
    page.go_back(wait_until="load")
    page.wait_for_timeout(200)
    assert page.evaluate("location.hash") == f"#{ref_id}"
    assert page.evaluate("document.activeElement.parentElement.id") == ref_id
    assert _on_screen(page, f"document.getElementById('{ref_id}')")


def test_citation_markers_are_24px_tap_targets_on_a_phone(served, reader):
    """Taps within 11 px of a marker's centre reach it; its box is no taller than a line."""
    tab = reader(served, PHONE)
    page = tab.open(_call(served))
    result = page.evaluate("""() => {
      const refs = [...document.querySelectorAll('article sup > a.footnote-ref')]
        .filter(a => !a.closest('details:not([open])')).slice(0, 40);
      const missed = [];
      for (const a of refs) {
        a.scrollIntoView({block: 'center'});
        const r = a.getBoundingClientRect();
        const x = r.left + r.width / 2, y = r.top + r.height / 2;
        for (const [dx, dy] of [[-11, -11], [11, -11], [-11, 11], [11, 11], [0, 0]]) {
          const hit = document.elementFromPoint(x + dx, y + dy);
          if (!hit || !hit.closest('a.footnote-ref')) missed.push([a.textContent, dx, dy]);
        }
      }
      // the marker's own box is no taller than its sup's line: the lines keep their height
      const taller = refs.filter(a => a.getBoundingClientRect().height
        > parseFloat(getComputedStyle(a.closest('li, p, td')).lineHeight)).length;
      return {count: refs.length, missed, taller};
    }""")
    assert page.evaluate("matchMedia('(pointer: coarse)').matches")  # a finger, as on a phone
    assert result["count"] > 0 and result["missed"] == [], result["missed"][:5]
    assert result["taller"] == 0
    screenshot(tab, "phone-call-markers", full_page=False)


def test_citation_markers_keep_their_own_width_under_a_mouse(served, reader):
    """With a mouse (a fine pointer) a marker is as wide as its text, and markers in a row read
    "[1][2]" with no gap: the 24 px targets are for fingers only (they spaced the row out)."""
    tab = reader(served)
    page = tab.open(_call(served))
    assert not page.evaluate("matchMedia('(pointer: coarse)').matches")
    result = page.evaluate("""() => {
      const refs = [...document.querySelectorAll('article sup > a.footnote-ref')]
        .filter(a => !a.closest('details:not([open])'));
      const wide = refs.filter(a => /^\\[\\d\\]$/.test(a.textContent)
        && a.getBoundingClientRect().width >= 20).map(a => a.textContent);
      const gaps = [];
      for (const a of refs) {
        const sup = a.parentElement, next = sup.nextSibling;
        if (!(next instanceof Element) || !next.matches('sup:has(> a.footnote-ref)')) continue;
        const a2 = next.querySelector('a'), r1 = a.getBoundingClientRect(), r2 = a2.getBoundingClientRect();
        if (Math.abs(r1.top - r2.top) < 1) gaps.push(r2.left - r1.right);
      }
      return {count: refs.length, wide, gaps};
    }""")
    assert result["count"] > 0 and result["wide"] == [], result["wide"][:5]
    assert result["gaps"], "no two markers side by side on the page"
    assert max(result["gaps"]) < 2, result["gaps"]
    screenshot(tab, "desktop-call-markers", full_page=False)


def test_a_note_in_a_closed_block_opens_it_when_addressed(served, reader):
    tab = reader(served)
    path = _call(served)
    page = tab.open(path)
    note = page.evaluate(
        "() => (document.querySelector('article details .footnote li[id]') || {}).id")
    assert note, path
    page.goto(served.url(path) + "#" + note, wait_until="load")
    page.wait_for_timeout(300)
    assert page.evaluate(f"document.getElementById('{note}').closest('details').open")
    assert _on_screen(page, f"document.getElementById('{note}')")


def test_a_search_hit_in_a_collapsed_section_opens_and_shows_it(served, reader):
    """A landing on a section's heading with the hit's words (?hit=, as search results link)
    opens the collapsed block holding them and scrolls the item into view."""
    tab = reader(served)
    path = _call(served)
    page = tab.open(path)
    heading, words = page.evaluate("""() => {
      for (const h of document.querySelectorAll('article h3[id]')) {
        const block = h.nextElementSibling;
        if (!block || block.tagName !== 'DETAILS' || block.open) continue;
        const item = block.querySelector('li');
        if (!item) continue;
        const words = item.textContent.split(/\\s+/).filter(w => /^[A-Za-z]{5,}$/.test(w));
        if (words.length >= 2) return [h.id, words.slice(-2).join(' ')];
      }
      return [null, null];
    }""")
    assert heading, path
    page.goto(served.url(path) + "?hit=" + words.replace(" ", "+") + "#" + heading,
              wait_until="load")
    page.wait_for_timeout(300)
    shown = page.evaluate("""words => {
      const items = [...document.querySelectorAll('article details[open] li')]
        .filter(li => words.split(' ').every(w => li.textContent.includes(w)));
      return items.map(li => { const r = li.getBoundingClientRect();
                               return r.top >= 0 && r.bottom <= window.innerHeight; });
    }""", words)
    assert shown and any(shown), (heading, words, shown)


def test_a_search_hit_in_the_evidence_opens_where_it_is(reader, seed_served):
    """In the seed briefing, the words of a quote's context (in the collapsed list of every
    quote) lead from the search results to the call page with that block open and the words on
    screen, in one click."""
    tab = reader(seed_served)
    tab.open()
    results = search(tab, "Russian flag behind him")
    call = record_url("calls", "2021-12-07-biden-putin-video-call")
    assert call in results[:3], results[:3]
    link = tab.page.locator(".md-search-result__item > a.md-search-result__link").nth(
        results.index(call))
    assert "hit=" in link.get_attribute("href")
    with tab.page.expect_navigation():
        link.click()
    tab.page.wait_for_timeout(400)
    seen = tab.page.evaluate("""() => {
      const hits = [...document.querySelectorAll('article li, article p')]
        .filter(e => e.textContent.includes('Russian flag behind him') && !e.querySelector('li, p'));
      return hits.map(e => { const r = e.getBoundingClientRect();
        return !e.closest('details:not([open])') && r.top >= 0 && r.bottom <= innerHeight; });
    }""")
    assert seen and any(seen), seen
    screenshot(tab, "search-hit-opened", full_page=False)
