"""The README and the handbook: short enough for a newcomer, and every link in them reaches a file
and, where it names one, a heading of that file as GitHub anchors it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import markdown
from bs4 import BeautifulSoup

from .conftest import ROOT

README = ROOT / "README.md"
HANDBOOK = ROOT / "handbook"


def documents(root: Path = ROOT) -> list[Path]:
    """The Markdown files a reader of the repository opens: those at its root and the handbook's."""
    return sorted([*root.glob("*.md"), *(root / "handbook").rglob("*.md")])


def _html(path: Path) -> BeautifulSoup:
    text = path.read_text("utf-8")
    return BeautifulSoup(markdown.markdown(text, extensions=["tables", "fenced_code"]), "html.parser")


def github_anchors(path: Path) -> set[str]:
    """The anchors GitHub gives the headings of a Markdown file: the text lowercased, everything but
    letters, digits, spaces, hyphens and underscores dropped, spaces made hyphens; a repeated
    anchor gets -1, -2 …"""
    seen: dict[str, int] = {}
    anchors = set()
    for heading in _html(path).find_all(re.compile(r"^h[1-6]$")):
        slug = re.sub(r"[^\w\- ]", "", heading.get_text().strip().lower()).replace(" ", "-")
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        anchors.add(slug if count == 0 else f"{slug}-{count}")
    return anchors


def local_links(path: Path) -> list[str]:
    """Every link and image target of a Markdown file that is not on another host."""
    page = _html(path)
    targets = [a["href"] for a in page.find_all("a", href=True)]
    targets += [img["src"] for img in page.find_all("img", src=True)]
    return [t for t in targets if not urlsplit(t).scheme and not t.startswith("//")]


def broken_links(paths: list[Path], root: Path = ROOT) -> list[str]:
    """`FILE: LINK: why` for each relative link that leads to no file inside the repository, or to
    an anchor its target does not have."""
    problems = []
    for path in paths:
        for link in local_links(path):
            parts = urlsplit(link)
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            where = f"{path.relative_to(root)}: {link}"
            if not target.is_relative_to(root.resolve()):
                problems.append(f"{where}: leads out of the repository")
            elif not target.exists():
                problems.append(f"{where}: no such file")
            elif parts.fragment and target.suffix == ".md" and parts.fragment not in github_anchors(target):
                problems.append(f"{where}: {target.name} has no heading with that anchor")
    return problems


def test_every_local_link_of_the_readme_and_the_handbook_resolves() -> None:
    """Links between the moved documents and back to the README, to code and to the screenshot."""
    paths = documents()
    assert README in paths and len([p for p in paths if p.parent == HANDBOOK]) >= 7
    linked = {urlsplit(link).path for link in local_links(README)}
    assert {f"handbook/{p.name}" for p in HANDBOOK.glob("*.md")} <= linked  # each one reachable
    assert broken_links(paths) == []


def test_a_broken_link_or_anchor_is_reported(tmp_path: Path) -> None:
    """The check itself: a missing file, a missing anchor and a link out of the repository are
    each named; a good link and a good anchor are not."""
    (tmp_path / "handbook").mkdir()
    (tmp_path / "handbook" / "guide.md").write_text(
        "# Guide\n\n## Live preview (`briefing serve`)\n\n## Live preview (`briefing serve`)\n", "utf-8")
    (tmp_path / "README.md").write_text(
        "# Title\n\n[ok](handbook/guide.md#live-preview-briefing-serve) "
        "[ok too](handbook/guide.md#live-preview-briefing-serve-1) [self](#title) "
        "[gone](handbook/gone.md) [anchor](handbook/guide.md#preview) [out](../secret.md) "
        "[web](https://example.org/x.md) `[code](not/a/link.md)`\n", "utf-8")
    assert broken_links(documents(tmp_path), tmp_path) == [
        "README.md: handbook/gone.md: no such file",
        "README.md: handbook/guide.md#preview: guide.md has no heading with that anchor",
        "README.md: ../secret.md: leads out of the repository",
    ]


def test_the_readme_is_short_and_keeps_the_two_commands() -> None:
    """At most 300 lines for a newcomer; the first command builds the site on a fresh machine
    with Python 3.11, the second runs the tests (CI runs the same script)."""
    lines = README.read_text("utf-8").splitlines()
    assert len(lines) <= 300
    assert "python3.11 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/briefing build" in lines
    assert "./scripts/test.sh" in lines
    assert "./scripts/test.sh" in (ROOT / ".ci" / "run").read_text("utf-8")


def test_the_screenshot_is_a_small_png() -> None:
    """The README's picture of a call page: a PNG a newcomer's browser loads quickly."""
    picture = HANDBOOK / "images" / "call-page.png"
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert picture.stat().st_size < 300_000
    assert "](handbook/images/call-page.png)" in README.read_text("utf-8")


def test_the_readmes_ingest_example_is_what_ingest_prints(tmp_path: Path) -> None:
    """The five-minute start quotes what `briefing ingest` leaves a curator to decide for one of
    the test articles; on the frozen seed corpus (the live one's calls) it prints those lines."""
    from click.testing import CliRunner

    from generator.adapters.cli import main

    from .conftest import SEED

    readme = README.read_text("utf-8")
    block = readme[readme.index("   A curator must still decide:"):].split("```", 1)[0]
    quoted = [line.strip() for line in block.splitlines() if line.strip()]
    assert len(quoted) >= 5
    shutil.copytree(SEED, tmp_path / "content")
    article = ROOT / "tests" / "fixtures" / "ingest" / "bench" / "02-newsbrief-posted.txt"
    assert f"briefing ingest {article.relative_to(ROOT)} --content /tmp/try" in readme
    result = CliRunner().invoke(main, ["ingest", str(article), "--content", str(tmp_path / "content")])
    assert result.exit_code == 0, result.output
    printed = [line.strip() for line in (result.stdout + result.stderr).splitlines()]
    assert [line for line in quoted if line not in printed] == []


def test_the_end_of_life_notice_names_a_readme_section_that_exists() -> None:
    """`briefing build` sends readers to a section of the README by name: it is still there."""
    from generator.adapters.cli import END_OF_LIFE

    section = re.search(r'the README\'s "([^"]+)"', END_OF_LIFE)
    assert section is not None
    headings = [h.get_text() for h in _html(README).find_all(re.compile(r"^h[1-6]$"))]
    assert section[1] in headings
