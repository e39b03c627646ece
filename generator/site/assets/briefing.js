// Landing on a cited passage (#cite-…) highlights every fragment of it: a passage crossing a
// paragraph or overlapping another one is split into several <mark>s, and CSS alone cannot tie
// an anchor to marks that are not its next sibling. Each mark lists its passages in
// data-passages (generator/core/render/source_text.py).
(function () {
  function land() {
    var id = decodeURIComponent(location.hash.slice(1));
    document.querySelectorAll("mark.cited.landed").forEach(function (mark) {
      mark.classList.remove("landed");
    });
    if (!/^cite-[0-9a-f]+$/.test(id)) return;
    document.querySelectorAll("mark.cited").forEach(function (mark) {
      if ((mark.dataset.passages || "").split(" ").indexOf(id) >= 0) mark.classList.add("landed");
    });
  }
  window.addEventListener("hashchange", land);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", land);
  else land();
})();

// Statements, quotes and facts-box rows have permanent anchors (core/render/permalinks.py):
// each gets Material's ¶ "link to this" mark here, as headings get theirs from the Markdown,
// shown on hover and keyboard focus by Material's own rules (.headerlink), hidden in print.
(function () {
  function mark() {
    var items = document.querySelectorAll(
      'article [id^="claim-"], article [id^="quote-"], article [id^="row-"]');
    items.forEach(function (item) {
      var link = document.createElement("a");
      link.className = "headerlink";
      link.href = "#" + item.id;
      link.title = "Permanent link";
      link.textContent = "¶";
      item.append(" ", link);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mark);
  else mark();
})();

// Keyboard, phone and search (issue 25):
// - the search panel closes when focus leaves it (tabbing out left it open and the page dimmed);
// - a note or passage inside a closed block (<details>) is opened and scrolled to when the
//   address names it; a search hit (?hit=words, from briefing-search.js) landing on a heading
//   whose section folds the words away opens the block that holds them and scrolls to them;
// - following a note's link to its source first re-points this page's history entry at the
//   citation the reader came from, so that "back" returns to the citation, focused.
(function () {
  var lastRef = {};
  function hitWords() {
    // ?hit=grave&hit=consequences (one word each, as results link), or ?hit=grave+consequences
    var words = [];
    new URLSearchParams(location.search).getAll("hit").forEach(function (value) {
      value.split(/\s+/).forEach(function (w) { if (w.length > 1) words.push(w); });
    });
    return words;
  }
  function highlight() {
    // The searched words are marked where the result lands, by Pagefind's own highlighter
    // (mark.js), loaded only then and only where Pagefind serves the search (the offline
    // edition's Material search marks ?h= itself). Each word is marked on its own: Pagefind
    // marks each value of its parameter as one phrase.
    var words = hitWords();
    var box = document.querySelector("[data-briefing-search][data-pagefind]");
    if (!words.length || !box) return;
    var url = new URL(box.dataset.pagefind.replace(/pagefind\.js$/, "pagefind-highlight.js"),
                      document.baseURI);
    import(url.href).then(function (module) {
      var Highlight = module.default || window.PagefindHighlight;
      var Words = class extends Highlight {
        getHighlightParams() { return words; }
      };
      new Words({highlightParam: "hit", addStyles: false,
                 markOptions: {className: "search-hit",
                               exclude: ["[data-pagefind-ignore]", "[data-pagefind-ignore] *",
                                         ".headerlink", ".footnote-ref"]}});
      document.body.dataset.hitsMarked = document.querySelectorAll("mark.search-hit").length;
    }).catch(function () { /* the page reads as well without its marks */ });
  }
  function toggle() { return document.getElementById("__search"); }
  // Material closes the search 125 ms after its bundle ran when the address names an element
  // (#…, as a search result's link does): its "close search on navigation" (bundle.ts), done
  // by clicking the toggle from script. On a page just loaded that click met a box the reader
  // had opened in the meantime ('/' or 's' as the page appeared) and closed it again. This
  // script runs right after the bundle: for a moment longer than Material's delay, a click from
  // script that would close the box is cancelled (a reader's own click is trusted; a script's
  // click that opens the box, as Material's own keys do offline, goes through).
  if (location.hash && toggle()) {
    var keepOpen = function (event) {
      if (!event.isTrusted && !toggle().checked) event.preventDefault();
    };
    toggle().addEventListener("click", keepOpen);
    setTimeout(function () { toggle().removeEventListener("click", keepOpen); }, 250);
  }
  document.addEventListener("focusout", function (event) {
    var panel = event.target.closest && event.target.closest(".md-search");
    var next = event.relatedTarget;
    if (!panel || !next || panel.contains(next) || !toggle() || !toggle().checked) return;
    toggle().checked = false;
    toggle().dispatchEvent(new Event("change"));
  });

  function openAround(element) {
    for (var d = element.closest("details"); d; d = d.parentElement.closest("details")) d.open = true;
  }
  function section(heading) {
    var level = +heading.tagName.slice(1), parts = [];
    for (var e = heading.nextElementSibling; e; e = e.nextElementSibling) {
      if (/^H[1-6]$/.test(e.tagName) && +e.tagName.slice(1) <= level) break;
      parts.push(e);
    }
    return parts;
  }
  function best(parts, words) {
    // the first item, paragraph or cell holding the most of the words (all, ideally)
    var found = null, most = 0;
    parts.forEach(function (part) {
      var leaves = [].slice.call(part.querySelectorAll("li, p, td, blockquote"));
      if (part.matches("li, p, td, blockquote")) leaves.unshift(part);
      leaves.forEach(function (e) {
        if (e.querySelector("li, p, td")) return;
        var text = e.textContent.toLowerCase();
        var n = words.filter(function (w) { return text.indexOf(w) >= 0; }).length;
        if (n > most) { found = e; most = n; }
      });
    });
    return found;
  }
  function reveal(landing) {
    // the hit's words count on landing only: later jumps within the page go where they point
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    var words = landing === true ? hitWords().map(function (w) { return w.toLowerCase(); }) : [];
    var land = target && target.closest("details:not([open])") ? target : null;
    if (words.length && !land) {
      var scope = target && /^H[1-6]$/.test(target.tagName) ? section(target)
        : [document.querySelector("article") || document.body];
      land = best(scope, words);
    }
    if (!land) return;
    openAround(land);
    // after Material's own handler, which scrolls to the block's top
    setTimeout(function () { land.scrollIntoView({block: "center"}); }, 60);
  }
  window.addEventListener("hashchange", function () { reveal(false); });
  highlight();
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { reveal(true); });
  } else reveal(true);

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a");
    if (!link) return;
    if (link.classList.contains("footnote-ref")) {
      lastRef[link.getAttribute("href").slice(1)] = link.parentElement.id;
      return;
    }
    var note = link.closest(".footnote li[id]");
    if (!note || link.classList.contains("footnote-backref")) return;
    var ref = lastRef[note.id] || "fnref:" + note.id.slice(3);
    if (document.getElementById(ref)) history.replaceState(history.state, "", "#" + ref);
  });
  window.addEventListener("pageshow", function () {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!/^fnref\d*:/.test(id)) return;
    var ref = document.getElementById(id);
    if (!ref) return;
    openAround(ref);
    var link = ref.querySelector("a");
    if (link) link.focus({preventScroll: true});
    // after the browser has restored the scroll position it kept (at the note)
    setTimeout(function () { ref.scrollIntoView({block: "center"}); }, 50);
  });
})();
