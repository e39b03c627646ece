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
