"""Property: whatever a curator writes, a run ends in a clean build or in clean messages.

Random YAML values are thrown at every field of the mini corpus (replaced, added, removed, or
written as raw text into a line), and the pipeline must either validate and render, or raise a
ContentError whose every problem is one located line in plain words. Any other exception is a
bug, as is a message that still speaks pydantic ("Input should be ...").
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.adapters.cli import main
from generator.core.errors import ContentError
from generator.core.models import KINDS
from generator.core.pipeline import render, validate

from .conftest import MINI, ROOT

FILES = sorted(p.relative_to(MINI).as_posix() for p in MINI.glob("*/*.yaml"))
DATA = {rel: yaml.safe_load((MINI / rel).read_text("utf-8")) for rel in FILES}
FIELD_NAMES = sorted({name for model in KINDS.values() for name in model.model_fields}
                     | {"words", "source", "passage", "speaker", "cites", "text", "as", "key",
                        "reports", "value", "minutes", "time", "actor", "side", "attribution"})

TRAPS = ["10:07", "15:35", "NO", "yes", "off", "0755", "0x1F", "1e3", "2021-12-07", "2021-13-45",
         "2021-12-07 10:00:00", "~", "null", "unknown", ".nan", "-.inf", "&a x", "*a", "!!binary eA==",
         "!!python/object:os.system x", "<< : {a: 1}", "\tx", "[", "]", "{", "'", '"', "|", ">",
         "- x", "? x", "@x", "`x", "%x", "a: b", "[[alice-adams]]", "[[nobody]]", "texts/../x.txt",
         "../../etc/passwd", "javascript:alert(1)", "https://example.org/a", "video", "readout",
         "alice-adams", "trade", "<script>alert(1)</script>", "x" * 300, "\u2028", "\x85"]
"""Raw YAML text that trips parsers and schemas."""

scalars = (st.none() | st.booleans() | st.integers(min_value=-2**70, max_value=2**70)
           | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=30)
           | st.dates() | st.datetimes() | st.sampled_from(TRAPS))
values = st.recursive(
    scalars,
    lambda children: (st.lists(children, max_size=3)
                      | st.dictionaries(st.sampled_from(FIELD_NAMES) | st.text(max_size=8),
                                        children, max_size=3)),
    max_leaves=8)


def _locations(data: Any, loc: tuple = ()) -> list[tuple]:
    """Every place in a record a value stands: mapping values and list items, nested."""
    found = [loc] if loc else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += _locations(value, loc + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _locations(value, loc + (index,))
    return found


@st.composite
def mutation(draw) -> tuple[str, str, Any]:
    """(file, how, what): one change to one record file: a value set, a field added, a value
    deleted, a line rewritten as raw text, or the whole file replaced by bytes."""
    rel = draw(st.sampled_from(FILES))
    how = draw(st.sampled_from(["set", "add", "delete", "raw", "bytes"]))
    if how == "bytes":
        return rel, how, draw(st.binary(max_size=60))
    if how == "raw":
        lines = (MINI / rel).read_text("utf-8").split("\n")
        line = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        text = draw(st.sampled_from(TRAPS) | st.text(max_size=20))
        return rel, how, (line, text)
    loc = draw(st.sampled_from(_locations(DATA[rel])))
    if how == "add":
        return rel, how, (loc[:-1], draw(st.sampled_from(FIELD_NAMES)), draw(values))
    return rel, how, (loc, draw(values) if how == "set" else None)


def _apply(content: Path, change: tuple[str, str, Any]) -> None:
    """Make one change to a file of the corpus copy (skipped if earlier changes made it moot)."""
    rel, how, what = change
    path = content / rel
    if how == "bytes":
        path.write_bytes(what)
        return
    if how == "raw":
        line, text = what
        lines = path.read_text("utf-8", errors="replace").split("\n")
        key, sep, _ = lines[line].partition(": ") if line < len(lines) else ("", "", "")
        lines[line:line + 1] = [f"{key}{sep}{text}" if sep else text]
        path.write_text("\n".join(lines), "utf-8")
        return
    try:
        record = yaml.safe_load(path.read_text("utf-8"))
    except (yaml.YAMLError, ValueError):
        return  # an earlier raw change broke the file
    loc, *rest = what
    parent = record
    try:
        for part in loc[:-1]:
            parent = parent[part]
        if how == "add":
            parent[rest[0]] = rest[1]
        elif how == "delete":
            del parent[loc[-1]]
        else:
            parent[loc[-1]] = rest[0]
    except (KeyError, IndexError, TypeError):
        return  # an earlier change removed the place
    path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), "utf-8")


def _corpus(tmp: Path, changes: list) -> Path:
    content = tmp / "content"
    shutil.copytree(MINI, content)
    for change in changes:
        _apply(content, change)
    return content


def _assert_clean(error: ContentError, content: Path) -> None:
    """Every problem is located in a content file and worded for a curator, on one line."""
    assert error.problems
    for problem in error.problems:
        line = str(problem)
        assert "\n" not in line and "\r" not in line
        assert problem.file.startswith(content.as_posix()) or problem.file.startswith("content/")
        assert problem.message
        assert "Input should" not in line and "Traceback" not in line, line
    assert error.report().endswith("nothing was built.")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mutation(), min_size=1, max_size=3))
def test_random_values_end_in_a_build_or_clean_messages(changes):
    """validate + render either succeed or raise ContentError with clean messages; never
    another exception."""
    with tempfile.TemporaryDirectory() as tmp:
        content = _corpus(Path(tmp), changes)
        try:
            pages = render(validate(content))
        except ContentError as error:
            _assert_clean(error, content)
        else:
            assert pages and all(isinstance(text, str) for text in pages.values())


TEXT_FIELDS = [(rel, loc) for rel in FILES for loc in _locations(DATA[rel])
               if loc[-1] in ("name", "title", "headline", "label", "value", "description",
                              "context", "location", "country")
               or (loc[-1] == "text" and not rel.startswith("sources/"))]


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(TEXT_FIELDS), st.text(min_size=1, max_size=40))
def test_briefing_build_with_random_text_builds_or_reports(field, text):
    """The full `briefing build` (MkDocs strict) on random text in a prose field: exit 0 with a
    site, or exit 1 with content messages; never a traceback or an internal error."""
    rel, loc = field
    with tempfile.TemporaryDirectory() as tmp:
        content = _corpus(Path(tmp), [(rel, "set", (loc, text))])
        site = Path(tmp) / "site"
        result = CliRunner().invoke(main, ["build", "-f", str(ROOT / "mkdocs.yml"), "--content",
                                           str(content), "-d", str(site)])
        assert result.exit_code in (0, 1), result.output
        if result.exit_code == 0:
            assert (site / "index.html").is_file()
        else:
            assert result.stderr.endswith("nothing was built.\n"), result.stderr
            assert not site.exists()


def test_the_strategies_reach_every_file_and_kind():
    """The mutations can touch every record file of the fixture, of every kind."""
    assert {rel.split("/")[0] for rel in FILES} == set(KINDS)
    assert all(_locations(DATA[rel]) for rel in FILES)


def test_a_datetime_value_is_a_clean_message(tmp_path):
    """One fixed example of a value YAML turns into a datetime, as a regression check."""
    content = _corpus(tmp_path, [("topics/trade.yaml", "set", (("name",), dt.datetime(2021, 1, 1)))])
    with pytest.raises(ContentError) as caught:
        validate(content)
    assert [(p.line, p.column, p.field, p.message) for p in caught.value.problems] == [
        (1, 7, "name", "expected text, but YAML read 2021-01-01 00:00:00 as a date: write it in "
                       "quotes, '2021-01-01 00:00:00'")]
