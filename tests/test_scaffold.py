"""`briefing new KIND ID`: a documented skeleton that validation walks the curator through."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.adapters.cli import main
from generator.core.citekeys import TYPED_OUT
from generator.core.kinds import KIND_NAMES, KINDS
from generator.core.models import Citation, Passage
from generator.core.schema import field_shapes
from generator.curator.scaffold import GIVEN_BY_PASSAGE, required_keys

from .conftest import MINI

IDS = {"calls": "2022-01-05-adams-brown-call", "actors": "carol-clerk", "sources": "gamma-report",
       "organizations": "gamma-news", "topics": "tariffs", "events": "harbour-opening"}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the mini corpus as content/, the working directory its parent."""
    shutil.copytree(MINI, tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "content"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def every_field(model: type) -> set[tuple[str, str]]:
    """(key, documentation) of every field a curator writes in a record class and in the parts
    it holds: a citation, fact report or quote is a passage key (`cite`), its words, source and
    attribution given by the passage (documented on a source's `passages`)."""
    found = set()
    for shape in field_shapes(model):
        if model in TYPED_OUT and (shape.key in TYPED_OUT[model] or shape.name in GIVEN_BY_PASSAGE):
            continue
        if shape.key != "id":
            found.add((shape.key, shape.doc))
        if shape.model is not None:
            found |= every_field(shape.model)
    if model in TYPED_OUT and model is not Citation:  # a list of citations is a list of keys
        found.add(("cite", "The key of a passage typed once on a source record"))
    if model is KINDS["sources"]:
        found |= every_field(Passage)
    return found


@pytest.mark.parametrize("kind", list(KINDS))
def test_scaffold_documents_every_field(project: Path, kind: str) -> None:
    """Each kind's skeleton starts with the schema line for the YAML language server, and lists
    every field of the record and of its parts with the documentation from models.py."""
    result = run("new", KIND_NAMES[kind], IDS[kind])
    assert result.exit_code == 0, result.output
    path = project / kind / f"{IDS[kind]}.yaml"
    text = path.read_text("utf-8")
    assert text.splitlines()[0] == f"# yaml-language-server: $schema=../../schemas/{kind}.json"
    flat = re.sub(r"\s+", " ", re.sub(r"(?m)(^|\s)#(?=\s|$)", " ", text))
    for key, doc in every_field(KINDS[kind]):
        assert re.search(rf"(^|\s)(- )?{re.escape(key)}:", text, re.MULTILINE), key
        assert doc in flat, (key, doc)
    assert isinstance(yaml.safe_load(text), dict)
    empty, unknown = required_keys(kind)
    decide = f"; decide: {', '.join(unknown)} (written unknown)" if unknown else ""
    assert result.output == (f"Wrote content/{kind}/{IDS[kind]}.yaml. Fill in: "
                             f"{', '.join(empty)}{decide}; then run 'briefing validate'.\n")


@pytest.mark.parametrize("kind", list(KINDS))
def test_validate_points_at_each_required_field(project: Path, kind: str) -> None:
    """An untouched skeleton fails validation with one problem per required field, each
    pointing at the line where that field is written."""
    run("new", KIND_NAMES[kind], IDS[kind])
    path = project / kind / f"{IDS[kind]}.yaml"
    lines = path.read_text("utf-8").splitlines()
    result = run("validate")
    assert result.exit_code == 1
    problems = result.stderr.strip().splitlines()[:-1]
    prefix = f"content/{kind}/{IDS[kind]}.yaml:"
    assert all(p.startswith(prefix) for p in problems), problems
    fields = []
    for problem in problems:
        line, column, field, _ = problem[len(prefix):].split(":", 3)
        fields.append(field.strip())
        key = field.strip().split(".")[-1].split("[")[0]
        assert re.match(rf"\s*(- )?{key}:", lines[int(line) - 1]), (problem, lines[int(line) - 1])
    assert sorted(fields) == sorted(required_keys(kind)[0])


def test_required_field_that_may_be_unknown(project: Path) -> None:
    """A source's outlet is required but may be unknown: the skeleton writes unknown (empty
    would read as unknown too, silently) and the output asks the curator to decide it."""
    result = run("new", "source", "gamma-report")
    text = (project / "sources" / "gamma-report.yaml").read_text("utf-8")
    assert "\noutlet: unknown\n" in text
    assert result.output == ("Wrote content/sources/gamma-report.yaml. Fill in: calls, text; "
                             "decide: outlet (written unknown); then run 'briefing validate'.\n")


def test_filled_scaffold_validates(project: Path) -> None:
    """Filling the required fields is all a new actor and topic need."""
    run("new", "actor", "carol-clerk")
    run("new", "topic", "tariffs")
    for path, value in ((project / "actors" / "carol-clerk.yaml", "Carol Clerk"),
                        (project / "topics" / "tariffs.yaml", "Tariffs")):
        path.write_text(path.read_text("utf-8").replace("\nname:\n", f"\nname: {value}\n"), "utf-8")
    result = run("validate")
    assert result.exit_code == 0, result.output


def test_call_scaffold_takes_its_date_from_the_id(project: Path) -> None:
    """A call's id starts with its date, which the skeleton fills in."""
    run("new", "calls", "2022-01-05-adams-brown-call")
    text = (project / "calls" / "2022-01-05-adams-brown-call.yaml").read_text("utf-8")
    assert "\ndate: 2022-01-05\n" in text
    assert "date" not in required_keys("calls")[0]
    assert "\nformat:\n" in text and "\nquotes: []\n" in text


@pytest.mark.parametrize(("args", "message"), [
    (("new", "actr", "x"), "Error: unknown kind 'actr'; kinds are: call, actor, source, "
                           "organization, topic, event — did you mean 'actor'?\n"),
    (("new", "people", "x"), "Error: unknown kind 'people'; kinds are: call, actor, source, "
                             "organization, topic, event\n"),
    (("new", "actor", "Carol_Clerk"), "Error: 'Carol_Clerk' is not a valid id: use lowercase "
                                      "letters, digits and single hyphens, e.g. 'carol-clerk'\n"),
    (("new", "actor", "index"), "Error: 'index' is reserved for the actors index page; "
                                "choose another id\n"),
    (("new", "call", "2022-13-05-x"), "Error: '2022-13-05' is not a day of the calendar; a call's "
                                      "id starts with the date of the call (YYYY-MM-DD-…)\n"),
    (("new", "call", "2021-02-30-x"), "Error: '2021-02-30' is not a day of the calendar; a call's "
                                      "id starts with the date of the call (YYYY-MM-DD-…)\n"),
    (("new", "topic", "energy\n"), "Error: 'energy\\n' is not a valid id: use lowercase letters, "
                                   "digits and single hyphens, e.g. 'energy'\n"),
    (("new", "topic", "a" * 121), f"Error: '{'a' * 121}' is too long (121 characters); ids have "
                                  f"at most 120, e.g. '{'a' * 120}'\n"),
    (("new", "call", "2021-12-07"), "Error: a call's id is its date followed by a short name, "
                                    "e.g. '2021-12-07-video-call' (lowercase letters, digits "
                                    "and hyphens)\n"),
    (("new", "call", "2999-01-05-x"), "Error: '2999-01-05-x': the call's date 2999-01-05 is in "
                                      "the future; a call or publication date is a day that has "
                                      "passed (a typo in the year?)\n"),
    (("new", "call", "1899-12-31-x"), "Error: '1899-12-31-x': the call's date 1899-12-31 is "
                                      "before 1900; check the year\n"),
    (("new", "topic", "energy", "--content", "con\ntent"),
     "Error: content directory 'con\\ntent' does not exist; run from the project root or pass "
     "--content\n"),
    (("new", "call", "adams-brown"), "Error: a call's id starts with its date (YYYY-MM-DD-…): "
                                     "e.g. '"),
    (("new", "actor", "alice-adams"), "Error: content/actors/alice-adams.yaml already exists; "
                                      "edit it, or choose another id\n"),
])
def test_refusals(project: Path, args: tuple[str, ...], message: str) -> None:
    """Unknown kinds (with a suggestion), invalid ids (with the id that would do), reserved
    ids, calls without a date and existing files are refused; nothing is written."""
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    result = run(*args)
    assert result.exit_code == 1
    assert result.stderr.startswith(message), result.stderr
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == before


def test_kind_in_any_form_and_missing_content(project: Path, tmp_path: Path) -> None:
    """'Actors', 'actor' and 'actors' name the same kind; a missing content folder is a
    message, not a traceback."""
    assert run("new", "Actors", "carol-clerk").exit_code == 0
    assert (project / "actors" / "carol-clerk.yaml").exists()
    result = run("new", "actor", "dan-desk", "--content", str(tmp_path / "nowhere"))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: content directory ")


@pytest.mark.parametrize("kind, record_id, field", [
    ("calls", "2021-12-07-adams-brown-video-call", "requested_by"),
    ("sources", "alpha-report", "outlet_org"),
    ("sources", "alpha-report", "published"),
])
def test_unknown_is_accepted_wherever_an_optional_field_may_be_unknown(project: Path, kind: str,
                                                                        record_id: str, field: str):
    """`requested_by: unknown` (or any optional reference or date) means the sources do not
    say, as the docs promise, instead of "unknown actor 'unknown'"."""
    path = project / kind / f"{record_id}.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    data[field] = "unknown"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    result = run("validate")
    assert result.exit_code == 0, result.output


def test_a_quote_may_name_an_organization_as_its_speaker(project: Path, tmp_path: Path) -> None:
    """`speaker_org: ruritania-government` (words a source gives to an institution, not a
    person): validated as a reference, linked from the quote on the call page, and the
    organization's page lists the call under 'Quoted in'."""
    from .conftest import build

    path = project / "sources" / "beta-report.yaml"
    text = path.read_text("utf-8")
    said = '    text: "We want peace and trade too."\n    speaker: bob-brown\n'
    path.write_text(text.replace(said, '    text: "We want peace and trade too."\n'
                                       "    speaker_org: ruritania-government\n"
                                       "    as: in a statement\n"), "utf-8")
    assert run("validate").exit_code == 0, run("validate").output
    site = build(project, tmp_path / "site")
    call = (site / "calls" / "2021-12-07-adams-brown-video-call" / "index.html").read_text("utf-8")
    assert re.search(r'— <a href="../../organizations/ruritania-government/">[^<]+</a> '
                     r'\(in a statement\), as reported by', call), call
    org = (site / "organizations" / "ruritania-government" / "index.html").read_text("utf-8")
    assert "Quoted in" in org
    path.write_text(text.replace(said, '    text: "We want peace and trade too."\n'
                                       "    speaker_org: ruritania-govt\n"), "utf-8")
    result = run("validate")
    assert result.exit_code == 1
    assert ("content/sources/beta-report.yaml:13:18: passages.beta-we-want-peace-and-trade."
            "speaker_org: unknown organization 'ruritania-govt' — did you mean "
            "'ruritania-government'?") in result.output


@pytest.mark.parametrize("kind", sorted(IDS))
def test_every_list_field_comes_with_an_example(project: Path, kind: str) -> None:
    """Each top-level list written `[]` is followed by a commented entry (a list of parts) or a
    commented example value (a list of ids or texts), never left bare."""
    assert run("new", kind, IDS[kind]).exit_code == 0
    lines = (project / kind / f"{IDS[kind]}.yaml").read_text("utf-8").splitlines()
    bare = [line for line, after in zip(lines, lines[1:] + [""])
            if re.fullmatch(r"[a-z_]+: \[\]", line)
            and not (after.startswith("  # - ") or after.startswith(f"# e.g. {line[:-4]}: ["))]
    assert bare == [], bare


def test_call_skeleton_cites_passages_by_key(project: Path) -> None:
    """The call skeleton shows citations in the keyed form (`cites: [KEY]`, `- cite:` for a
    fact report and a quote), never the typed-out `source:`/`passage:`; filled with the mini
    corpus's keys, it validates; the source skeleton's `passages: {}` reads as an empty mapping
    and shows a passage to copy."""
    run("new", "call", "2022-01-05-adams-brown-call")
    run("new", "source", "gamma-report")
    path = project / "calls" / "2022-01-05-adams-brown-call.yaml"
    text = path.read_text("utf-8")
    assert "  #   cites: [KEY]  " in text and "\n    cites: []  " in text
    assert "  #     - cite:  " in text and "\n  # - cite:  " in text
    assert not re.search(r"(?m)^[ #-]*(source|passage|words):", text)
    source = (project / "sources" / "gamma-report.yaml").read_text("utf-8")
    assert "\npassages: {}\n" in source and "  # KEY:\n  #   text:  " in source
    assert yaml.safe_load(source)["passages"] == {}
    for field, value in (("title", "Adams–Brown call"), ("format", "phone")):
        text = text.replace(f"\n{field}:\n", f"\n{field}: {value}\n")
    text = text.replace("  - actor:  ", "  - actor: alice-adams  ").replace(
        "    side:  ", "    side: ruritania-government  ", 1)
    text = text.replace("  - text:  ", "  - text: They spoke.  ", 1).replace(
        "    cites: []     # REQUIRED.", "    cites: [beta-a-week-later-they-spoke]", 1)
    path.write_text(text, "utf-8")
    (project / "sources" / "gamma-report.yaml").unlink()
    beta = project / "sources" / "beta-report.yaml"
    beta.write_text(beta.read_text("utf-8").replace(
        "2021-12-14-adams-brown-phone-call]", "2021-12-14-adams-brown-phone-call, "
                                              "2022-01-05-adams-brown-call]"), "utf-8")
    result = run("validate")
    assert result.exit_code == 0, result.output
