"""Markdown helpers bound to one page: relative links, prose with wiki-links, numbered citations."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..link import WIKILINK, Key, passage_anchor, resolve_wikilink
from ..models import Attribution, Quote
from .dates import display_date
from .markup import Safe, _anchor_id, escape
from .permalinks import AnchorHelpers, Permalinks
from .site import ATTRIBUTION_TEXT, Site


@dataclass
class Note:
    """One numbered note: one distinct passage of one source, however many claims cite it."""

    number: int
    citation: Any
    """The first Citation, FactReport or Quote citing the passage (all have source and passage)."""
    attributions: list[str] = field(default_factory=list)
    """Each distinct plain-English attribution the passage is cited with on this page."""
    shown: bool = False
    """Cited in text a reader sees before any click (outside every folded block)."""
    printed: bool = False
    """Cited in the part of the page that prints (shown, and outside every unprinted part)."""


EVIDENCE_NOTES = "\x02evidence notes\x02"
"""Where a page's notes cited only in folded blocks go (`PageBuilder.evidence_notes`); no text
can hold it (see MARK)."""
MARK = "\x02"
"""Starts the number of a marker `cite` writes, `[^\x02N]`, until `finish` numbers it for the
reader: no text can hold it (the control characters are dropped from every curated string and
source text), so a "[^1]" in a verbatim source text is never taken for a marker."""
MARKER = re.compile(r"\[\^\x02(\d+)\]")

TOPIC_ASIDE = re.compile(r"\s*\((\[\[[^\]]+\]\](?:,\s*\[\[[^\]]+\]\])*)\)")
"""A parenthesis holding nothing but wiki-links, "([[sanctions]], [[nord-stream-2]])": its topic
links are dropped from running text, since a page shows its topics once, in a Topics line."""


@dataclass
class PageBuilder(AnchorHelpers):
    """Markdown helpers bound to one page: relative links and its numbered citations."""

    site: Site
    path: str
    notes: dict[tuple, Note] = field(default_factory=dict)
    mentioned: set[Key] = field(default_factory=set)
    """Records already linked in running text in the current section: later mentions are plain
    text, as on Wikipedia (first mention linked, per section)."""
    sectioned: bool = False
    """True once the template has started a section (see `section`)."""
    folded: int = 0
    """How many folded (collapsed) blocks the template is inside (see `fold`)."""
    unprinted: int = 0
    """How many parts left out of the printed brief the template is inside (`leave_out_of_print`)."""
    permalinks: Permalinks = field(default_factory=Permalinks)
    """The anchors of the page's statements and quotes (permalinks.py)."""

    # links
    def href(self, key: Key, anchor: str = "") -> Safe:
        return Safe(self.site.link(self.path, key.path, anchor))

    def page_href(self, path: str, anchor: str = "") -> Safe:
        return Safe(self.site.link(self.path, path, anchor))

    def ref(self, kind: str, id: str, label: str | None = None) -> Safe:
        # The most frequent helper (25 per page): remembered per folder of the linking page,
        # like the relative links it is made of. A page's link to itself differs, so it is not.
        remembered = (self.path.rpartition("/")[0], kind, id, label)
        text = self.site.refs.get(remembered)
        if text is None:
            key = Key(kind, id)
            text = f"[{escape(label or self.site.name(key))}]({self.href(key)})"
            if key.path != self.path:
                self.site.refs[remembered] = text
        return Safe(text)

    def key(self, key: Key, label: str | None = None) -> Safe:
        return self.ref(key.kind, key.id, label)

    def refs(self, kind: str, ids: Iterable[str]) -> Safe:
        return Safe(", ".join(self.ref(kind, i) for i in ids))

    # text
    def section(self) -> Safe:
        """Start a new section: the next mention of each record is linked again. Pages whose
        template never starts a section link every mention."""
        self.sectioned = True
        self.mentioned.clear()
        return Safe("")

    def fold(self) -> Safe:
        """Enter a folded block: what it cites is shown only after a click, so a note cited
        nowhere else goes with the evidence, not in the page's notes (`finish`)."""
        self.folded += 1
        return Safe("")

    def unfold(self) -> Safe:
        self.folded -= 1
        return Safe("")

    def leave_out_of_print(self, starts: bool) -> Safe:
        """Enter (or leave) a shown part that the printed brief leaves out (briefing.css): its
        notes are numbered after the printed part's, so the printed list stops before them."""
        self.unprinted += 1 if starts else -1
        return Safe("")

    def evidence_notes(self) -> Safe:
        """Where the notes cited only in folded blocks are listed (`finish` fills it in)."""
        return Safe(EVIDENCE_NOTES)

    def mention(self, key: Key, label: str | None = None) -> Safe:
        """A record named in running text: a link the first time in a section, then plain text."""
        if not self.sectioned:
            return self.ref(key.kind, key.id, label)
        if key in self.mentioned or key.path == self.path:
            return Safe(escape(label or self.site.name(key)))
        self.mentioned.add(key)
        return self.ref(key.kind, key.id, label)

    def speaker(self, quote: Quote, in_text: bool = False) -> Safe:
        """Who said a quote: the person or organization, linked (in running text, at its first
        mention in the section only), on a quote card with the source's description of them;
        the description alone when the source names no one."""
        who = (Key("actors", quote.speaker) if quote.speaker else
               Key("organizations", quote.speaker_org) if quote.speaker_org else None)
        if who is None:
            return Safe(escape(quote.speaker_as or ("unnamed speaker" if in_text else "Unnamed speaker")))
        if in_text:
            return self.mention(who)
        described = f" ({escape(quote.speaker_as)})" if quote.speaker_as else ""
        return Safe(str(self.key(who)) + described)

    def prose(self, text: str | None) -> Safe:
        """Curated text with its [[wiki-links]] made into links (each record's first mention in the
        section only) and everything else escaped; asides that only name topics are dropped."""
        if not text:
            return Safe("")
        text = TOPIC_ASIDE.sub(self._aside, text)
        out, last = [], 0
        for match in WIKILINK.finditer(text):
            out.append(escape(text[last:match.start()]))
            key, _ = resolve_wikilink(match.group(1), self.site.corpus)
            label = match.group(2) or (self.site.name(key) if key else match.group(1))
            out.append(str(self.mention(key, label)) if key else escape(label))
            last = match.end()
        out.append(escape(text[last:]))
        return Safe("".join(out).strip())

    def _aside(self, match: re.Match) -> str:
        """A parenthesis of wiki-links without its topic links (nothing when only topics)."""
        kept = []
        for link in WIKILINK.finditer(match.group(1)):
            key, _ = resolve_wikilink(link.group(1), self.site.corpus)
            if key is None or key.kind != "topics":
                kept.append(link.group(0))
        return f" ({', '.join(kept)})" if kept else ""

    def join(self, items: Iterable[str], separator: str = ", ") -> Safe:
        """Curated strings, each escaped, joined."""
        return Safe(separator.join(escape(item) for item in items))

    def attributed(self, citations: Iterable[Any], text: str = "") -> Safe:
        """Inline note of whom the sources attribute a statement to, when not the outlet itself:
        "(according to Yuri Ushakov, the Kremlin aide)".

        A statement resting partly on the outlets' own reporting says "in part", so that one tag
        never lends an official's voice to the whole of it (each footnote names its own voice);
        an unnamed group speaks for itself: "Republicans said". A person on the record whom the
        statement's own text already names as its speaker ("…, said [[jake-sullivan]]") is not
        named again in the tag; their footnote still says it."""
        parts: list[str] = []
        own = False
        for citation in citations:
            if isinstance(citation, Quote):
                continue
            if citation.attribution == Attribution.outlet:
                own = True
                continue
            if (citation.attribution == Attribution.on_record and citation.speaker and text
                    and self._names_in(text, citation.speaker)):
                continue
            part: Any = self._who(citation, linked=True)
            if citation.attribution == Attribution.group:
                part = ("group", part)
            if part not in parts:
                parts.append(part)
        if not parts:
            return Safe("")
        said = [f"{p[1]} said" for p in parts if isinstance(p, tuple)]
        according = [p for p in parts if not isinstance(p, tuple)]
        pieces = ([f"according to {'; '.join(according)}"] if according else []) + said
        return Safe(f" *({'in part: ' if own else ''}{'; '.join(pieces)})*")

    def _names_in(self, text: str, actor: str) -> bool:
        """Does curated text name the person: a wiki-link to them, or their name written out?"""
        if f"[[{actor}]]" in text or f"[[{actor}|" in text:
            return True
        name = self.site.name(Key("actors", actor))
        return name in text

    def _who(self, citation: Any, linked: bool, aside: str = ", {}") -> str:
        """Whom a citation's source attributes it to, in words: the speaker (linked once per
        section) with the source's description of them (formatted by `aside`); a readout by a
        named speaker is "a readout by" them (its description would repeat the name).

        Linked, the words are Markdown; unlinked, plain text, which the caller escapes once
        (escaping here too showed "U\\.S\\." in the notes)."""
        kind, described = citation.attribution, citation.as_
        text = escape if linked else str
        if citation.speaker:
            key = Key("actors", citation.speaker)
            name = str(self.mention(key)) if linked else self.site.name(key)
            if kind == Attribution.readout:
                return f"a readout by {name}"
            if described:
                return name + aside.format(text(described))
            return name
        return text(described or ATTRIBUTION_TEXT[kind])

    def field_cites(self, comparison: Any) -> Safe:
        """Citations of a fact backing a typed field, with a pointer when sources disagree."""
        if comparison is None:
            return Safe("")
        marks = str(self.cite(r for v in comparison.versions for r in v.reports))
        return Safe(marks + self.outcome_mark(comparison))

    def outcome_mark(self, comparison: Any) -> Safe:
        """The pointer from a fact's value to its comparison: only a conflict is a disagreement."""
        if comparison is None:
            return Safe("")
        if comparison.disagrees:
            return Safe(f" — [sources disagree](#{_anchor_id(comparison.anchor)})")
        if comparison.consistent:
            return Safe(f" — [stated differently, consistent](#{_anchor_id(comparison.anchor)})")
        if comparison.variant:
            return Safe(f" — [wording variants](#{_anchor_id(comparison.anchor)})")
        if comparison.single_source:
            return Safe(" (one source)")
        return Safe("")

    def known(self, value: Any) -> Safe:
        """A value, or *Unknown* when the sources do not give it."""
        if value is None or value == "" or value == []:
            return Safe("*Unknown*")
        if isinstance(value, dt.date):
            return Safe(escape(display_date(value)))
        return Safe(escape(str(value)))

    # citations
    def cite(self, citations: Iterable[Any]) -> Safe:
        """Footnote markers for a claim's citations, numbered per page like Wikipedia's: one note
        per distinct passage of a source, whoever it is attributed to."""
        marks = []
        for citation in citations:
            passage = citation.words if isinstance(citation, Quote) else citation.passage
            ident = (citation.source, passage)
            note = self.notes.get(ident)
            if note is None:
                note = self.notes[ident] = Note(len(self.notes) + 1, citation)
            note.shown = note.shown or not self.folded
            note.printed = note.printed or not (self.folded or self.unprinted)
            said = self.attribution(citation)
            if said and said not in note.attributions:
                note.attributions.append(said)
            mark = f"[^{MARK}{note.number}]"
            if mark not in marks:
                marks.append(mark)
        return Safe("".join(marks))

    def attribution(self, citation: Any) -> str:
        """Plain-English sentence saying to whom the source attributes a statement ("Yuri
        Ushakov said, on the record."), as plain text (`footnotes` escapes it); empty for the
        outlet's own reporting and for quotes."""
        if isinstance(citation, Quote) or citation.attribution == Attribution.outlet:
            return ""
        kind = citation.attribution
        who = self._who(citation, linked=False, aside=" ({})" if kind == Attribution.on_record
                        else ", {}")
        if kind == Attribution.on_record:
            return f"{who} said, on the record."
        if kind == Attribution.readout:
            return f"From {who}." if who != ATTRIBUTION_TEXT[kind] else "From an official readout."
        capital = who[:1].upper() + who[1:]
        if kind == Attribution.anonymous:
            return f"{capital}, speaking on condition of anonymity."
        if kind == Attribution.unnamed:
            return f"{capital}, not named by the source."
        if kind == Attribution.group:
            return f"{capital} said."
        return f"Relayed from {who}."

    def finish(self, text: str) -> tuple[str, Safe]:
        """The rendered page with its notes numbered for the reader, and the definitions of the
        notes listed at its end.

        The notes of the printed brief come first (1, 2, …), then those of the rest of the text
        shown before any click, all listed at the end of the page (print stops the list at the
        first `unprinted` note); a note cited only in folded blocks is numbered after them and
        listed in the page's evidence-notes block, collapsed with the evidence. A page without
        that block lists every note at its end."""
        text = self.permalinks.resolve(text)
        apart = EVIDENCE_NOTES in text
        ordered = sorted(self.notes.values(), key=lambda n: (
            not n.printed, not n.shown and apart, n.number))
        main = [n for n in ordered if n.shown or not apart]
        rest = [n for n in ordered if not (n.shown or not apart)]
        numbers = {n.number: i for i, n in enumerate(main + rest, 1)}
        for note in ordered:
            note.number = numbers[note.number]
        kept = {n.number for n in rest}
        seen: dict[int, int] = {}

        def marker(match: re.Match) -> str:
            number = numbers[int(match.group(1))]
            if number not in kept:
                return f"[^{number}]"
            seen[number] = seen.get(number, 0) + 1
            ref = f"fnref{seen[number] if seen[number] > 1 else ''}:{number}"
            return (f'<sup id="{ref}"><a class="footnote-ref" href="#fn:{number}">'
                    f"[{number}]</a></sup>")

        text = MARKER.sub(marker, text)
        if apart:
            text = text.replace(EVIDENCE_NOTES, self._evidence_block(rest))
        return text, self.footnotes(main)

    def _evidence_block(self, notes: list[Note]) -> str:
        """The notes cited only in folded blocks, as Python-Markdown's footnotes extension
        writes notes (so that Material's tooltips and the tests read them alike), collapsed."""
        if not notes:
            return ""
        items = "\n".join(
            f'<li id="fn:{n.number}" markdown="block">{body}&#160;<a class="footnote-backref" '
            f'href="#fnref:{n.number}" title="Back to citation {n.number}">↩</a></li>'
            for n, body in zip(notes, self._bodies(notes), strict=True))
        return ("### Notes to the evidence { #evidence-notes data-search-exclude }\n\n"
                '<details class="note" markdown>\n'
                f"<summary>Notes cited only in the evidence ({len(notes)})</summary>\n"
                '<div class="footnote" data-pagefind-ignore="all" markdown>\n'
                f'<ol start="{notes[0].number}" markdown>\n{items}\n</ol>\n</div>\n</details>')

    def footnotes(self, notes: list[Note] | None = None) -> Safe:
        """The numbered reference list (of `notes`, by default all the page's) in the footnotes
        extension's syntax; marked so that search indexes none of it."""
        notes = sorted(self.notes.values(), key=lambda n: n.number) if notes is None else notes
        return Safe("\n".join(f"[^{n.number}]: {body}"
                               for n, body in zip(notes, self._bodies(notes), strict=True)))

    def _bodies(self, notes: list[Note]) -> list[str]:
        """Each note's text: a link to the passage on the source page, the passage and the
        attributions. A source's first note in the list names it in full, later ones by outlet
        (unless two sources of the page share an outlet)."""
        shorts: dict[str, set[str]] = {}
        for source in {n.citation.source for n in self.notes.values()}:
            shorts.setdefault(self.site.source_short(source), set()).add(source)
        named: set[str] = set()
        bodies: dict[int, str] = {}
        for note in notes:
            citation = note.citation
            passage = citation.words if isinstance(citation, Quote) else citation.passage
            href = self.href(Key("sources", citation.source), passage_anchor(passage))
            short = self.site.source_short(citation.source)
            if citation.source in named and len(shorts[short]) == 1:
                label = short
            else:
                label = self.site.source_label(citation.source)
                named.add(citation.source)
            said = " — " + " ".join(escape(a) for a in note.attributions) if note.attributions else ""
            # A note of the shown, unprinted part is marked for print to leave out (briefing.css)
            unprinted = '<span class="unprinted"></span>' if note.shown and not note.printed else ""
            bodies[note.number] = f"[{escape(label)}]({href}): “{escape(passage)}”{said}{unprinted}"
        return [bodies[n.number] for n in notes]
