"""`briefing check`: what CI's content lane runs, on a curator's machine, before pushing.

Validation and the strict build report content problems themselves (FILE:LINE:COLUMN: FIELD:
MESSAGE). This module adds what only the built site shows, reported in the same form against
the record whose page is wrong: every record has its page, every link of every page (the
article, the navigation, the table of contents) reaches an existing page and anchor, every
citation lands on a marked passage, a call's page and its participants' and sources' pages link
each other, and no page loads a script, stylesheet, font or image from another host.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

from ..core.errors import Problem, relative
from ..core.kinds import SECTIONS
from ..core.link import Graph
from ..core.page_loads import ResourceFinder, is_remote
from ..core.urls import record_url

SKIPPED_SCHEMES = ("mailto:", "tel:", "data:", "javascript:")


@dataclass
class Page:
    """What the link check needs from one built HTML page."""

    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)
    """`<a href>` values, as written."""
    article_links: list[str] = field(default_factory=list)
    """The `<a href>` values inside the page's `<article>`."""
    loads: list[str] = field(default_factory=list)
    """URLs the page loads by itself (scripts, styles, images, frames)."""
    marked: set[str] = field(default_factory=set)
    """Ids of `cite-…` anchors directly followed by a non-empty `<mark>`."""


class _Reader(ResourceFinder):
    """Reads a page once: its ids, links and marked passages here, what it loads in
    ResourceFinder (the offline check's definition)."""

    def __init__(self) -> None:
        super().__init__()
        self.page = Page()
        self.article_depth = 0
        self.pending: list[str] = []
        """`cite-…` anchors met since the last text: the next `<mark>` is their passage."""
        self.in_mark: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        super().handle_starttag(tag, attrs)
        values = {k: v or "" for k, v in attrs}
        if "id" in values:
            self.page.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.page.ids.add(values["name"])
        if tag == "article":
            self.article_depth += 1
        if tag == "a" and "href" in values:
            self.page.links.append(values["href"])
            if self.article_depth:
                self.page.article_links.append(values["href"])
        if tag == "mark" and self.pending:
            self.in_mark, self.pending = self.pending, []
        if values.get("id", "").startswith("cite-"):
            self.pending.append(values["id"])

    def handle_endtag(self, tag: str) -> None:
        super().handle_endtag(tag)
        if tag == "article":
            self.article_depth = max(0, self.article_depth - 1)
        if tag == "mark":
            self.in_mark = []

    def handle_data(self, data: str) -> None:
        super().handle_data(data)
        if not data.strip():
            return
        self.page.marked.update(self.in_mark)
        self.pending = []


def read_page(path: Path) -> Page:
    reader = _Reader()
    reader.feed(path.read_text("utf-8", errors="replace"))
    reader.close()
    reader.page.loads = reader.urls
    return reader.page


def _url_of(site: Path, html: Path) -> str:
    """The site-relative URL of a built page: 'calls/x/' for calls/x/index.html."""
    rel = html.relative_to(site).as_posix()
    return rel.removesuffix("index.html") if rel.endswith("index.html") else rel


def _file_of(site: Path, url_path: str) -> Path:
    target = site / url_path
    return target / "index.html" if url_path == "" or url_path.endswith("/") else target


class SiteCheck:
    """Every page of a built site, read once, and the problems found in it."""

    def __init__(self, site: Path, graph: Graph, root: Path | None = None,
                 config: str = "mkdocs.yml"):
        self.site, self.graph, self.root, self.config = site, graph, root, config
        self.pages = {_url_of(site, p): read_page(p) for p in sorted(site.rglob("*.html"))}
        self.problems: list[Problem] = []
        self.links_checked = 0
        self.owner: dict[str, str] = {}
        """Page URL -> the content file it is built from."""
        for kind in graph.corpus.records:
            for loaded in graph.corpus.loaded(kind):
                self.owner[record_url(kind, loaded.id)] = relative(loaded.path, root)

    def report(self, url: str, message: str) -> None:
        file = self.owner.get(url) or relative(_file_of(self.site, url), self.root)
        self.problems.append(Problem(file, 0, 0, "", message))

    def run(self) -> list[Problem]:
        self.every_record_has_its_page()
        for url, page in self.pages.items():
            self.links_resolve(url, page)
        self.nothing_loads_from_elsewhere()
        self.calls_and_their_people_and_sources_link_each_other()
        return sorted(set(self.problems))

    def every_record_has_its_page(self) -> None:
        for kind in SECTIONS:
            if f"{kind}/" not in self.pages:
                self.report(f"{kind}/", f"the site has no index page for {kind}")
            for record_id in self.graph.corpus.records.get(kind, ()):
                url = record_url(kind, record_id)
                if url not in self.pages:
                    self.report(url, f"the site has no page at {url}")

    def _target(self, url: str, href: str) -> tuple[str, str] | None:
        """(site path, fragment) of a link to this site, None for another host or scheme."""
        if href.startswith(SKIPPED_SCHEMES):
            return None
        target = urlparse(urljoin(f"http://site/{url}", href))
        if target.netloc != "site":
            return None
        return unquote(target.path).lstrip("/"), unquote(target.fragment)

    def links_resolve(self, url: str, page: Page) -> None:
        for href in page.links:
            target = self._target(url, href)
            if target is None:
                continue
            path, fragment = target
            self.links_checked += 1
            file = _file_of(self.site, path)
            if not file.is_file():
                self.report(url, f"page {url or '(home)'} links to '{href}', which is no page of "
                                 "the site")
                continue
            if not fragment or not file.name.endswith(".html"):
                continue
            linked = self.pages.get(_url_of(self.site, file))
            if linked is not None and fragment not in linked.ids:
                self.report(url, f"page {url or '(home)'} links to '{href}': that page has no "
                                 f"anchor '{fragment}'")
            elif linked is not None and fragment.startswith("cite-") and fragment not in linked.marked:
                self.report(url, f"page {url or '(home)'} cites '{href}': the anchor is not "
                                 "followed by a marked passage")

    def nothing_loads_from_elsewhere(self) -> None:
        """A load on every page comes from the configuration or the theme (extra_javascript, a
        template), not from a record: it is reported once, against the configuration."""
        remote = {url: {src for src in page.loads if is_remote(src)}
                  for url, page in self.pages.items()}
        everywhere = set.intersection(*remote.values()) if len(remote) > 1 else set()
        for src in sorted(everywhere):
            self.problems.append(Problem(self.config, _line_of(Path(self.config), src), 0, "", (
                f"every page loads '{src}' from another host (a script, stylesheet or template "
                "of the site's configuration or theme); every asset must come from the site "
                "itself")))
        for url, page in self.pages.items():
            for src in dict.fromkeys(page.loads):
                if is_remote(src) and src not in everywhere:
                    self.report(url, f"page {url or '(home)'} loads '{src}' from another host; "
                                     "every asset must come from the site itself")

    def _article_targets(self, url: str) -> set[str]:
        page = self.pages.get(url)
        found = set()
        for href in page.article_links if page else ():
            target = self._target(url, href)
            if target:
                found.add(target[0])
        return found

    def calls_and_their_people_and_sources_link_each_other(self) -> None:
        corpus = self.graph.corpus
        for call_id in corpus.records.get("calls", ()):
            call_url = record_url("calls", call_id)
            if call_url not in self.pages:
                continue
            from_call = self._article_targets(call_url)
            sources = [s for s in corpus.records.get("sources", ())
                       if call_id in corpus.get("sources", s).calls]
            actors = sorted({p.actor for p in corpus.get("calls", call_id).participants})
            for kind, other in [("actors", a) for a in actors] + [("sources", s) for s in sources]:
                other_url = record_url(kind, other)
                if other_url not in from_call:
                    self.report(call_url, f"page {call_url} does not link to {other_url}")
                if other_url in self.pages and call_url not in self._article_targets(other_url):
                    self.report(other_url, f"page {other_url} does not link back to {call_url}")


def _line_of(config: Path, text: str) -> int:
    """The first line of `config` naming `text`, 0 if none does (a theme's template)."""
    try:
        lines = config.read_text("utf-8", errors="replace").splitlines()
    except OSError:
        return 0
    return next((number for number, line in enumerate(lines, 1) if text in line), 0)


def content_tests(content: Path, project: Path) -> tuple[int, str]:
    """Run the project's `content` tests (pytest -m content) over `content`; (exit status,
    output). Status 5 (nothing collected) is passed on."""
    env = dict(os.environ, BRIEFING_TEST_CONTENT=str(content.resolve()))
    command = [sys.executable, "-m", "pytest", "-m", "content", "-q", "-p", "no:cacheprovider",
               "--no-header", "-rf", str(project / "tests")]
    done = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    return done.returncode, done.stdout + done.stderr
