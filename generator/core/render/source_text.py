"""A source's verbatim text as HTML, with every cited passage marked and anchored."""

from __future__ import annotations

from typing import Any

from ..markdown_text import escape_html, html_paragraphs


def _mark_passages(text: str, passages: list[Any]) -> str:
    """HTML for a source body: one <p> per paragraph, cited spans in <mark>, anchors at starts.

    A passage may run over several <mark>s (it crosses a paragraph, or overlaps another passage):
    each <mark> lists in `data-passages` every passage covering it, so that landing on a
    passage's anchor can highlight all of its fragments (generator/site/assets/briefing.js)."""
    starts: dict[int, list[str]] = {}
    bounds = {0, len(text)}
    for p in passages:
        starts.setdefault(p.start, []).append(p.anchor)
        bounds.update((p.start, p.end))
    cuts = sorted(b for b in bounds if 0 <= b <= len(text))
    html_parts = []
    for a, b in zip(cuts, cuts[1:]):
        for anchor in sorted(starts.get(a, [])):
            html_parts.append(f'<span class="cite-anchor" id="{anchor}"></span>')
        covering = sorted(p.anchor for p in passages if p.start <= a and b <= p.end)
        rendered = []
        for chunk in text[a:b].split("\n\n"):
            escaped = escape_html(chunk).replace("\n", "<br>")
            if covering and chunk.strip():
                escaped = (f'<mark class="cited" data-passages="{" ".join(dict.fromkeys(covering))}">'
                           f"{escaped}</mark>")
            rendered.append(escaped)
        html_parts.append("</p><p>".join(rendered))
    body = "".join(html_parts).strip()
    return f'<div class="verbatim"><p>{body}</p></div>'


def _plain_html(text: str) -> str:
    """Uncited text (the page furniture after body_ends_before) as one line of raw HTML.

    The template prints it inside a raw <details> block, never inside Markdown (an admonition's
    body is parsed as Markdown, attribute lists and links included), so it stays text.
    """
    return '<div class="verbatim boilerplate">' + html_paragraphs(text) + "</div>"
