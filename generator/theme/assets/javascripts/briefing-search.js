// The header's search box, answered by Pagefind (see partials/search.html).
//
// Pagefind is loaded when the reader first opens or focuses the box, never on page load, and then
// fetches only the index chunks and result fragments a query needs. Results use Material's markup
// and styles. Keys as in Material: "/", "s" or "f" open the box, arrows move through the
// results, Enter follows one (the first from the box), Escape closes.

// Results shown per query: Pagefind fetches one fragment (a few kB) per result shown.
const RESULTS = 10;
// The filters the record pages carry (generator/core/facets.py FILTERS), in the order shown;
// their values and counts come from Pagefind's index when the box is first opened.
const FACETS = { kind: "Kind", year: "Year", outlet: "Outlet", speaker: "Speaker" };
const SORTS = { "": "Best match", desc: "Newest first", asc: "Oldest first" };

const root = document.querySelector("[data-briefing-search]");
const toggle = document.getElementById("__search");
if (root && toggle) {
  const form = root.querySelector("form");
  const input = root.querySelector("input.md-search__input");
  const meta = root.querySelector(".md-search-result__meta");
  const list = root.querySelector(".md-search-result__list");
  const placeholder = meta.textContent.trim();
  const pagefindUrl = new URL(root.dataset.pagefind, document.baseURI);
  let pagefind = null;
  let latest = 0;
  // Filter and sort choices, as <select>s above the results. Their values come from Pagefind's
  // filter index, fetched only when the reader asks for them (the button), so that a plain
  // search costs what it cost before. Laid out here: the only style rules these controls need.
  const facets = document.createElement("div");
  facets.dataset.briefingFacets = "";
  Object.assign(facets.style, { display: "none", flexWrap: "wrap", gap: "0.4rem",
                                padding: "0.4rem 0.8rem", fontSize: "0.64rem" });
  meta.before(facets);
  const choices = {};
  const select = (name, label, options) => {
    const box = document.createElement("select");
    box.name = name;
    box.setAttribute("aria-label", label);
    box.append(...options.map(([value, text]) => new Option(text, value)));
    box.addEventListener("change", () => run());
    facets.append(box);
    choices[name] = box;
  };
  const more = document.createElement("button");
  more.type = "button";
  more.className = "md-button";
  more.textContent = "Filter and sort";
  facets.append(more);
  more.addEventListener("click", async () => {
    more.disabled = true;
    const module = await load();
    const found = await module.filters();
    more.remove();
    for (const [name, label] of Object.entries(FACETS)) {
      const counts = found[name] || {};
      const values = Object.keys(counts).sort((a, b) =>
        name === "year" ? b.localeCompare(a) : a.localeCompare(b));
      if (!values.length) continue;
      select(name, label, [["", `${label}: any`], ...values.map((v) => [v, `${v} (${counts[v]})`])]);
    }
    select("sort", "Order", Object.entries(SORTS));
    root.dataset.facets = ""; // tests wait for it
    choices.kind?.focus();
  });

  const load = () => {
    if (!pagefind) {
      pagefind = import(pagefindUrl.href).then(async (module) => {
        // Result URLs from the folder above pagefind/: the site's root, wherever it is served.
        // A page's h1 weighs 10 in its body (partials/content.html), so a title match adds only
        // a fifth of Pagefind's default (5) on top: at 0.5 "Biden" listed the pages titled
        // "Biden–Putin …" before Joe Biden's, at 0 "Associated Press" listed its reporters
        // before it (measured on the real corpus with tests/browser/test_search.py's queries).
        await module.options({
          baseUrl: new URL("..", pagefindUrl).pathname,
          ranking: { metaWeights: { title: 0.2 } },
        });
        await module.init();
        facets.style.display = "flex";
        return module;
      });
    }
    return pagefind;
  };

  const count = (n) =>
    n === 0 ? root.dataset.none : n === 1 ? root.dataset.one : root.dataset.other.replace("#", n);

  // Pagefind's excerpt is the page's text split at white space, with "<" and ">" escaped (and
  // nothing else: "&" stays as it is) and <mark> around each matched word. So "&lt;" in it is a
  // "<" of the page or the page's own "&lt;", which no decoding can tell apart. The excerpt's
  // words are therefore found in the page's text (data.content, not escaped) and shown from
  // there, as text nodes and <mark> elements: exactly what the page says, never parsed as
  // markup. (Should they not be found, Pagefind's two escapes are undone.)
  const escaped = (word) => word.replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const unescaped = (word) => word.replace(/&lt;/g, "<").replace(/&gt;/g, ">");
  const MARK = /^<mark>(.*)<\/mark>$/;
  const marked = (content, html) => {
    if (!html) return [];
    const pieces = html.split(" ");
    const hits = pieces.map((piece) => MARK.test(piece));
    const plain = pieces.map((piece) => piece.replace(MARK, "$1"));
    const words = (content || "").split(/[\r\n\s]+/g);
    let shown = plain.map(unescaped);
    for (let start = 0; start + plain.length <= words.length; start++) {
      if (plain.every((word, i) => escaped(words[start + i]) === word)) {
        shown = words.slice(start, start + plain.length);
        break;
      }
    }
    const nodes = [];
    shown.forEach((word, i) => {
      if (i) nodes.push(document.createTextNode(" "));
      if (!hits[i]) return nodes.push(document.createTextNode(word));
      const mark = document.createElement("mark");
      mark.textContent = word;
      nodes.push(mark);
    });
    return nodes;
  };

  const item = (data, query) => {
    // The best-matching section (the one matching most words; Pagefind lists them in page
    // order), when it is not the page's top, is where the link lands.
    const best = (data.sub_results || []).reduce((a, b) =>
      (b.locations || []).length > (a ? (a.locations || []).length : -1) ? b : a, null);
    const href = best && best.url !== data.url ? best.url : data.url;
    const li = document.createElement("li");
    li.className = "md-search-result__item";
    const link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = href;
    link.tabIndex = -1;
    const article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    const title = document.createElement("h1");
    title.textContent = data.meta.title || data.url;
    const excerpt = document.createElement("p");
    excerpt.append(...marked(data.content,
      (best && best.url !== data.url ? best.excerpt : data.excerpt) || ""));
    // The query's words go along (?hit=a&hit=b), so that the page marks them and opens a
    // collapsed block holding them and scrolls to them (assets/briefing.js), instead of
    // landing on a closed heading.
    const target = new URL(href, location.href);
    target.searchParams.delete("hit");
    for (const word of query.split(/\s+/).filter(Boolean)) target.searchParams.append("hit", word);
    link.href = target.href;
    article.append(title, excerpt);
    link.append(article);
    li.append(link);
    return li;
  };

  // Pagefind's options for the chosen filters and order: with a filter and no words, every
  // page the filter keeps (e.g. every call of 2021, newest first).
  const options = () => {
    const filters = {};
    for (const name of Object.keys(FACETS)) {
      if (choices[name] && choices[name].value) filters[name] = choices[name].value;
    }
    const order = choices.sort ? choices.sort.value : "";
    return { filters, ...(order ? { sort: { date: order } } : {}) };
  };

  const run = async () => {
    const query = input.value.trim();
    const ticket = ++latest;
    const chosen = options();
    if (!query && !Object.keys(chosen.filters).length) {
      meta.textContent = placeholder;
      list.replaceChildren();
      return;
    }
    const module = await load();
    const search = await module.debouncedSearch(query || null, chosen, 150);
    if (search === null || ticket !== latest) return; // a later key-stroke superseded this one
    const data = await Promise.all(search.results.slice(0, RESULTS).map((r) => r.data()));
    if (ticket !== latest) return;
    meta.textContent = count(search.results.length);
    list.replaceChildren(...data.map((d) => item(d, query)));
  };

  const open = () => {
    if (!toggle.checked) toggle.checked = true;
    load();
  };
  const close = () => {
    toggle.checked = false;
    input.blur();
  };
  const links = () => [...list.querySelectorAll("a.md-search-result__link")];

  // Focusing, clicking or typing in the box opens the dialog (the box may keep the focus after
  // Escape closed it, when the reader clicks it again).
  input.addEventListener("focus", open);
  input.addEventListener("click", open);
  input.addEventListener("input", () => {
    open();
    run();
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("reset", () => setTimeout(run));
  toggle.addEventListener("change", () => {
    if (toggle.checked) {
      load();
      input.focus();
    }
  });

  // In the capture phase, and a key this box answers goes no further: Material's own keyboard
  // handler (which believes the search closed, as it never saw our toggle change) would act on
  // the same key-stroke, and depending on which script subscribed first the box opened and
  // closed again.
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const active = document.activeElement;
    const typing = active && (active.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName));
    if (!toggle.checked) {
      if (!typing && ["/", "s", "f"].includes(event.key)) {
        event.preventDefault();
        event.stopImmediatePropagation();
        open();
        input.focus();
        input.select();
      }
      return;
    }
    // The filters keep their own keys (arrows choose a value, space presses); Escape closes.
    if (active && (active.tagName === "SELECT" || active === more) && event.key !== "Escape") return;
    const targets = [input, ...links()];
    const at = targets.indexOf(active);
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopImmediatePropagation();
      close();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (targets.length < 2) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      const step = event.key === "ArrowDown" ? 1 : -1;
      targets[(Math.max(at, 0) + step + targets.length) % targets.length].focus();
    } else if (event.key === "Enter" && active === input) {
      event.preventDefault();
      event.stopImmediatePropagation();
      const first = links()[0];
      if (first) first.click();
    } else if (!typing && at < 0 && event.key.length === 1) {
      input.focus(); // typing anywhere in the open dialog goes to the box
    }
  }, true);
  // Ready once the page has loaded: Material's bundle sets its toggles up on DOMContentLoaded,
  // after this module ran, and a box opened before that could be closed again by it.
  const ready = () => setTimeout(() => { root.dataset.ready = ""; }); // tests wait for it
  if (document.readyState === "complete") ready();
  else window.addEventListener("load", ready, { once: true });
}
