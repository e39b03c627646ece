"""`briefing check`: what CI's content lane runs, with the usual FILE:LINE messages.

The proof that no test pins the live corpus: a correct corpus update (a third call, 12 Feb 2022,
from a new source text by a new outlet, quoting a new person and the White House as an
organization, with no follow-ups, an unknown requester and quotes that share words with the
other calls; tests/fixtures/update/) laid over a copy of content/ passes every content check,
including the `content` tests run over that copy.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.adapters.cli import main
from generator.core.pipeline import validate
from generator.curator.check import SiteCheck

from .conftest import MINI, REAL, ROOT

UPDATE = ROOT / "tests" / "fixtures" / "update" / "content"


def check(*args: str):
    return CliRunner().invoke(main, ["check", "-f", str(ROOT / "mkdocs.yml"), *args])


def test_a_correct_corpus_update_passes_every_content_check(tmp_path: Path) -> None:
    """Live corpus + a new call, source, text and outlet: validation, the strict build, the link
    and anchor check and the content tests (over the updated copy) all pass."""
    content = tmp_path / "content"
    shutil.copytree(REAL, content)
    shutil.copytree(UPDATE, content, dirs_exist_ok=True)
    result = check("--content", str(content))
    assert result.exit_code == 0, result.output
    assert "validate: 3 calls" in result.output
    assert re.search(r"content tests: \d+ passed", result.output), result.output
    assert "All checks passed" in result.output
    graph = validate(content)
    assert "2022-02-12-biden-putin-phone-call" in graph.corpus.records["calls"]


def test_a_content_problem_is_reported_as_file_line_field(mini_copy: Path) -> None:
    """A misspelt speaker fails the check with validate's own one-line message, before any build."""
    source = mini_copy / "sources" / "alpha-report.yaml"  # the passage names its speaker
    source.write_text(source.read_text("utf-8").replace("speaker: bob-brown", "speaker: bob-browne", 1),
                      "utf-8")
    result = check("--content", str(mini_copy))
    assert result.exit_code == 1
    assert (f"{source}:28:14: passages.alpha-warned-of-grave-consequences-if.speaker: unknown actor "
            "'bob-browne' — did you mean 'bob-brown'?\n1 content problem found; nothing was built.\n"
            ) in result.output
    assert "build (strict)" not in result.output


@pytest.fixture
def site(mini_site: Path, tmp_path: Path) -> Path:
    """A writable copy of the mini fixture's built site."""
    return Path(shutil.copytree(mini_site, tmp_path / "site"))


def test_the_built_mini_site_has_no_site_problem(site: Path) -> None:
    """Every link and anchor resolves, every citation lands on a marked passage."""
    checker = SiteCheck(site, validate(MINI))
    assert checker.run() == []
    assert checker.links_checked > 100


def test_a_missing_anchor_is_reported_against_the_record_that_links_to_it(site: Path) -> None:
    """A citation whose anchor is gone names each citing record's file, its page and the link."""
    source = site / "sources" / "alpha-report" / "index.html"
    html = source.read_text("utf-8")
    anchor = re.search(r'id="(cite-[0-9a-f]+)"', html).group(1)
    source.write_text(html.replace(f'id="{anchor}"', 'id="gone"'), "utf-8")
    problems = [str(p) for p in SiteCheck(site, validate(MINI)).run()]
    assert problems, "a missing anchor went unnoticed"
    assert all(f"#{anchor}': that page has no anchor '{anchor}'" in p for p in problems), problems
    assert all(re.match(r"tests/fixtures/mini/content/(\w+)/([\w-]+)\.yaml: page \1/\2/ ", p)
               for p in problems), problems


def test_a_page_loading_from_another_host_is_reported(site: Path) -> None:
    """A stylesheet from another host is a problem of that page."""
    page = site / "topics" / "trade" / "index.html"
    page.write_text(page.read_text("utf-8").replace(
        "</head>", '<link rel="stylesheet" href="https://cdn.example/x.css"></head>'), "utf-8")
    problems = [str(p) for p in SiteCheck(site, validate(MINI)).run()]
    assert problems == [problems[0]] and problems[0].endswith(
        "page topics/trade/ loads 'https://cdn.example/x.css' from another host; every asset must "
        "come from the site itself"), problems


def test_a_remote_script_of_the_configuration_is_reported_once_against_it(
        mini_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A script from another host listed in mkdocs.yml is on every page: `check` names
    mkdocs.yml and its line once, not every record (issue 28)."""
    project = tmp_path / "project"
    project.mkdir()
    config = (ROOT / "mkdocs.yml").read_text("utf-8").replace(
        "extra_javascript:\n", "extra_javascript:\n  - https://cdn.example/tracker.js\n")
    (project / "mkdocs.yml").write_text(config, "utf-8")
    shutil.copytree(ROOT / "docs", project / "docs")
    line = config.splitlines().index("  - https://cdn.example/tracker.js") + 1
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["check", "--content", str(mini_copy)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"mkdocs.yml:{line}: every page loads 'https://cdn.example/tracker.js' from another host "
        "(a script, stylesheet or template of the site's configuration or theme); every asset "
        "must come from the site itself",
        "Error: 1 site problem found in the built pages; fix the files named above"]


@pytest.mark.parametrize("html", [
    '<iframe srcdoc="&lt;img src=&quot;https://x.example/a.png&quot;&gt;"></iframe>',
    '<img src="/\\x.example/a.png">',
    '<img src="\\\\x.example\\a.png">',
    '<img src=" https:\\\\x.example/a.png">',
    '<script src="ht\ttps://x.example/a.js"></script>',
    '<video poster="//x.example/p.png"></video>',
])
def test_check_reads_what_the_offline_check_reads(site: Path, html: str) -> None:
    """`check` and the offline edition share one reading of what a page loads: frames' srcdoc
    documents and backslash URLs included."""
    page = site / "topics" / "trade" / "index.html"
    page.write_text(page.read_text("utf-8").replace("</article>", html + "</article>"), "utf-8")
    problems = [str(p) for p in SiteCheck(site, validate(MINI)).run()]
    assert len(problems) == 1 and "page topics/trade/ loads '" in problems[0], problems
