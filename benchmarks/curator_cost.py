"""What a new call costs a curator, in lines: the curated fixtures of tests/fixtures/curated/.

Each fixture is a content folder: the corpus a curator starts from (actors, organizations,
topics) and what they curated from the articles, the verbatim texts in texts/, the source
records and the call. A line counts when it is neither blank nor a comment (a trailing comment
is dropped first), in the source records and the call only. Three counts per file:

- lines: every line of the file as curated, as if typed from nothing;
- typed: the lines the curator typed or changed after `briefing ingest`: the text is ingested
  again into a scratch copy of the starting corpus (with the fixture's source id), and a line
  of the curated file that is a line of the draft (its live fields and passages, or its DRAFT
  CALL block uncommented) is kept from the draft, each draft line used once;
- typed-out: the same records in the form before cite-once, generated here: every key expanded
  to the citation or quote it stands for (core/citekeys.py, as the loader does) and dumped as
  block YAML, the source records without their passages.

    .venv/bin/python benchmarks/curator_cost.py

prints a row per file, a total per fixture, and a last line per fixture:

    curator-cost: short lines=… typed=… typed-out=… target=60

tests/test_curator_cost.py holds the fixtures to their targets with the same functions.
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
CURATED = ROOT / "tests" / "fixtures" / "curated"
TARGETS = {"short": 60, "three": 150}
"""The issue's targets: a 150-word article in at most 60 lines, a call from three articles of
about 900 words in all in at most 150."""
COUNTED = ("sources", "calls")
"""The folders a curator writes when a call comes in (the people and outlets are known)."""


def lines(text: str) -> list[str]:
    """The lines a curator writes: stripped, without a trailing comment, no blank or comment
    line. (A '#' inside a quoted passage is kept: only ' #' after the value starts a comment
    here, which no fixture passage holds.)"""
    out = []
    for line in text.splitlines():
        line = re.sub(r"\s+#\s.*$", "", line).strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


def draft_lines(text: str) -> list[str]:
    """The lines of an ingest draft a curator can keep: its live lines and its DRAFT CALL
    block, uncommented."""
    kept = lines(text)
    block = text.split("\n# DRAFT CALL", 1)[1].split("\n#\n", 1)[0] if "\n# DRAFT CALL" in text else ""
    for line in block.splitlines()[1:]:
        if line.startswith("# "):
            kept += lines(line[2:])
    return kept


@dataclass
class Cost:
    """The counts of one curated file."""

    path: str
    lines: int
    typed: int
    typed_out: int


@dataclass
class Fixture:
    name: str
    files: list[Cost] = field(default_factory=list)

    def total(self, what: str) -> int:
        return sum(getattr(cost, what) for cost in self.files)


def drafts(content: Path) -> Counter[str]:
    """Every line ingest drafts for the fixture's texts, ingested in turn (by the sources' order
    of ids) into a scratch copy of the corpus the curator started from."""
    from generator.curator.ingest import ingest

    found: Counter[str] = Counter()
    with tempfile.TemporaryDirectory(prefix="curator-cost-") as scratch:
        start = Path(scratch) / "content"
        shutil.copytree(content, start, ignore=shutil.ignore_patterns(*COUNTED, "texts"))
        for source in sorted((content / "sources").glob("*.yaml")):
            text = content / yaml.safe_load(source.read_text("utf-8"))["text"]
            draft = ingest(text, start, source_id=source.stem)
            assert draft.path is not None
            found.update(draft_lines(draft.path.read_text("utf-8")))
    return found


def typed_out(content: Path) -> dict[Path, str]:
    """Each counted file as it reads with every key typed out (the form before cite-once)."""
    from generator.core.citekeys import expand, passage_entries
    from generator.core.models import KINDS

    index = {}
    for source in sorted((content / "sources").glob("*.yaml")):
        index.update(passage_entries(source.stem, yaml.safe_load(source.read_text("utf-8"))))
    out = {}
    for kind in COUNTED:
        for path in sorted((content / kind).glob("*.yaml")):
            data = yaml.safe_load(path.read_text("utf-8"))
            if kind == "sources":
                data.pop("passages", None)
            else:
                data = expand(KINDS[kind], data, index).data
            out[path] = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                                  width=100_000)
    return out


class _Dumper(yaml.SafeDumper):
    """Block YAML as curators write it: lists of plain values in flow style ([a, b])."""


def _list(dumper: yaml.SafeDumper, value: list) -> Any:
    flow = all(not isinstance(item, (dict, list)) for item in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_Dumper.add_representer(list, _list)


def measure(name: str) -> Fixture:
    content = CURATED / name / "content"
    drafted = drafts(content)
    expanded = typed_out(content)
    fixture = Fixture(name)
    for kind in COUNTED:
        for path in sorted((content / kind).glob("*.yaml")):
            written = lines(path.read_text("utf-8"))
            typed = 0
            for line in written:
                if drafted[line] > 0:
                    drafted[line] -= 1
                else:
                    typed += 1
            fixture.files.append(Cost(f"{kind}/{path.name}", len(written), typed,
                                      len(lines(expanded[path]))))
    return fixture


def main() -> int:
    sys.path.insert(0, str(ROOT))
    for name, target in TARGETS.items():
        fixture = measure(name)
        print(f"{name}: {'file':60} {'lines':>5} {'typed':>5} {'typed-out':>9}")
        for cost in fixture.files:
            print(f"  {cost.path:64} {cost.lines:>5} {cost.typed:>5} {cost.typed_out:>9}")
        print(f"  {'in all':64} {fixture.total('lines'):>5} {fixture.total('typed'):>5} "
              f"{fixture.total('typed_out'):>9}")
        print(f"curator-cost: {name} lines={fixture.total('lines')} typed={fixture.total('typed')} "
              f"typed-out={fixture.total('typed_out')} target={target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
