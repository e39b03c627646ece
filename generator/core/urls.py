"""Where pages live. Every generated path is decided here and nowhere else.

A record of kind K with id I is the page `K/I.md`, served at the stable URL `K/I/`. The site-wide
pages are `index.md`, `how-to-read.md` (hand-written) and the split listings of `LISTINGS` below.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    title: str
    singular: str
    """Also the name of the record template: `<singular>.md.j2`."""
    intro: str


SECTIONS: dict[str, Section] = {
    "calls": Section("Calls", "call", "Every leaders' call in the briefing, oldest first."),
    "actors": Section("People", "actor",
                      "Leaders, officials, spokespeople, analysts and the reporters who covered the calls."),
    "organizations": Section("Organizations", "organization",
                             "Governments, agencies, alliances and outlets the sources mention."),
    "topics": Section("Topics", "topic", "What the calls were about."),
    "events": Section("Events", "event", "Dated events the sources put the calls in context with."),
    "sources": Section("Sources", "source",
                       "The articles this briefing rests on, each with its verbatim text."),
}
"""Content folder -> section. Dict order is the order of the navigation."""

SPECIAL_PAGES = ("index.md", "timeline.md", "quotes.md", "disagreements.md", "coverage.md")


def record_url(kind: str, id: str) -> str:
    """The public URL of a record's page, relative to the site root."""
    return f"{kind}/{id}/"


LISTINGS: dict[str, str] = {"timeline": "year", "quotes": "month", "disagreements": "month",
                            "coverage": "month"}
"""Site-wide pages split by period, so that no page grows with the corpus: name -> period
("year" or "month", of the call or event). `<name>.md` (URL `<name>/`) lists the periods;
each period is `<name>/<period>.md`, URL `<name>/<YYYY>/` or `<name>/<YYYY-MM>/`, stable as
the corpus grows (a new call adds to its month's page, never moves another)."""


def listing_path(name: str, period: str) -> str:
    """The page of one period of a split site-wide page: `quotes/2021-12.md`."""
    return f"{name}/{period}.md"
