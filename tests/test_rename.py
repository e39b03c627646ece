"""`briefing rename` and `briefing remove`: every reference follows a rename, the old URL sends
readers on, and remove changes nothing while anything refers to the record."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.adapters.cli import main
from generator.core.errors import ContentError
from generator.core.graph import Key
from generator.core.link import link
from generator.core.load import load_corpus
from generator.core.pipeline import generate, validate
from generator.curator.rename import references_to

from .conftest import build


def _snapshot(content: Path) -> dict[str, bytes]:
    return {p.relative_to(content).as_posix(): p.read_bytes()
            for p in sorted(content.rglob("*")) if p.is_file()}


def _corpus(content: Path):
    corpus, problems = load_corpus(content)
    assert problems == []
    assert link(corpus)[1] == []
    return corpus


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_rename_rewrites_every_reference_and_leaves_a_redirect(mini_copy: Path) -> None:
    """Fields and [[links]] (bare, labelled) all follow; the file moves; redirect_from names the
    old id; the corpus validates and the pages say the same with the new links."""
    before = references_to(_corpus(mini_copy), Key("actors", "bob-brown"))
    pages_before = generate(mini_copy)
    assert len(before) > 10 and any(r.link for r in before) and any(not r.link for r in before)

    code, output = _run("rename", "bob-brown", "robert-brown", "--content", str(mini_copy))

    assert code == 0, output
    assert output == (f"Renamed actors/bob-brown to actors/robert-brown: {len(before)} "
                      f"reference(s) in {len({r.loaded.path for r in before})} file(s) "
                      "rewritten; actors/bob-brown/ now redirects to actors/robert-brown/.\n")
    assert not (mini_copy / "actors" / "bob-brown.yaml").exists()
    renamed = (mini_copy / "actors" / "robert-brown.yaml").read_text("utf-8")
    assert renamed.startswith("redirect_from:\n  - bob-brown\n")
    corpus = _corpus(mini_copy)
    after = references_to(corpus, Key("actors", "robert-brown"))
    assert [(r.loaded.path.name, r.line, r.field, r.link) for r in after] == \
        [(r.loaded.path.name, r.line, r.field, r.link) for r in before]
    everything = "".join(p.read_text("utf-8") for p in mini_copy.rglob("*.yaml"))
    assert re.findall(r"(?<![a-z-])bob-brown(?![a-z-])", everything) == ["bob-brown"]  # the redirect
    pages = generate(mini_copy)
    assert "actors/bob-brown.md" in pages and "actors/robert-brown.md" in pages
    assert pages["actors/robert-brown.md"] == pages_before["actors/bob-brown.md"].replace(
        "bob-brown", "robert-brown")


def test_rename_keeps_comments_quotes_and_layout(mini_copy: Path) -> None:
    """Only the id changes in each line that names it; a quoted id stays quoted."""
    call = mini_copy / "calls" / "2021-12-07-adams-brown-video-call.yaml"
    text = call.read_text("utf-8").replace("requested_by: bob-brown",
                                           "# who asked\nrequested_by: 'bob-brown'  # per alpha")
    call.write_text(text, "utf-8")
    assert _run("rename", "actors/bob-brown", "robert-brown", "--content", str(mini_copy))[0] == 0
    new = call.read_text("utf-8")
    assert "# who asked\nrequested_by: 'robert-brown'  # per alpha" in new
    assert new == text.replace("bob-brown", "robert-brown")


def test_renamed_record_old_url_sends_readers_on(mini_copy: Path, tmp_path: Path) -> None:
    """The built site keeps a page at the old URL that links to the record and forwards to it."""
    _run("rename", "bob-brown", "robert-brown", "--content", str(mini_copy))
    site = build(mini_copy, tmp_path / "site")
    html = (site / "actors" / "bob-brown" / "index.html").read_text("utf-8")
    assert re.search(r'<div class="briefing-redirect">\s*<p>This page has moved to '
                     r'<a href="\.\./robert-brown/">Bob Brown</a>', html)
    assert "location.replace(link.href + location.hash)" in html
    assert "data-pagefind-body" not in html
    assert (site / "actors" / "robert-brown" / "index.html").is_file()


@pytest.mark.parametrize(("args", "message"), [
    (("bob-brown", "alice-adams"), "Error: there is already an actor 'alice-adams' "
                                   "(content/actors/alice-adams.yaml); choose another id\n"),
    (("bob-brown", "Bob_Brown"), "Error: the new id 'Bob_Brown' is not a valid id: use lowercase "
                                 "letters, digits and single hyphens, e.g. 'bob-brown'\n"),
    (("nobody", "x"), "Error: no record 'nobody' in content\n"),
    (("2021-12-07-adams-brown-video-call", "2021-12-08-adams-brown-video-call"),
     "Error: a call's id starts with its date (2021-12-07); to correct the date, change `date:` "
     "and the id together by hand\n"),
])
def test_rename_refusals_change_nothing(mini_copy: Path, monkeypatch: pytest.MonkeyPatch,
                                        args: tuple[str, str], message: str) -> None:
    monkeypatch.chdir(mini_copy.parent)
    before = _snapshot(mini_copy)
    code, output = _run("rename", *args)
    assert (code, output) == (1, message)
    assert _snapshot(mini_copy) == before


def test_rename_refuses_invalid_content(mini_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An invalid corpus is not renamed into: the problems are listed, nothing is written."""
    monkeypatch.chdir(mini_copy.parent)
    topic = mini_copy / "topics" / "trade.yaml"
    topic.write_text(topic.read_text("utf-8") + "colour: blue\n", "utf-8")
    before = _snapshot(mini_copy)
    code, output = _run("rename", "bob-brown", "robert-brown")
    assert code == 1
    assert output.splitlines()[-1] == ("1 content problem found; nothing was renamed: rename "
                                       "works on content that validates, so fix these first.")
    assert output.startswith("content/topics/trade.yaml:")
    assert _snapshot(mini_copy) == before


def test_rename_back_and_unknown_old_id_hint(mini_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A record renamed back drops the id it returns to from redirect_from; a reference to a
    former id is answered with the id it was renamed to."""
    monkeypatch.chdir(mini_copy.parent)
    _run("rename", "bob-brown", "robert-brown")
    assert _run("rename", "robert-brown", "bob-brown")[0] == 0
    assert (mini_copy / "actors" / "bob-brown.yaml").read_text("utf-8").startswith(
        "redirect_from:\n  - robert-brown\nname:")
    call = mini_copy / "calls" / "2021-12-14-adams-brown-phone-call.yaml"
    call.write_text(call.read_text("utf-8").replace("actor: bob-brown", "actor: robert-brown"), "utf-8")
    with pytest.raises(ContentError) as caught:
        validate(mini_copy)
    assert [p.message for p in caught.value.problems] == [
        "unknown actor 'robert-brown' — it was renamed to 'bob-brown' "
        "(content/actors/bob-brown.yaml, redirect_from); write bob-brown"]


@pytest.mark.parametrize(("entry", "message"), [
    ("bob-brown", "a record cannot redirect from its own id; remove this entry"),
    ("alice-adams", "'alice-adams' is the id of content/actors/alice-adams.yaml, whose page is "
                    "at that URL; remove this entry (or rename that actor first)"),
])
def test_redirect_from_cannot_claim_a_live_url(mini_copy: Path, monkeypatch: pytest.MonkeyPatch,
                                               entry: str, message: str) -> None:
    monkeypatch.chdir(mini_copy.parent)
    actor = mini_copy / "actors" / "bob-brown.yaml"
    actor.write_text(f"redirect_from: [{entry}]\n" + actor.read_text("utf-8"), "utf-8")
    with pytest.raises(ContentError) as caught:
        validate(mini_copy)
    assert [str(p) for p in caught.value.problems] == [
        f"content/actors/bob-brown.yaml:1:17: redirect_from[0]: {message}"]


def test_one_old_url_redirects_to_one_record(mini_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(mini_copy.parent)
    for name in ("alice-adams", "bob-brown"):
        actor = mini_copy / "actors" / f"{name}.yaml"
        actor.write_text("redirect_from: [old-person]\n" + actor.read_text("utf-8"), "utf-8")
    with pytest.raises(ContentError) as caught:
        validate(mini_copy)
    assert [str(p) for p in caught.value.problems] == [
        "content/actors/bob-brown.yaml:1:17: redirect_from[0]: 'old-person' is already a former "
        "id of content/actors/alice-adams.yaml; an old URL can send readers to one record only: "
        "keep it on one of them"]


def test_remove_refuses_and_lists_every_reference(mini_copy: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Each reference as FILE:LINE:COLUMN: FIELD, nothing removed; the curator's own file's
    references to itself do not count."""
    monkeypatch.chdir(mini_copy.parent)
    before = _snapshot(mini_copy)
    expected = references_to(_corpus(mini_copy), Key("sources", "beta-report"))
    code, output = _run("remove", "beta-report")
    assert code == 1
    lines = output.splitlines()
    assert lines[-1] == (f"{len(lines) - 1} content problems found; nothing was removed: "
                         "content/sources/beta-report.yaml stays until no record refers to it "
                         "(change or delete each reference, then run remove again; to give it "
                         "another id instead, use rename).")
    assert len(lines) - 1 == len([r for r in expected if r.loaded.id != "beta-report"]) > 0
    assert all(re.fullmatch(r"content/calls/[\w-]+\.yaml:\d+:\d+: [\w.\[\]]+: refers to source "
                            r"'beta-report'( in a \[\[link\]\]| by citing its passage '[\w-]+')?", line) for line in lines[:-1])
    assert _snapshot(mini_copy) == before


def test_remove_takes_the_record_and_its_unused_text(mini_copy: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Once nothing refers to it, a source goes with its verbatim text; the rest validates."""
    monkeypatch.chdir(mini_copy.parent)
    (mini_copy / "texts" / "spare.txt").write_text("Adams and Brown spoke again.\n", "utf-8")
    (mini_copy / "sources" / "spare.yaml").write_text(
        "outlet: unknown\nheadline: unknown\ncalls: [2021-12-07-adams-brown-video-call]\n"
        "text: texts/spare.txt\n", "utf-8")
    before = _snapshot(mini_copy)
    validate(mini_copy)
    code, output = _run("remove", "spare")
    assert (code, output) == (0, "Removed sources/spare: content/sources/spare.yaml, "
                                 "content/texts/spare.txt.\n")
    after = _snapshot(mini_copy)
    assert set(before) - set(after) == {"sources/spare.yaml", "texts/spare.txt"}
    assert all(after[name] == before[name] for name in after)
    validate(mini_copy)
