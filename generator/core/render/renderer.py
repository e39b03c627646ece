"""Stage 4: render every page as Markdown from Jinja2 templates.

Decisions (what links where, what disagrees, what cites what) are made in Python, in `link` and
`compare`, in the page builders (record_pages.py, builders.py), which work on the site's indexes
(indexes.py), and in verdicts.py; the templates only lay the results out. Every page is claimed
once in the plan (plan.py), at a path made in urls.py.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from ..link import Graph, Key
from ..redirects import redirects
from ..urls import HOME, redirect_page_path
from .backlinks import listed, person_calls
from .builders import Page, backlinks_pages, listing_pages, section_pages
from .dates import display_date
from .indexes import site_indexes
from .markup import environment
from .page import PageBuilder
from .plan import Plan
from .record_pages import home_page, record_pages
from .site import Site
from .verdicts import PAIR_KINDS, verdict

NOTES_BLOCK = ("## Notes { #notes data-search-exclude }\n\n"
               '<div class="notes" data-pagefind-ignore="all" markdown>\n\n'
               "///Footnotes Go Here///\n\n</div>")
"""Where Python-Markdown's footnotes extension puts the numbered notes of a page."""
USE_LABELS = {"claim": "Statement", "quote": "Quote", "fact": "Fact", "role": "Role",
              "location": "Location"}
"""How a source page's list of uses names each kind of statement resting on a passage."""


class Renderer:
    """Renders every page of the site to Markdown: path -> text."""

    def __init__(self, graph: Graph):
        self.site = Site(graph)
        self.env = environment()
        self.indexes = site_indexes(self.site)
        """What the page builders read, built once from the whole corpus (indexes.py)."""
        self.env.globals.update(display_date=display_date, Key=Key, use_labels=USE_LABELS,
                                linked_from=listed, person_calls=person_calls, verdict=verdict,
                                pair_kinds=PAIR_KINDS)

    def page(self, template: str, path: str, **context: Any) -> str:
        builder = PageBuilder(self.site, path)
        text = self.env.get_template(template).render(
            p=builder, site=self.site, corpus=self.site.corpus, graph=self.site.graph, **context)
        text, notes = builder.finish(text)
        if notes:
            # The notes under their own heading, which search leaves out (Material skips a
            # data-search-exclude heading's section; Pagefind skips data-pagefind-ignore).
            text = (text.rstrip("\n") + "\n\n" + NOTES_BLOCK + "\n\n" + str(notes) + "\n")
        return text

    def render(self, make: Callable[[], Page]) -> str:
        page = make()
        return self.page(page.template, page.path, **page.context)

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
        for builder in (section_pages, record_pages, listing_pages, backlinks_pages):
            for path, make, by in builder(self.indexes):
                plan.claim(path, functools.partial(self.render, make), by)
        for old, target in redirects(corpus).items():
            path = redirect_page_path(old.kind, old.id)
            plan.claim(path, functools.partial(self.page, "redirect.md.j2", path, target=target),
                       f"the redirect from {old.kind}/{old.id}")
        return plan
