"""Nothing is deleted that a build did not make: the output-folder guard of `briefing build` and
`mkdocs build`, `briefing generate` and hand-written pages, and `mkdocs build --strict` with a
content error (issue 18, data loss)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.adapters.cli import main

from .conftest import MINI, ROOT

GUARD_TAIL = ": a build replaces everything in its output folder; choose a folder of its own, such as site/\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder (mkdocs.yml, docs/, content/ from the mini corpus), the working folder."""
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copytree(MINI, project / "content")
    monkeypatch.chdir(project)
    return project


def _snapshot(folder: Path) -> dict[str, bytes | None]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() if p.is_file() else None
            for p in sorted(folder.rglob("*"))}


def _build(*args: str):
    return CliRunner().invoke(main, ["build", *args])


def _mkdocs(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", "mkdocs", *args], cwd=project, env=env,
                          capture_output=True, text=True)


@pytest.mark.parametrize("folder, problem", [
    ("", "'.' is the project folder (where mkdocs.yml is)"),
    (".", "'.' is the project folder (where mkdocs.yml is)"),
    ("..", "'..' contains the project folder (where mkdocs.yml is) '{project}'"),
    ("content", "'content' is the content folder"),
    ("docs", "'docs' is docs_dir"),
    ("docs/site", "'docs/site' lies inside docs_dir '{project}/docs'"),
    ("content/site", "'content/site' lies inside the content folder '{project}/content'"),
])
def test_build_refuses_an_output_folder_that_holds_the_project(project, folder, problem):
    """`-d ""` (an unset variable), `.`, `..`, content/, docs/ and folders inside them are refused
    with one line, exit 1, before anything is touched."""
    before = _snapshot(project)
    result = _build("-d", folder)
    assert (result.exit_code, result.stderr) == (
        1, f"Error: output folder {problem.format(project=project)}{GUARD_TAIL}")
    assert _snapshot(project) == before


def test_build_refuses_a_folder_no_build_made_and_replaces_its_own(project):
    """A non-empty folder without the marker, or a file, is refused and kept; a folder a build
    made is replaced by the next build; an empty folder is used."""
    (project / "notes").mkdir()
    (project / "notes" / "todo.txt").write_text("mine\n")
    (project / "afile").write_text("mine\n")
    result = _build("-d", "notes")
    assert (result.exit_code, result.stderr) == (1, (
        "Error: output folder 'notes' holds files that no build made (every build leaves a "
        ".briefing-site file) and a build would replace them all; empty it, or choose another "
        "folder\n"))
    result = _build("-d", "afile")
    assert (result.exit_code, result.stderr) == (
        1, "Error: output folder 'afile' is a file, not a folder; remove it or choose another folder\n")
    assert (project / "notes" / "todo.txt").read_text() == (project / "afile").read_text() == "mine\n"
    (project / "empty").mkdir()
    for _ in range(2):
        result = _build("-d", "empty")
        assert result.exit_code == 0, result.output
    assert (project / "empty" / ".briefing-site").is_file()
    assert (project / "empty" / "index.html").is_file()
    assert sorted(p.name for p in project.iterdir()) == [
        "afile", "content", "docs", "empty", "mkdocs.yml", "notes"]


def test_mkdocs_build_refuses_the_content_folder(project):
    """`mkdocs build -d content` is refused by the plugin with the same message; content/ stays."""
    before = _snapshot(project)
    result = _mkdocs(project, "build", "--strict", "-d", "content")
    assert result.returncode == 1
    assert f"ERROR   -  output folder '{project}/content' is the content folder{GUARD_TAIL}" in result.stderr
    assert _snapshot(project) == before


def test_mkdocs_build_with_a_content_error_leaves_the_site_as_it_was(project):
    """The plugin validates before MkDocs cleans the site folder: `mkdocs build --strict` with a
    content error says nothing was built, and site/ is byte for byte the previous build."""
    assert _mkdocs(project, "build", "--strict").returncode == 0
    before = _snapshot(project / "site")
    assert "index.html" in before and ".briefing-site" in before
    topic = project / "content" / "topics" / "trade.yaml"
    topic.write_text(topic.read_text() + "nmae: Trade\n")
    result = _mkdocs(project, "build", "--strict")
    assert result.returncode == 1
    assert "1 content problem found; nothing was built." in result.stderr
    assert _snapshot(project / "site") == before


def test_generate_never_overwrites_a_hand_written_page(project):
    """`briefing generate docs` stops at pages an earlier run did not write, naming them, and
    writes nothing; the pages it wrote itself are replaced on the next run."""
    (project / "docs" / "index.md").write_text("# My own home page\n")
    (project / "docs" / "topics").mkdir()
    (project / "docs" / "topics" / "trade.md").write_text("# My own trade page\n")
    before = _snapshot(project / "docs")
    result = CliRunner().invoke(main, ["generate", "docs"])
    assert (result.exit_code, result.stderr) == (1, (
        "Error: hand-written pages in docs clash with generated pages: index.md, topics/trade.md; "
        "rename or remove them (generated pages come from content/)\n"))
    assert _snapshot(project / "docs") == before
    (project / "docs" / "index.md").unlink()
    (project / "docs" / "topics" / "trade.md").unlink()
    assert CliRunner().invoke(main, ["generate", "docs"]).exit_code == 0
    assert CliRunner().invoke(main, ["generate", "docs"]).exit_code == 0


def test_a_source_date_epoch_past_the_gzip_limit_is_a_one_line_error(project, monkeypatch):
    """MkDocs writes SOURCE_DATE_EPOCH into the gzip header of sitemap.xml.gz, which ends in 2106."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "99999999999999")
    result = _build()
    assert (result.exit_code, result.stderr) == (1, (
        "Error: SOURCE_DATE_EPOCH=99999999999999 is past 4294967295 (2106-02-07), the last date "
        "the gzip header of sitemap.xml.gz can hold\n"))
    assert not (project / "site").exists()


def test_the_corpus_date_of_a_build_stops_at_the_gzip_limit(mini_copy):
    """A corpus dated past 2106 (a mistyped year) dates the build 2106-02-07, not a crash."""
    from generator.core.pipeline import MAX_EPOCH, content_epoch, validate

    graph = validate(mini_copy)
    source = next(iter(graph.corpus.all("sources")))
    object.__setattr__(source, "published", source.published.replace(year=2201))
    assert content_epoch(graph) == MAX_EPOCH == 2**32 - 1


def test_an_unreadable_source_text_on_the_plugin_path_is_a_message(project, monkeypatch):
    """`mkdocs build` reports a text it cannot read as a content problem naming the record's
    file, line and field (an MkDocs error, not a traceback). The sandbox runs as root, so the
    refusal is faked where the text is opened."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import PluginError

    from generator.core import text_file

    real = open

    def refusing_open(path, *args, **kwargs):
        if Path(path).name == "alpha.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, *args, **kwargs)
    monkeypatch.setattr(text_file, "open", refusing_open, raising=False)
    config = load_config(config_file=str(project / "mkdocs.yml"))
    with pytest.raises(PluginError) as caught:
        config.plugins["briefing"].on_pre_build(config=config)
    message = str(caught.value)
    assert "Traceback" not in message
    assert re.search(r"content/sources/[a-z0-9-]+\.yaml:\d+:\d+: text: source text "
                     r"'texts/alpha\.txt' cannot be read: Permission denied", message), message


# One guard for every command that writes (issue 28): each guarded folder, spelled every way a
# user or a script may spell it, is refused by build, generate, schema and init alike, and
# nothing is written.

COMMANDS = {
    "build": lambda folder: ["build", "-d", folder],
    "offline": lambda folder: ["build", "--offline", "-d", folder],
    "check": lambda folder: ["check", "-d", folder],
    "generate": lambda folder: ["generate", folder],
    "schema": lambda folder: ["schema", "--dir", folder],
}

GUARDED = {
    # where (relative to the project), what the message says it is
    "project": (".", "is the project folder (where mkdocs.yml is)"),
    "content": ("content", "is the content folder"),
    "inside content": ("content/calls", "lies inside the content folder '{project}/content'"),
    "holding the project": ("..", "contains the project folder (where mkdocs.yml is) '{project}'"),
}


@st.composite
def spellings(draw, target: Path, project: Path, links: Path) -> str:
    """A spelling of `target` as seen from `project`: relative or absolute, through `./`, `..`,
    doubled or trailing slashes, and a symbolic link to it or to a folder holding it."""
    how = draw(st.sampled_from(["relative", "absolute", "link", "link to parent"]))
    if how == "relative":
        path = os.path.relpath(target, project)
    elif how == "absolute":
        path = str(target)
    else:
        pointed = target if how == "link" or target == target.parent else target.parent
        # one name per folder pointed at: examples share the links folder
        link = links / f"{str(pointed).replace('/', '%')}-{draw(st.integers(0, 3))}"
        if not link.is_symlink():
            link.symlink_to(pointed, target_is_directory=True)
        path = str(link) if pointed == target else str(link / target.name)
    parts = path.split("/")
    if draw(st.booleans()) and len(parts) > 1:  # through a sibling and back
        at = draw(st.integers(1, len(parts) - 1))
        if parts[at - 1] not in ("", "..", "."):
            parts[at:at] = ["..", parts[at - 1]]
    if draw(st.booleans()):
        parts = [parts[0], *[p for part in parts[1:] for p in (".", part)]] if parts[0] else parts
    path = "/".join(parts)
    if draw(st.booleans()):
        path = path.replace("/", "//")
    if draw(st.booleans()) and not path.startswith("/"):
        path = "./" + path
    if draw(st.booleans()):
        path += "/"
    return path


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("guarded", sorted(GUARDED))
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_every_writing_command_refuses_a_guarded_folder_however_spelled(project, command, guarded,
                                                                         data):
    where, problem = GUARDED[guarded]
    target = (project / where).resolve()
    links = project.parent / "links"
    links.mkdir(exist_ok=True)
    spelled = data.draw(spellings(target, project, links))
    before = _snapshot(project)
    result = CliRunner().invoke(main, COMMANDS[command](spelled))
    assert result.exit_code == 1, (spelled, result.output)
    label = {"schema": "schema folder"}.get(command, "output folder")
    assert result.stderr.startswith(
        f"Error: {label} '{Path(spelled)}' {problem.format(project=project)}:"), (spelled, result.stderr)
    assert result.stderr.count("\n") == 1
    assert _snapshot(project) == before


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_writing_command_refuses_the_home_folder_and_what_holds_it(project, command,
                                                                          monkeypatch):
    home = project.parent / "home"
    (home / "notes").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    for spelled, problem in [("~", "is your home folder"), (f"{home}/notes/..", "is your home folder"),
                             (str(home.parent / "."), "contains your home folder")]:
        result = CliRunner().invoke(main, COMMANDS[command](os.path.expanduser(spelled)))
        assert result.exit_code == 1, result.output
        assert problem in result.stderr
    assert [p.name for p in home.iterdir()] == ["notes"] and not any((home / "notes").iterdir())


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_writing_command_refuses_the_root_of_the_file_system(project, command, monkeypatch):
    """As root, `generate /` wrote 40 pages and 11 folders into / (issue 28). Writing is made to
    fail here too, so that a regression cannot touch the machine's root."""
    from generator.core import pipeline, schema

    def refuse(*args, **kwargs):
        raise AssertionError("wrote past the guard")
    monkeypatch.setattr(pipeline, "write_pages", refuse)
    monkeypatch.setattr("generator.adapters.cli.write_pages", refuse)
    monkeypatch.setattr(schema, "write_schemas", refuse)
    for spelled in ("/", "//", "/.", "/..", "/tmp/..", f"{'../' * 40}"):
        result = CliRunner().invoke(main, COMMANDS[command](spelled))
        assert result.exit_code == 1, (spelled, result.output)
        label = {"schema": "schema folder"}.get(command, "output folder")
        assert result.stderr.startswith(f"Error: {label} '{Path(spelled)}' is the root of the file "
                                        "system"), result.stderr


def test_init_refuses_a_folder_inside_the_content_folder(project):
    result = CliRunner().invoke(main, ["init", "content/new"])
    assert (result.exit_code, result.stderr) == (1, (
        f"Error: new project folder 'content/new' lies inside the content folder "
        f"'{project}/content': choose a new folder of its own\n"))
    assert not (project / "content" / "new").exists()


@pytest.mark.parametrize("docs_dir, problem", [
    ("content", "is the content folder"),
    ("content/texts", "lies inside the content folder '{project}/content'"),
    ("./content/", "is the content folder"),
    ("docs/../content", "is the content folder"),
])
def test_docs_dir_never_publishes_the_content_folder(project, docs_dir, problem):
    """`docs_dir: content` published the raw YAML and texts (issue 28): `briefing build` and
    `mkdocs build` both refuse it before writing anything."""
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("docs_dir: docs", f"docs_dir: {docs_dir}"))
    expected = (f"docs_dir '{os.path.normpath(project / docs_dir)}' {problem.format(project=project)}: MkDocs "
                "publishes every file in docs_dir, and the content folder holds the raw records "
                "and texts; keep them apart, such as docs_dir: docs\n")
    result = _build()
    assert (result.exit_code, result.stderr) == (1, f"Error: {expected}")
    done = _mkdocs(project, "build", "--strict")
    assert done.returncode == 1 and f"ERROR   -  {expected}" in done.stderr
    assert not (project / "site").exists()


def test_generate_keeps_a_generated_page_edited_by_hand(project):
    """A generated page edited since `generate` wrote it is neither overwritten nor deleted when
    its record goes: generate stops, names every such page and writes nothing; once the file is
    deleted, generate writes it again."""
    assert CliRunner().invoke(main, ["generate", "docs"]).exit_code == 0
    page = project / "docs" / "topics" / "trade.md"
    page.write_text(page.read_text() + "\nMy own note.\n")
    (project / "content" / "topics" / "trade.yaml").unlink()
    for record in (project / "content").glob("*/*.yaml"):
        record.write_text(record.read_text().replace("topics: [trade]", "topics: []"))
    before = _snapshot(project / "docs")
    result = CliRunner().invoke(main, ["generate", "docs"])
    assert (result.exit_code, result.stderr) == (1, (
        "Error: generated pages in docs were edited by hand since they were generated: "
        "topics/trade.md; generated pages come from content/ and the next run replaces them: "
        "move the changes into the records (or a page of your own under another name), then "
        "delete these files\n"))
    assert _snapshot(project / "docs") == before
    page.unlink()
    result = CliRunner().invoke(main, ["generate", "docs"])
    assert result.exit_code == 0, result.output
    assert not page.exists()
