"""The error format and the CLI's error paths: content problems as located one-line messages,
setup problems as one 'Error:' line, bugs as a short 'internal error' note; never a traceback."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import generator.adapters.cli
from generator.adapters.cli import INTERNAL_ERROR, main
from generator.core.errors import ContentError, Problem, did_you_mean, relative
from generator.core.yamlfile import KEY, read_yaml

from .conftest import MINI, ROOT


def test_problem_names_file_line_column_and_field():
    """FILE:LINE:COLUMN: FIELD: MESSAGE, dropping what is unknown."""
    assert str(Problem("content/a.yaml", 4, 7, "quotes[2].speaker", "unknown actor 'x'")) == \
        "content/a.yaml:4:7: quotes[2].speaker: unknown actor 'x'"
    assert str(Problem("content/a.yaml", 4, 0, "", "not UTF-8")) == "content/a.yaml:4: not UTF-8"
    assert str(Problem("content/a.yaml", 0, 0, "", "file is empty")) == "content/a.yaml: file is empty"


def test_problem_stays_on_one_line_whatever_the_content_holds():
    """Newlines, tabs, control characters and lone surrogates from content are shown escaped."""
    problem = Problem("content/a\nb.yaml", 1, 1, "name", "bad 'x\ty\x01z\u2028\ud800'")
    assert str(problem) == "content/a\\nb.yaml:1:1: name: bad 'x\\ty\\x01z\\u2028\\ud800'"


def test_invisible_characters_that_reorder_or_hide_text_are_shown_escaped():
    """A right-to-left override, bidi isolates and marks, and a byte order mark would make the
    message read differently from what the file holds: they are printed as escapes."""
    problem = Problem("content/a.yaml", 1, 1, "name", "'a\u202eb\u2066c\u2069d\u200fe\ufefff\u061cg'")
    assert str(problem) == ("content/a.yaml:1:1: name: "
                            "'a\\u202eb\\u2066c\\u2069d\\u200fe\\ufefff\\u061cg'")


def test_content_error_reports_every_problem_once_in_order_then_the_count():
    """Problems are sorted by file and line, duplicates dropped, and counted."""
    second = Problem("content/b.yaml", 2, 1, "x", "two")
    first = Problem("content/a.yaml", 9, 1, "y", "one")
    assert ContentError([second, first, second]).report() == (
        "content/a.yaml:9:1: y: one\ncontent/b.yaml:2:1: x: two\n"
        "2 content problems found; nothing was built.")


def test_did_you_mean_only_when_close():
    """A suggestion for a near miss, nothing for a far one."""
    assert did_you_mean("vladmir-putin", {"vladimir-putin", "joe-biden"}) == \
        " — did you mean 'vladimir-putin'?"
    assert did_you_mean("xyz", {"vladimir-putin", "joe-biden"}) == ""


def test_relative_names_a_symlink_by_its_own_path(tmp_path, monkeypatch):
    """A symlinked file is shown where the curator put it, not where it points."""
    (tmp_path / "real.yaml").write_text("name: x\n")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "link.yaml").symlink_to(tmp_path / "real.yaml")
    monkeypatch.chdir(tmp_path)
    assert relative(tmp_path / "content" / "link.yaml") == "content/link.yaml"


def _relative_resolving_first(path: Path, root: Path | None = None) -> str:
    """relative() as it was written before it stopped resolving every path: the reference."""
    plain = Path(os.path.abspath(path))
    resolved = path.parent.resolve() / path.name
    for base in (root, Path.cwd()):
        if base is None:
            continue
        for shown, against in ((plain, Path(os.path.abspath(base))), (resolved, base.resolve())):
            try:
                return shown.relative_to(against).as_posix()
            except ValueError:
                continue
    return path.as_posix()


_PARTS = st.sampled_from(["a", "b", "into-cwd", "into-elsewhere", "cwd", "elsewhere", "..", "."])


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(_PARTS, min_size=1, max_size=5), start=st.sampled_from(["cwd", "top", "rel"]),
       root=st.sampled_from([None, "cwd", "elsewhere", "into-cwd"]))
def test_relative_names_any_path_as_resolving_every_path_did(tmp_path, monkeypatch, parts, start,
                                                              root):
    """Comparing the plain paths first and resolving only when they do not match names every
    path as resolving both first did: inside and outside the working directory and the root,
    through symbolic links to either, with '.' and '..' in the path, relative or absolute."""
    top = tmp_path / "top"
    for folder in ("cwd/a/b", "elsewhere/a/b"):
        (top / folder).mkdir(parents=True, exist_ok=True)
    for link, target in (("into-cwd", "cwd"), ("into-elsewhere", "elsewhere")):
        for where in (top, top / "cwd", top / "elsewhere"):
            if not (where / link).is_symlink():
                (where / link).symlink_to(top / target)
    monkeypatch.chdir(top / "cwd")
    base = {"cwd": top / "cwd", "top": top, "rel": Path()}[start]
    path = base.joinpath(*parts, "file.yaml")
    root_path = None if root is None else top / root
    assert relative(path, root_path) == _relative_resolving_first(path, root_path)


def test_read_yaml_keeps_positions_of_values_and_keys(tmp_path):
    """Every value and every key has its line and column, for messages."""
    path = tmp_path / "a.yaml"
    path.write_text("name: Trade\nfacts:\n  - text: hello\n")
    located = read_yaml(path)
    assert located.data == {"name": "Trade", "facts": [{"text": "hello"}]}
    where = located.positions
    assert (where[("name",)].line, where[("name",)].column) == (1, 7)
    assert (where[("facts", 0, "text")].line, where[("facts", 0, "text")].column) == (3, 11)
    assert (where[("facts", 0, "text", KEY)].line, where[("facts", 0, "text", KEY)].column) == (3, 5)
    assert located.where(("facts", 0, "missing")) is where[("facts", 0)]


def _invoke(*args: str, **kwargs):
    return CliRunner().invoke(main, list(args), **kwargs)


def test_valid_content_exits_zero_with_a_summary():
    """`briefing validate` on the mini corpus succeeds and says what it checked."""
    result = _invoke("validate", "--content", str(MINI))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.startswith("Content is valid: 2 calls, 3 actors, 2 sources")


def test_an_unexpected_exception_is_a_short_internal_error(monkeypatch):
    """A bug prints one short note with the exception and exits 3, without a traceback."""
    def broken(content: Path):
        raise RuntimeError("boom")
    monkeypatch.setattr(generator.adapters.cli, "validate", broken)
    monkeypatch.delenv("BRIEFING_TRACEBACK", raising=False)
    result = _invoke("validate", "--content", str(MINI))
    assert (result.exit_code, result.stdout, result.stderr) == (
        INTERNAL_ERROR, "",
        "Internal error, please report it with the command you ran: RuntimeError: boom\n"
        "(set BRIEFING_TRACEBACK=1 to see the traceback)\n")
    assert INTERNAL_ERROR == 3


def test_briefing_traceback_shows_the_traceback(monkeypatch):
    """With BRIEFING_TRACEBACK=1 the exception propagates, for whoever fixes the bug."""
    def broken(content: Path):
        raise RuntimeError("boom")
    monkeypatch.setattr(generator.adapters.cli, "validate", broken)
    monkeypatch.setenv("BRIEFING_TRACEBACK", "1")
    result = _invoke("validate", "--content", str(MINI))
    assert isinstance(result.exception, RuntimeError)


def test_a_disk_error_is_an_error_line_not_an_internal_error(monkeypatch):
    """OSErrors (read-only folder, full disk) are the machine's, not a bug: 'Error:' and exit 1."""
    def refused(content: Path):
        raise PermissionError(13, "Permission denied", "site/index.html")
    monkeypatch.setattr(generator.adapters.cli, "validate", refused)
    result = _invoke("validate", "--content", str(MINI))
    assert (result.exit_code, result.stderr) == (1, "Error: Permission denied (site/index.html)\n")


def test_content_problems_never_take_the_internal_error_path(tmp_path):
    """A content problem exits 1 with its message, not 3."""
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    (content / "topics" / "trade.yaml").write_bytes(b"\x00\x01")
    result = _invoke("validate", "--content", str(content))
    assert result.exit_code == 1
    assert "Internal error" not in result.stderr
    assert result.stderr.endswith("1 content problem found; nothing was built.\n")


def test_missing_config_file(tmp_path):
    """`briefing build` without an mkdocs.yml says where it looked and what to do."""
    result = _invoke("build", "-f", str(tmp_path / "nope.yml"), "--content", str(MINI),
                     "-d", str(tmp_path / "site"))
    assert (result.exit_code, result.stderr) == (
        1, f"Error: config file '{tmp_path / 'nope.yml'}' does not exist; run from the project "
           "root or pass -f\n")
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("epoch", ["yesterday", "-5", "1.5"])
def test_a_bad_source_date_epoch_is_an_error_line(tmp_path, monkeypatch, epoch):
    """SOURCE_DATE_EPOCH that is not whole seconds is refused before MkDocs runs."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    result = _invoke("build", "-f", str(ROOT / "mkdocs.yml"), "--content", str(MINI),
                     "-d", str(tmp_path / "site"))
    assert (result.exit_code, result.stderr) == (
        1, f"Error: SOURCE_DATE_EPOCH must be a whole number of seconds, not '{epoch}'\n")
    assert not (tmp_path / "site").exists()


def test_the_readme_example_follows_the_documented_format():
    """Every line of the README's error example is FILE[:LINE[:COLUMN]]: [FIELD: ]MESSAGE and the
    last one counts them, as the tool prints them."""
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme[readme.index("### Error format"):]
    block = section.split("```\n", 2)[1].rstrip("\n").split("\n")
    *problems, count = block
    pattern = re.compile(r"content/[a-z]+/[a-z0-9-]+\.yaml(:\d+(:\d+)?)?: ([\w.\[\]]+: )?\S.*")
    assert all(pattern.fullmatch(line) for line in problems), problems
    assert count == f"{len(problems)} content problems found; nothing was built."
