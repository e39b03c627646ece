"""JSON Schemas for editors: generated from the model, committed, current, and usable.

The schemas are checked the way an editor uses them: every fixture record validates against its
kind's schema (read as the YAML language server reads YAML 1.2, where 2021-12-07 is a string),
and typical mistakes are flagged.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from generator.adapters.cli import main
from generator.core.kinds import KINDS
from generator.curator.scaffold import SCHEMA_LINE

from .conftest import MINI, ROOT

SCHEMAS = ROOT / "schemas"


class _Yaml12Loader(yaml.SafeLoader):
    """Like the YAML language server: unquoted dates stay strings."""


_Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def validator(kind: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMAS / f"{kind}.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_committed_schemas_are_current(monkeypatch: pytest.MonkeyPatch) -> None:
    """schemas/ matches generator/core/models/: after a model change, run 'briefing schema'."""
    monkeypatch.chdir(ROOT)
    result = run("schema", "--check")
    assert result.exit_code == 0, result.output
    assert result.output == "The schemas in schemas/ are up to date.\n"
    assert sorted(p.stem for p in SCHEMAS.glob("*.json")) == sorted(KINDS)


def test_schema_writes_then_checks(tmp_path: Path) -> None:
    """'briefing schema --dir D' writes one file per kind, rewrites nothing when current, and
    --check names every stale, missing or extra file without writing."""
    folder = tmp_path / "schemas"
    result = run("schema", "--dir", str(folder))
    assert result.exit_code == 0
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{k}.json" for k in KINDS)
    for kind in KINDS:
        assert (folder / f"{kind}.json").read_bytes() == (SCHEMAS / f"{kind}.json").read_bytes()
    assert run("schema", "--dir", str(folder)).output == (
        f"Wrote 0 changed schema(s) in {folder}/: all were up to date\n")
    (folder / "calls.json").write_text("{}\n", "utf-8")
    (folder / "topics.json").unlink()
    (folder / "people.json").write_text("{}\n", "utf-8")
    result = run("schema", "--check", "--dir", str(folder))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {folder.as_posix()}/calls.json is out of date with the record classes in "
        f"generator/core/models/; {folder.as_posix()}/topics.json is missing; {folder.as_posix()}/people.json matches no "
        "record kind; remove it. Run 'briefing schema' and commit the result.\n")
    assert (folder / "calls.json").read_text("utf-8") == "{}\n"


@pytest.mark.parametrize("kind", list(KINDS))
def test_fixture_records_validate_against_their_schema(kind: str) -> None:
    """Every record of the mini corpus is valid for its kind's schema, as an editor sees it."""
    check = validator(kind)
    for path in sorted((MINI / kind).glob("*.yaml")):
        data = yaml.load(path.read_text("utf-8"), Loader=_Yaml12Loader)
        errors = [e.message for e in check.iter_errors(data)]
        assert errors == [], (path.name, errors)


@pytest.mark.parametrize(("kind", "record", "wrong"), [
    ("sources", {"outlet": "X", "calls": ["a"], "text": "texts/a.txt", "outlt": "X"},
     "Additional properties are not allowed ('outlt' was unexpected)"),
    ("sources", {"outlet": "X", "calls": [], "text": "texts/a.txt"}, "[] should be non-empty"),
    ("sources", {"outlet": "X", "calls": ["a"], "text": "a.txt"},
     "'a.txt' does not match '^texts/[A-Za-z0-9_.-]+\\\\.txt$'"),
    ("calls", {"title": "T", "date": "2021-12-07", "format": "zoom",
               "participants": [{"actor": "a", "side": "b"}],
               "summary": [{"text": "t", "cites": [{"source": "s", "passage": "abc"}]}]},
     "'zoom' is not one of ['video', 'phone', 'in-person']"),
    ("calls", {"title": "T", "date": "7 Dec", "format": "video",
               "participants": [{"actor": "a", "side": "b"}],
               "summary": [{"text": "t", "cites": [{"source": "s", "passage": "abc"}]}]},
     "'7 Dec' is not a 'date'"),
    ("actors", {"name": "N", "roles": [{"title": "T", "organization": "Not An Id"}]},
     "'Not An Id' is not valid under any of the given schemas"),
])
def test_schema_flags_mistakes(kind: str, record: dict, wrong: str) -> None:
    """Misspelt fields, empty required lists, bad paths, choices, dates and ids are flagged."""
    messages = [e.message for e in validator(kind).iter_errors(record)]
    assert wrong in messages, messages


def test_unknown_is_accepted_where_the_model_accepts_it() -> None:
    """'unknown' is valid for the fields the model reads as "the sources do not say"
    (outlet, url, a participant's location), as it is for the build."""
    source = {"outlet": "unknown", "url": "unknown", "headline": "unknown", "calls": ["a"],
              "text": "texts/a.txt"}
    assert list(validator("sources").iter_errors(source)) == []
    bad_url = dict(source, url="not a url")
    assert list(validator("sources").iter_errors(bad_url)) != []


def test_descriptions_come_from_the_model() -> None:
    """Hover help in the editor is the field documentation of models.py, with the folder an
    id must exist in."""
    schema = json.loads((SCHEMAS / "calls.json").read_text("utf-8"))
    assert schema["properties"]["format"]["description"].startswith("How the leaders met. ")
    quote = schema["$defs"]["Quote"]["properties"]["speaker"]["description"]
    assert quote.startswith("The actor who said it;") and quote.endswith(
        "(an id from content/actors/)")


def test_editor_settings_map_every_kind(tmp_path: Path) -> None:
    """.vscode/settings.json points the YAML language server at each kind's schema, and a
    scaffolded file names the same schema in its first line."""
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text("utf-8"))
    assert settings["yaml.schemas"] == {f"./schemas/{k}.json": f"content/{k}/*.yaml" for k in KINDS}
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    assert run("new", "topic", "tariffs", "--content", str(content)).exit_code == 0
    first = (content / "topics" / "tariffs.yaml").read_text("utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schemas/topics.json"
    assert (content / "topics" / first.split("$schema=")[1]).resolve() == (
        tmp_path / "schemas" / "topics.json")


# --- A third-party validator: check-jsonschema (ECMA-262 regexes, as editors read them) -------

CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")
TEMPLATE_CONTENT = ROOT / "generator" / "project_template" / "content"


def check_jsonschema(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(CHECK_JSONSCHEMA), *map(str, args)], capture_output=True,
                          text=True, timeout=120)


def test_a_third_party_validator_accepts_every_schema() -> None:
    """check-jsonschema checks each schema against the 2020-12 metaschema, its patterns as
    ECMA-262 regexes with the u flag (the flag editors use)."""
    result = check_jsonschema("--check-metaschema", *sorted(SCHEMAS.glob("*.json")))
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_third_party_validator_rejects_a_python_only_pattern(tmp_path: Path) -> None:
    """The check above can fail: the URL pattern as it was written before (an escaped quote,
    valid in Python, an error under the u flag) is refused."""
    schema = json.loads((SCHEMAS / "sources.json").read_text("utf-8"))
    schema["properties"]["url"]["anyOf"][0]["pattern"] = r"^https?://[^\s<>\"'()\[\]`\\]+$"
    bad = tmp_path / "sources.json"
    bad.write_text(json.dumps(schema), "utf-8")
    result = check_jsonschema("--check-metaschema", bad)
    assert result.returncode == 1
    assert "$.properties.url.anyOf[0].pattern" in result.stdout and "is not a 'regex'" in result.stdout


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_content_file_validates_with_check_jsonschema(kind: str) -> None:
    """The live corpus, the project template that `briefing init` copies and the fixture, each
    file against its kind's committed schema."""
    files = [f for folder in (ROOT / "content", TEMPLATE_CONTENT, MINI)
             for f in sorted((folder / kind).glob("*.yaml"))]
    if not files:
        pytest.fail(f"no {kind} files at all: the glob is wrong")
    result = check_jsonschema("--schemafile", SCHEMAS / f"{kind}.json", *files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_committed_content_files_name_their_schema() -> None:
    """Any editor with the YAML language server validates a content file, with no settings: its
    first line names the schema, as `briefing new` and `briefing ingest` write it."""
    missing = [f.relative_to(ROOT).as_posix() for folder in (ROOT / "content", TEMPLATE_CONTENT)
               for kind in KINDS for f in sorted((folder / kind).glob("*.yaml"))
               if not f.read_text("utf-8").startswith(SCHEMA_LINE.format(kind=kind) + "\n")]
    assert missing == []


def test_briefing_schema_maps_every_kind_in_the_editor_settings(tmp_path: Path) -> None:
    """A kind's editor mapping is written with its schema (one command, no file to edit by
    hand), the settings' other keys kept; the check names a settings file that misses one."""
    from generator.core.schema import StaleSchemas, check_schemas, write_schemas

    settings = tmp_path / ".vscode" / "settings.json"
    settings.parent.mkdir()
    settings.write_text(json.dumps({"editor.tabSize": 2, "yaml.schemas": {
        "./schemas/calls.json": "content/calls/*.yaml"}}), "utf-8")
    write_schemas(tmp_path / "schemas")
    check_schemas(tmp_path / "schemas")
    written = json.loads(settings.read_text("utf-8"))
    assert written["editor.tabSize"] == 2
    assert written["yaml.schemas"] == {f"./schemas/{k}.json": f"content/{k}/*.yaml" for k in KINDS}
    settings.write_text(json.dumps({"yaml.schemas": {}}), "utf-8")
    with pytest.raises(StaleSchemas, match=r"\.vscode/settings\.json does not map every content folder"):
        check_schemas(tmp_path / "schemas")
