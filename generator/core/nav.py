"""The site's navigation, derived from the record kinds (kinds.py) and the listings
(render/builders.py LISTING_PAGES).

It lists the home page, each section's index and the analysis pages, never a record: listing
every record would write the whole record list into every page and make the site grow
quadratically. mkdocs.yml (and the project template's) carry it as `nav` and `not_in_nav`, since
builders that run no plugin (Zensical) read it there; tests/test_nav.py holds both files to it.
"""

from __future__ import annotations

from .kinds import SECTIONS
from .render.builders import LISTING_PAGES
from .urls import CHANGES_PAGE, HOME, HOW_TO_READ, LISTINGS, PagePath, listing_index_path, section_index_path

NavEntry = dict[str, "PagePath | list[NavEntry]"]


def site_nav() -> list[NavEntry]:
    """The `nav` of mkdocs.yml."""
    analysis: list[NavEntry] = [{"How to read this briefing": HOW_TO_READ}]
    analysis += [{LISTING_PAGES[name].nav_title: listing_index_path(name)} for name in LISTINGS]
    analysis.append({"What changed": CHANGES_PAGE})
    sections: list[NavEntry] = [{kind.title: section_index_path(folder)}
                                for folder, kind in SECTIONS.items()]
    return [{"Briefing": HOME}, *sections, {"Analysis": analysis}]


def not_in_nav() -> str:
    """The `not_in_nav` of mkdocs.yml: every generated page the navigation does not list, as
    MkDocs' patterns (the records and section parts, the listings' periods, the parts of long
    "Linked from" lists)."""
    folders = [*SECTIONS, *LISTINGS]
    return "".join(f"/{folder}/*.md\n" for folder in folders) + "/*/*/linked-from/*.md\n"
