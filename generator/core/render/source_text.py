"""A source's verbatim text as HTML, with every cited passage marked and anchored."""

from __future__ import annotations

from typing import Any

from ..markdown_text import escape_html, html_paragraphs


def _mark_passages(text: str, passages: list[Any]) -> str:
    """HTML for a source body: one <p> per paragraph, cited spans in <mark>, anchors at starts."""
    starts: dict[int, list[str]] = {}
    bounds = {0, len(text)}
    for p in passages:
        starts.setdefault(p.start, []).append(p.anchor)
        bounds.update((p.start, p.end))
    cuts = sorted(b for b in bounds if 0 <= b <= len(text))
    pieces = []
    for a, b in zip(cuts, cuts[1:]):
        covered = any(p.start <= a and b <= p.end for p in passages)
        for anchor in sorted(starts.get(a, [])):
            pieces.append(("anchor", anchor))
        pieces.append(("mark" if covered else "text", text[a:b]))
    html_parts = []
    for kind, value in pieces:
        if kind == "anchor":
            html_parts.append(f'<span class="cite-anchor" id="{value}"></span>')
        else:
            chunks = value.split("\n\n")
            rendered = []
            for chunk in chunks:
                escaped = escape_html(chunk).replace("\n", "<br>")
                rendered.append(f'<mark class="cited">{escaped}</mark>' if kind == "mark" and chunk.strip() else escaped)
            html_parts.append("</p><p>".join(rendered))
    body = "".join(html_parts).strip()
    return f'<div class="verbatim"><p>{body}</p></div>'


def _plain_html(text: str) -> str:
    """Uncited text (the page furniture after body_ends_before) as one line of raw HTML.

    The template prints it inside a raw <details> block, never inside Markdown (an admonition's
    body is parsed as Markdown, attribute lists and links included), so it stays text.
    """
    return '<div class="verbatim boilerplate">' + html_paragraphs(text) + "</div>"
