"""What changed (core/history.py, core/changes.py, render/changes_page.py): a throwaway git
repository made from the mini fixture in four commits (the first publication; a call added; a
statement reworded; a quote corrected), built into a site whose "What changed" page, updates feed
and call page are read as a reader and a feed reader read them. And the builds that have no
history (no repository, a shallow clone, no git) say so and build."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
from pathlib import Path

import feedparser
import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.core.changes import _Names, _record_changes, changelog
from generator.core.graph import Key
from generator.core.history import read_history
from generator.core.incremental import Session
from generator.core.pipeline import generate, validate

from .conftest import MINI, build

CALL = "calls/2021-12-07-adams-brown-video-call.yaml"
ADDED = "calls/2021-12-14-adams-brown-phone-call.yaml"
ALPHA = "sources/alpha-report.yaml"
DAYS = ["2026-01-05T09:00:00+00:00", "2026-01-06T09:00:00+00:00", "2026-01-07T09:00:00+00:00",
        "2026-01-08T09:00:00+00:00"]


def _git(repo: Path, *args: str, day: str | None = None) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Curator", "GIT_AUTHOR_EMAIL": "curator@example.org",
           "GIT_COMMITTER_NAME": "Curator", "GIT_COMMITTER_EMAIL": "curator@example.org"}
    if day:
        env |= {"GIT_AUTHOR_DATE": day, "GIT_COMMITTER_DATE": day}
    return subprocess.run(["git", "-C", str(repo), *args], env=env, check=True,
                          capture_output=True, text=True).stdout.strip()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), "utf-8")


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository: content/ inside it, as in a project; four commits, one a day."""
    root = tmp_path_factory.mktemp("history") / "project"
    content = root / "content"
    shutil.copytree(MINI, content)
    added = (content / ADDED).read_text("utf-8")
    (content / ADDED).unlink()
    _edit(content / "sources/beta-report.yaml", ", 2021-12-14-adams-brown-phone-call]", "]")
    _git(root.parent, "init", "-q", "-b", "main", str(root))
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "First publication", day=DAYS[0])
    (content / ADDED).write_text(added, "utf-8")
    _edit(content / "sources/beta-report.yaml", "2021-12-07-adams-brown-video-call]",
          "2021-12-07-adams-brown-video-call, 2021-12-14-adams-brown-phone-call]")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "Add the second call", day=DAYS[1])
    _edit(content / CALL, "spoke for about two hours.\"", "talked for about two hours.\"")
    _git(root, "commit", "-qam", "Reword the lead", day=DAYS[2])
    _edit(content / ALPHA, 'text: "We want peace - and trade"', 'text: "We want peace — and trade"')
    _git(root, "commit", "-qam", "Correct Adams's quote", day=DAYS[3])
    return root


@pytest.fixture(scope="module")
def site(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(repo / "content", tmp_path_factory.mktemp("history-site") / "site")


def _html(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text("utf-8"), "html.parser")


def _lines(section) -> list[str]:
    return [" ".join(li.get_text(" ", strip=True).split()) for li in section]


def test_the_changes_page_lists_each_publication_newest_first(site: Path, repo: Path) -> None:
    """One heading per commit, newest first, dated by the commit, anchored by its hash; under
    each, what it changed, in words, with links to the records still there."""
    page = _html(site, "changes")
    article = page.select_one("article")
    shas = _git(repo, "log", "--format=%H").split()
    headings = article.select("h2[id^=change-]")
    assert [h["id"] for h in headings] == [f"change-{sha[:10]}" for sha in shas]
    assert [h.get_text(" ", strip=True).split(" (")[0] for h in headings] == [
        "8 January 2026", "7 January 2026", "6 January 2026", "5 January 2026"]
    lists = [h.find_next_sibling("ul").select(":scope > li") for h in headings]
    assert _lines(lists[0]) == [
        "Corrected in Adams–Brown video call (7 December 2021) : the quote of Alice Adams now "
        "reads “We want peace — and trade”; it read “We want peace - and trade”."]
    assert _lines(lists[1]) == [
        "Changed in Adams–Brown video call (7 December 2021) : a statement now reads “Adams and "
        "Brown talked for about two hours.”; it read “Adams and Brown spoke for about two hours.”."]
    assert _lines(lists[2]) == [
        "Added call: Adams–Brown phone call (14 December 2021)",
        "Changed in Outlet not stated, “Second call between Adams and Brown”, date not stated : "
        "the field calls now reads “2021-12-07-adams-brown-video-call, "
        "2021-12-14-adams-brown-phone-call”; it read “2021-12-07-adams-brown-video-call”."]
    added = lists[2][0].find("a")
    assert added["href"] == "../calls/2021-12-14-adams-brown-phone-call/"
    # The first publication added every record there was then, none changed.
    assert {line.split(":")[0] for line in _lines(lists[3])} == {
        "Added person", "Added call", "Added event", "Added organization", "Added source",
        "Added topic"}
    assert "History not available" not in article.get_text()


def test_a_corrected_quote_says_so_on_its_call_page_with_its_date(site: Path, repo: Path) -> None:
    """Newsroom style: the call's page ends with its corrections, dated, linked to the
    publication on the "What changed" page; the quote itself reads the corrected words."""
    page = _html(site, "calls/2021-12-07-adams-brown-video-call")
    heading = page.select_one("h2#corrections")
    assert heading is not None
    (item,) = heading.find_next_sibling("ul").select("li")
    sha = _git(repo, "rev-parse", "HEAD")
    assert " ".join(item.get_text(" ", strip=True).split()) == (
        "Corrected on 8 January 2026: the quote of Alice Adams now reads “We want peace — and "
        "trade”; it read “We want peace - and trade”. What changed")
    assert item.select_one("a")["href"] == f"../../changes/#change-{sha[:10]}"
    # A reworded statement is a change, not a correction: the page lists only the quote.
    other = _html(site, "calls/2021-12-14-adams-brown-phone-call")
    assert other.select_one("h2#corrections") is None


def test_the_updates_feed_carries_each_publication(site: Path, repo: Path) -> None:
    """A feed reader reads each publication as an entry dated by its commit, linking its heading
    on the "What changed" page."""
    parsed = feedparser.parse((site / "feeds/updates.xml").read_bytes(), response_headers={
        "content-location": "http://site.test/feeds/updates.xml",
        "content-type": "application/atom+xml"})
    assert not parsed.bozo, parsed.get("bozo_exception")
    shas = _git(repo, "log", "--format=%H").split()
    found = {e.link: e for e in parsed.entries if "/changes/" in e.link}
    assert sorted(found) == sorted(f"http://site.test/changes/#change-{s[:10]}" for s in shas)
    newest = found[f"http://site.test/changes/#change-{shas[0][:10]}"]
    assert newest.title == f"What changed on 8 January 2026 ({shas[0][:10]})"
    assert newest.summary == "Corrected 1."
    assert newest.updated_parsed[:3] == (2026, 1, 8)


def test_a_content_folder_outside_git_says_it_has_no_history(mini_copy: Path, tmp_path: Path) -> None:
    """No repository: the build goes on; the page says why it lists nothing."""
    site = build(mini_copy, tmp_path / "site")
    text = " ".join(_html(site, "changes").select_one("article").get_text(" ").split())
    assert ("History not available in full: the content folder (content/) is not in a git "
            "repository with a commit.") in text
    assert not _html(site, "changes").select("h2[id^=change-]")


def test_a_shallow_clone_lists_what_it_has_and_says_what_it_lacks(repo: Path, tmp_path: Path) -> None:
    """GitHub's checkout is shallow: the commit at the clone's edge has no parent to compare
    with, so it is left out (listing every record as added would be false) and the page says
    how to fetch the rest."""
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "2", f"file://{repo}", str(clone)], check=True)
    history = read_history(clone / "content")
    assert [r.sha for r in history.revisions] == [_git(repo, "rev-parse", "HEAD")]
    assert history.note == (
        "the history before 2026-01-07 is not in the copy of the content this site was built from "
        "(a shallow clone): fetch the whole history: `git fetch --unshallow`, or `fetch-depth: 0` "
        "for GitHub's actions/checkout")


def test_without_git_the_history_is_missing_not_an_error(repo: Path, monkeypatch) -> None:
    monkeypatch.setenv("PATH", "")
    assert read_history(repo / "content").note == "git is not installed where this site was built"


def test_the_history_of_a_commit_is_read_once(repo: Path, monkeypatch) -> None:
    """serve renders again at each save: the history is kept per commit (one `git rev-parse`)."""
    first = read_history(repo / "content")
    calls: list[tuple] = []
    real = subprocess.run

    def counted(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(subprocess, "run", counted)
    assert read_history(repo / "content") is first
    assert [c[3] for c in calls] == ["rev-parse"]


def test_a_history_with_a_record_that_is_gone_names_it(repo: Path) -> None:
    """Changes to records no longer in the corpus are listed by the name their file gave."""
    graph = validate(repo / "content")
    log = changelog(graph, read_history(repo / "content"))
    assert all(c.label for p in log.publications for c in p.changes)
    assert list(log.corrections) == [Key("calls", "2021-12-07-adams-brown-video-call")]


@settings(max_examples=40, deadline=None)
@given(st.randoms(use_true_random=False))
def test_moving_statements_and_quotes_within_a_record_changes_nothing(rnd: random.Random) -> None:
    """Reordering a record's statements, quotes and facts (and moving a statement to another
    section) is not a change: the comparison is by what they say."""
    before = yaml.safe_load((MINI / CALL).read_text("utf-8"))
    after = yaml.safe_load((MINI / CALL).read_text("utf-8"))
    for name in ("quotes", "facts", "lead", "summary"):
        rnd.shuffle(after[name])
    after["summary"].append(after["lead"].pop())
    graph = validate(MINI)
    assert _record_changes(Key("calls", "x"), before, after, _Names(graph)) == []



def test_what_counts_as_a_correction() -> None:
    """A quote's speaker, a source's value for a fact and a call's date are corrections, each
    said with what it now reads and what it read; a new statement is a change."""
    graph = validate(MINI)
    before = yaml.safe_load((MINI / CALL).read_text("utf-8"))
    after = yaml.safe_load((MINI / CALL).read_text("utf-8"))
    after["quotes"][0]["speaker"] = "bob-brown"
    after["facts"][0]["reports"][1]["value"] = "roughly three hours"
    after["date"] = "2021-12-08"
    after["summary"].append({"text": "They spoke.", "cites": after["summary"][0]["cites"]})
    found = {(c.kind, c.what, c.before, c.after)
             for c in _record_changes(Key("calls", "x"), before, after, _Names(graph))}
    assert found == {
        ("corrected", "the speaker of the quote “We want peace - and trade”", "Alice Adams",
         "Bob Brown"),
        ("corrected", "“How long the call lasted”, as an outlet not stated gives it,",
         "roughly two hours", "roughly three hours"),
        ("corrected", "the date", "2021-12-07", "2021-12-08"),
        ("changed", "statement added", None, "They spoke.")}


def test_serve_shows_a_commit_made_while_it_runs(repo: Path, tmp_path: Path) -> None:
    """serve's incremental rounds: a commit changes no file, yet the next round (the next save)
    shows it on the "What changed" page and on the corrected record's page, as a cold build."""
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", f"file://{repo}", str(clone)], check=True)
    content = clone / "content"
    session = Session(content)
    session.update()
    _edit(content / ALPHA, 'text: "We want peace — and trade"', 'text: "We want peace - and trade"')
    session.update()
    page = CALL.replace(".yaml", ".md")
    assert "Corrected on 9 January 2026" not in session.pages[page]
    _git(clone, "commit", "-qam", "Undo the correction", day="2026-01-09T09:00:00+00:00")
    update = session.update()
    assert {"changes.md", page} <= set(update.changed)
    assert session.pages == generate(content, read_history(content))
    assert "*Corrected on 9 January 2026:* the quote of Alice Adams now reads “We want peace \\- " \
           "and trade”" in session.pages[page]


def test_git_s_name_status_is_read_as_files() -> None:
    """Renames keep both paths; a copy is a new file; modes and scores are read past."""
    from generator.core.history import FileChange, _name_status

    fields = ["M", "calls/a.yaml", "R087", "actors/old.yaml", "actors/new.yaml", "A",
              "topics/t.yaml", "D", "events/e.yaml", "C100", "texts/a.txt", "texts/b.txt", ""]
    assert _name_status(fields) == [
        FileChange("M", "calls/a.yaml", "calls/a.yaml"),
        FileChange("R", "actors/old.yaml", "actors/new.yaml"),
        FileChange("A", None, "topics/t.yaml"), FileChange("D", "events/e.yaml", None),
        FileChange("A", None, "texts/b.txt")]


@pytest.mark.parametrize("module", ["describe", "changes", "history", "feeds", "render",
                                    "render.permalinks", "render.changes_page", "pipeline"])
def test_each_module_imports_first(module: str) -> None:
    """Whichever is imported first (a builder loads the plugin, which loads describe first),
    no import loop stops it: changes.py and the renderer need each other's modules."""
    import sys

    result = subprocess.run([sys.executable, "-c", f"import generator.core.{module}"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_a_passage_reworded_on_its_source_corrects_the_quotes_citing_it() -> None:
    """Cite once: a quote's words are its passage's, typed on the source; a new wording there is
    a correction of each quote citing it, and of the source's cited words where nothing quotes
    them."""
    graph = validate(MINI)
    before = yaml.safe_load((MINI / ALPHA).read_text("utf-8"))
    after = yaml.safe_load((MINI / ALPHA).read_text("utf-8"))
    after["passages"]["alpha-we-want-peace-and-trade"]["text"] = "We want peace — and trade"
    after["passages"]["alpha-by-ann-writer"] = "By  Ann Writer"
    found = {(c.kind, c.key, c.what, c.before, c.after)
             for c in _record_changes(Key("sources", "alpha-report"), before, after, _Names(graph))}
    assert found == {
        ("corrected", Key("calls", "2021-12-07-adams-brown-video-call"), "the quote of Alice Adams",
         "We want peace - and trade", "We want peace — and trade"),
        ("changed", Key("sources", "alpha-report"), "a cited passage", "By Ann Writer",
         "By  Ann Writer")}
