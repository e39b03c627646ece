"""Stage 4: render every page as Markdown from Jinja2 templates.

Decisions (what links where, what disagrees, what cites what) are made in Python, in `link` and
`compare`, in the page builders (record_pages.py, builders.py), which work on the site's indexes
(indexes.py), and in verdicts.py; the templates only lay the results out. Every page is claimed
once in the plan (plan.py), at a path made in urls.py.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .. import changes, history
from ..link import Graph, Key
from ..redirects import redirects
from ..urls import CHANGES_PAGE, HOME, redirect_page_path
from .backlinks import listed, person_calls
from .builders import Page, backlinks_pages, listing_pages, section_pages
from .changes_page import changes_context, corrections_block
from .dates import display_date
from .indexes import site_indexes
from .markup import environment
from .page import PageBuilder
from .plan import Plan
from .record_pages import home_page, record_pages
from .site import Site
from .verdicts import PAIR_KINDS, verdict

if TYPE_CHECKING:
    from ..changes import Changelog

NOTES_BLOCK = ("## Notes { #notes data-search-exclude }\n\n"
               '<div class="notes" data-pagefind-ignore="all" markdown>\n\n'
               "///Footnotes Go Here///\n\n</div>")
"""Where Python-Markdown's footnotes extension puts the numbered notes of a page."""
USE_LABELS = {"claim": "Statement", "quote": "Quote", "fact": "Fact", "role": "Role",
              "location": "Location"}
"""How a source page's list of uses names each kind of statement resting on a passage."""


class Renderer:
    """Renders every page of the site to Markdown: path -> text."""

    def __init__(self, graph: Graph, changelog: Changelog | None = None):
        self.site = Site(graph)
        if changelog is None:
            changelog = changes.changelog(graph, history.read_history(graph.corpus.root))
        self.history: dict[str, Changelog] = {"changelog": changelog}
        """What each publication changed (core/changes.py), by default from the history of the
        content the graph was loaded from; in a dict so that serve's dependency tracking
        (incremental.py) sees it change when a commit is made while it runs, and renders again
        what showed it."""
        self.env = environment()
        self.indexes = site_indexes(self.site)
        """What the page builders read, built once from the whole corpus (indexes.py)."""
        self.env.globals.update(display_date=display_date, Key=Key, use_labels=USE_LABELS,
                                linked_from=listed, person_calls=person_calls, verdict=verdict,
                                pair_kinds=PAIR_KINDS)

    def page(self, template: str, path: str, corrected: Key | None = None, **context: Any) -> str:
        builder = PageBuilder(self.site, path)
        text = self.env.get_template(template).render(
            p=builder, site=self.site, corpus=self.site.corpus, graph=self.site.graph, **context)
        if corrected is not None:
            # A record's corrections close its page, before its notes (newsroom style).
            block = corrections_block(builder, self.history["changelog"], corrected)
            if block:
                text = text.rstrip("\n") + "\n\n" + str(block)
        text, notes = builder.finish(text)
        if notes:
            # The notes under their own heading, which search leaves out (Material skips a
            # data-search-exclude heading's section; Pagefind skips data-pagefind-ignore).
            text = (text.rstrip("\n") + "\n\n" + NOTES_BLOCK + "\n\n" + str(notes) + "\n")
        return text

    def render(self, make: Callable[[], Page]) -> str:
        page = make()
        return self.page(page.template, page.path, page.corrected, **page.context)

    def changes(self) -> str:
        """The "What changed" page; the changelog is read when it renders (serve tracks it)."""
        return self.page("changes.md.j2", CHANGES_PAGE,
                         **changes_context(self.history["changelog"]))

    def pages(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for path, make in self.plan().items():
            made = make()
            if isinstance(made, dict):
                out.update(made)
            else:
                out[path] = made
        return out

    def plan(self) -> Plan:
        """Every page of the site, each as a function that renders it (path -> render), each
        path claimed once."""
        corpus = self.site.corpus
        plan = Plan()
        plan.claim(HOME, functools.partial(self.render, functools.partial(home_page, self.indexes)),
                   "the home page")
        plan.claim(CHANGES_PAGE, self.changes, "the What changed page")
        for builder in (section_pages, record_pages, listing_pages, backlinks_pages):
            for path, make, by in builder(self.indexes):
                plan.claim(path, functools.partial(self.render, make), by)
        for old, target in redirects(corpus).items():
            path = redirect_page_path(old.kind, old.id)
            plan.claim(path, functools.partial(self.page, "redirect.md.j2", path, target=target),
                       f"the redirect from {old.kind}/{old.id}")
        return plan
