"""A call page reads as a brief, in a real browser (issue 12): rules over every call and every
source page of each corpus, never figures of the live content.

- the words shown before any click stay within WORD_BUDGET (the numbered notes not counted);
- the key answers (lead, facts box rows) are within the first two desktop screens;
- citation markers are separated and bracketed, one note per distinct passage;
- a record is linked at its first mention in a section of running text, not again;
- landing on any passage anchor of any source page highlights every fragment of that passage,
  below the sticky header;
- printed, a call page keeps the lead, facts box, positions and notes, and drops the evidence.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from generator.core.urls import record_url

from .conftest import DESKTOP, screenshot

WORD_BUDGET = 2_000
"""Most words a call page shows before any click (issue 12), notes not counted."""
SCREENS = 2
"""The key answers are within this many desktop screens from the top."""

VISIBLE_WORDS = """() => {
  const article = document.querySelector("article");
  const count = text => text.split(/\\s+/).filter(Boolean).length;
  const notes = [...article.querySelectorAll(".footnote")];  // the page's and the evidence's
  return count(article.innerText) - notes.reduce((n, list) => n + count(list.innerText), 0);
}"""

RUNNING_TEXT_LINKS = """() => {
  // Links in running text per section (h2/h3): paragraphs and list items, not tables, quote
  // cards (their attribution line is a caption), notes or same-page anchors.
  const sections = [];
  let current = [];
  const walker = document.querySelectorAll(
    "article h2, article h3, article p a[href], article li a[href]");
  for (const el of walker) {
    if (/^H[23]$/.test(el.tagName)) { sections.push(current); current = []; continue; }
    if (el.closest("table, .footnote, .admonition.quote, details.quote, .md-source-file"))
      continue;
    const href = el.getAttribute("href");
    if (href.startsWith("#") || el.classList.contains("headerlink")) continue;
    current.push(href);
  }
  sections.push(current);
  return sections;
}"""


def _calls(site) -> list[str]:
    return [record_url("calls", c) for c in sorted(site.graph.corpus.records["calls"])]


def _sources(site) -> list[str]:
    return [record_url("sources", s) for s in sorted(site.graph.corpus.records["sources"])]


def test_every_call_page_shows_at_most_the_word_budget_before_any_click(served, reader):
    """Collapsed evidence is not shown: the visible words (innerText, notes excluded) of each
    call page are within WORD_BUDGET, and opening the evidence blocks shows more."""
    tab = reader(served)
    for path in _calls(served):
        page = tab.open(path)
        shown = page.evaluate(VISIBLE_WORDS)
        assert 0 < shown <= WORD_BUDGET, (path, shown)
        assert page.locator("article details").count() > 0, path
        page.evaluate("() => document.querySelectorAll('article details')"
                      ".forEach(d => d.open = true)")
        assert page.evaluate(VISIBLE_WORDS) > shown, path


def test_every_call_page_answers_the_key_questions_in_the_first_two_screens(served, reader):
    """The lead (with its citations) and the whole facts box (when, format, who asked, start,
    end, duration, where each participant was) end within two desktop screens; a call without
    a curated lead opens with its facts box."""
    tab = reader(served, DESKTOP)
    limit = SCREENS * DESKTOP["height"]
    for path in _calls(served):
        page = tab.open(path)
        key = path.strip("/").split("/")[-1]
        call = served.graph.corpus.get("calls", key)
        lead = page.locator("article .lead")
        assert lead.count() == (1 if call.lead else 0), path
        if call.lead:
            assert lead.locator(".footnote-ref").count() >= len(call.lead), path
        else:
            assert page.locator("article h2").first.get_attribute("id") == "facts-box", path
        box = page.locator("xpath=//article//h2[@id='facts-box']/following::table[1]")
        # each row's label, without its ¶ (its permanent link, hidden until hovered)
        rows = [r.removesuffix("¶").strip()
                for r in box.locator("tbody tr td:first-child").all_inner_texts()]
        expected = ["Date", "Format", "Requested by", "When the call began",
                    "When the call ended", "How long the call lasted"]
        assert [r for r in rows if r in expected] == expected, (path, rows)
        assert sum(r.startswith("Where ") for r in rows) == len(call.participants), rows
        for element in ([lead] if call.lead else []) + [box]:
            bottom = element.evaluate("e => e.getBoundingClientRect().bottom + window.scrollY")
            assert bottom <= limit, (path, bottom)
        screenshot(tab, f"brief-first-screens-{key}", full_page=False)


def test_citation_markers_are_bracketed_and_separated_with_one_note_per_passage(served, reader):
    """Every marker reads [n], adjacent markers read [1][2] (not 12), and no two notes of a
    page point at the same passage of the same source."""
    tab = reader(served)
    for path in _calls(served):
        page = tab.open(path)
        marks = page.locator("article sup .footnote-ref").evaluate_all(
            "refs => refs.map(a => a.textContent)")
        assert marks and all(re.fullmatch(r"\[\d+\]", m) for m in marks), (path, marks[:5])
        # adjacent markers stay apart: "[1][2]", never a digit run like "¹²"
        pairs = page.locator("article sup + sup").evaluate_all(
            "sups => sups.map(s => s.previousElementSibling.textContent + s.textContent)")
        assert all(re.fullmatch(r"\[\d+\]\[\d+\]", pair) for pair in pairs), (path, pairs[:3])
        targets = page.locator("article .footnote li > p > a:first-child").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))")
        assert targets and len(targets) == len(set(targets)), path
        notes = page.locator("article .footnote li").all_inner_texts()
        assert not any("Unknown outlet" in n or "Attributed to" in n for n in notes), path


def test_a_record_is_linked_at_its_first_mention_in_each_section_only(served, reader):
    """In the running text of a call page (and of the home page), no section links the same
    record twice."""
    tab = reader(served)
    for path in _calls(served) + [""]:
        page = tab.open(path)
        for links in page.evaluate(RUNNING_TEXT_LINKS):
            twice = [href for href, n in Counter(links).items() if n > 1]
            assert twice == [], (path, twice)


def test_landing_on_any_passage_highlights_all_of_it_below_the_header(served, reader):
    """For every passage anchor of every source page: every <mark> of that passage (and only
    those) is highlighted, and the passage starts below the sticky header, on screen."""
    tab = reader(served)
    checked = 0
    for path in _sources(served):
        page = tab.open(path)
        anchors = page.locator(".verbatim .cite-anchor").evaluate_all("s => s.map(e => e.id)")
        for anchor in anchors:
            page.evaluate("id => { location.hash = id; }", anchor)
            seen = page.evaluate("""id => {
              const marks = [...document.querySelectorAll('.verbatim mark.cited')];
              const mine = marks.filter(m => m.dataset.passages.split(' ').includes(id));
              const lit = marks.filter(m => getComputedStyle(m).outlineStyle === 'solid');
              const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
              const top = mine.length ? mine[0].getBoundingClientRect().top : -1;
              return {mine: mine.length, lit: lit.length,
                      litMine: lit.filter(m => mine.includes(m)).length,
                      below: top >= header, onScreen: top < window.innerHeight};
            }""", anchor)
            assert seen["mine"] > 0 and seen["lit"] == seen["litMine"] == seen["mine"], \
                (path, anchor, seen)
            assert seen["below"] and seen["onScreen"], (path, anchor, seen)
            checked += 1
    assert checked == sum(len(p) for p in served.graph.passages.values())


def test_a_call_page_prints_as_a_brief(served, reader):
    """Printed, a call page keeps the lead (when it has one), the facts box and the notes, and
    leaves out the site's navigation and the collapsed evidence."""
    tab = reader(served)
    for path in _calls(served):
        page = tab.open(path)
        page.emulate_media(media="print")
        shown = page.evaluate("""() => {
          const visible = sel => [...document.querySelectorAll(sel)]
            .some(e => e.getBoundingClientRect().height > 0);
          return {lead: visible('article .lead'), facts: visible('article table'),
                  notes: visible('article .footnote'), header: visible('.md-header'),
                  evidence: visible('article details'), nav: visible('.md-sidebar')};
        }""")
        has_lead = bool(served.graph.corpus.get("calls", path.strip("/").split("/")[-1]).lead)
        assert shown == {"lead": has_lead, "facts": True, "notes": True, "header": False,
                         "evidence": False, "nav": False}, (path, shown)
        page.emulate_media(media="screen")


@pytest.mark.parametrize("corpus", ["mini", "real"])
def test_notes_and_backlinks_are_marked_for_search_to_leave_out(corpus, request):
    """The notes list sits under a data-search-exclude heading (Material) inside a
    data-pagefind-ignore block (Pagefind); the "Linked from" list is in such a block too."""
    site = request.getfixturevalue(f"{corpus}_served")
    for path in _calls(site) + _sources(site):
        html = (site.root / path / "index.html").read_text("utf-8")
        if 'class="footnote"' not in html:
            continue
        assert '<h2 data-search-exclude id="notes">' in html, path
        notes = html[html.index('<h2 data-search-exclude id="notes">'):]
        assert re.match(r'.*?<div class="notes" data-pagefind-ignore[^>]*>\s*'
                        r'<div class="footnote">', notes, re.S), path
        if 'id="linked-from"' in html:
            assert re.search(r'<div class="backlinks" data-pagefind-ignore[^>]*>', html), path


NOTES_SEEN = """() => {
  // Note ids cited by markers a reader sees (outside closed blocks, or printed), and the notes
  // listed where the reader sees them.
  const shut = e => e.closest('details:not([open])') !== null;
  const drawn = e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
  const refs = [...document.querySelectorAll('article sup > a.footnote-ref')];
  const notes = [...document.querySelectorAll('article .footnote li[id]')];
  return {
    cited: [...new Set(refs.filter(a => !shut(a) && drawn(a))
                      .map(a => a.getAttribute('href').slice(1)))].sort(),
    listed: notes.filter(n => !shut(n) && drawn(n)).map(n => n.id).sort(),
    all: notes.map(n => n.id),
    targets: [...new Set(refs.map(a => a.getAttribute('href').slice(1)))].sort(),
  };
}"""


def test_the_notes_shown_before_any_click_are_the_briefs_own(served, reader):
    """The notes listed where a reader sees them before any click are exactly those the shown
    text cites; the evidence's own notes are listed with the evidence, collapsed, numbered after
    them; every marker leads to a note of the page."""
    tab = reader(served)
    for path in _calls(served):
        page = tab.open(path)
        seen = page.evaluate(NOTES_SEEN)
        assert seen["cited"] and seen["listed"] == seen["cited"], path
        assert sorted(seen["all"]) == seen["targets"], path
        numbers = sorted(int(n.removeprefix("fn:")) for n in seen["all"])
        assert numbers == list(range(1, len(numbers) + 1)), path
        # each marker reads the number of the note it leads to, and each note is listed there
        wrong = page.evaluate("""() => [...document.querySelectorAll('article a.footnote-ref')]
          .filter(a => a.textContent !== '[' + a.getAttribute('href').slice(4) + ']')
          .map(a => a.textContent)""")
        assert wrong == [], (path, wrong[:5])
        shown_at = page.evaluate("""() => [...document.querySelectorAll('article .footnote ol')]
          .map(ol => [...ol.children].map((li, i) => [li.id, (ol.start || 1) + i]))
          .flat().filter(([id, n]) => id !== 'fn:' + n)""")
        assert shown_at == [], (path, shown_at[:5])
        hidden = page.locator("article details .footnote li[id]")
        if hidden.count():
            first = int(hidden.first.get_attribute("id").removeprefix("fn:"))
            assert first == len(seen["listed"]) + 1, path


def _pdf_pages(pdf: bytes) -> int:
    """Pages of a PDF Chromium printed: its page objects (pypdf is not among the test extras)."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


@pytest.mark.parametrize("corpus", ["seed"])
def test_a_call_page_prints_on_at_most_four_a4_pages_with_only_its_notes(corpus, request, reader):
    """Printed to PDF by Chromium on A4, each call page of the seed corpus is at most 4 pages;
    the notes printed are exactly those the printed text cites, their numbers fit the margin they
    are printed in, and no heading is left at the foot of a page apart from what follows it."""
    site = request.getfixturevalue(f"{corpus}_served")
    tab = reader(site)
    for path in _calls(site):
        page = tab.open(path)
        pdf = page.pdf(format="A4")
        assert 0 < _pdf_pages(pdf) <= 4, (path, _pdf_pages(pdf))
        (screenshot(tab, "print-" + path.strip("/").split("/")[-1]).parent
         / f"{corpus}-print-{path.strip('/').split('/')[-1]}.pdf").write_bytes(pdf)
        page.emulate_media(media="print")
        seen = page.evaluate(NOTES_SEEN)
        assert seen["listed"] == seen["cited"] and seen["listed"], path
        # printed numbers run 1..n: the notes left out of print are the list's last
        assert seen["listed"] == sorted(f"fn:{n}" for n in range(1, len(seen["listed"]) + 1)), path
        fits = page.evaluate("""() => [...document.querySelectorAll('article .footnote li[id]')]
          .filter(li => li.getClientRects().length).map(li => {
            const probe = document.createElement('span');
            probe.textContent = li.id.slice(3) + '.';
            probe.style.font = getComputedStyle(li).font;
            probe.style.position = 'absolute';
            document.body.append(probe);
            const need = probe.getBoundingClientRect().width;
            probe.remove();
            const room = parseFloat(getComputedStyle(li).marginLeft)
              + parseFloat(getComputedStyle(li.parentElement).paddingLeft);
            return [li.id, need, room];
          }).filter(([, need, room]) => need > room)""")
        assert fits == [], (path, fits[:3])
        # headings, and the bold run-in headings of positions ("**Warnings**")
        headings = page.evaluate("""() => [...document.querySelectorAll(
            'article h2, article h3, article p:has(> strong:only-child)')]
          .filter(h => h.getClientRects().length)
          .map(h => getComputedStyle(h).breakAfter)""")
        assert headings and set(headings) == {"avoid"}, (path, headings)
        page.emulate_media(media="null")  # back to none: page.pdf() of a "screen" page prints screen
