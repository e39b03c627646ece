"""Stage 1: load every record file under `content/` into typed records, collecting all problems."""

from __future__ import annotations

import datetime as dt
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pydantic

from .errors import ConfigError, Problem, did_you_mean, relative
from .models import ID_RE, KIND_NAMES, KINDS, Record
from .yamlfile import KEY, Loc, Located, YamlProblem, dotted, read_yaml


@dataclass
class Loaded:
    """One record with where it came from."""

    kind: str
    """The content folder: calls, actors, …"""
    id: str
    path: Path
    record: Any
    located: Located

    def problem(self, loc: Loc, message: str, root: Path | None = None) -> Problem:
        """A Problem pointing at loc inside this record's file."""
        where = self.located.where(loc)
        return Problem(relative(self.path, root), where.line if where else 0,
                       where.column if where else 0, dotted(loc), message)


@dataclass
class Corpus:
    """Every record, by kind then id, and the verbatim texts of the sources."""

    root: Path
    """The content directory."""
    records: dict[str, dict[str, Loaded]] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    """Source id -> verbatim text."""
    invalid: dict[str, set[str]] = field(default_factory=dict)
    """Kind -> ids of files that exist but failed validation (already reported), so references
    to them are not reported again as unknown."""

    def get(self, kind: str, id: str) -> Any:
        return self.records[kind][id].record

    def all(self, kind: str) -> list[Any]:
        """Records of one kind, sorted by id (output must not depend on directory order)."""
        return [self.records[kind][i].record for i in sorted(self.records[kind])]

    def loaded(self, kind: str) -> list[Loaded]:
        return [self.records[kind][i] for i in sorted(self.records[kind])]


def load_corpus(content: Path) -> tuple[Corpus, list[Problem]]:
    """Read and validate every record; return what loaded and every problem found."""
    if not content.exists():
        raise ConfigError(f"content directory '{content}' does not exist; "
                          "run from the project root or pass --content")
    if not content.is_dir():
        raise ConfigError(f"content path '{content}' is not a directory")
    root = content.resolve()
    corpus = Corpus(root=content)
    problems: list[Problem] = []
    for kind in KINDS:
        corpus.records[kind] = {}
    for entry in sorted(content.iterdir()):
        if entry.name.startswith(".") or entry.name == "texts":
            continue
        if entry.name not in KINDS:
            hint = did_you_mean(entry.name, set(KINDS))
            problems.append(Problem(relative(entry), 0, 0, "",
                                    f"unknown content folder '{entry.name}'{hint}; "
                                    f"expected one of: {', '.join(KINDS)}"))
    for kind in KINDS:
        folder = content / kind
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            found = _load_file(corpus, kind, path, root)
            if found:
                corpus.invalid.setdefault(kind, set()).add(path.stem)
            problems.extend(found)
    return corpus, problems


def _load_file(corpus: Corpus, kind: str, path: Path, root: Path) -> list[Problem]:
    shown = relative(path)
    if path.name.startswith("."):
        return []
    if path.suffix in (".yml", ".json") or (path.suffix != ".yaml" and not path.is_dir()):
        return [Problem(shown, 0, 0, "", f"not a record file: records are '<id>.yaml' files "
                                         f"(rename it to '{path.stem}.yaml' or move it out of content/)")]
    if path.is_dir():
        return [Problem(shown, 0, 0, "", "unexpected folder: records live directly in "
                                         f"content/{kind}/")]
    if path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(root):
            return [Problem(shown, 0, 0, "", f"symlink points outside content/ (to '{target}'); "
                                             "copy the file in instead")]
    stem = path.stem
    if not ID_RE.match(stem):
        return [Problem(shown, 0, 0, "", f"file name '{path.name}' is not a valid id: use lowercase "
                                         f"letters, digits and single hyphens, e.g. "
                                         f"'{_suggest_id(stem)}.yaml'")]
    try:
        located = read_yaml(path)
    except YamlProblem as exc:
        return [Problem(shown, exc.line, exc.column, exc.field, exc.message)]
    except OSError as exc:
        return [Problem(shown, 0, 0, "", f"cannot read file: {exc.strerror}")]
    model = KINDS[kind]
    try:
        record = model.model_validate(located.data)
    except pydantic.ValidationError as exc:
        return [_pydantic_problem(shown, located, model, error) for error in exc.errors()]
    problems = []
    if record.id is not None and record.id != stem:
        where = located.where(("id",))
        problems.append(Problem(shown, where.line, where.column, "id",
                                f"id '{record.id}' does not match the file name; "
                                f"rename the file to '{record.id}.yaml' or set id: {stem}"))
    if kind == "calls" and not stem.startswith(record.date.isoformat() + "-"):
        where = located.where(("date",))
        problems.append(Problem(shown, where.line, where.column, "date",
                                f"a call's id starts with its date: expected "
                                f"'{record.date.isoformat()}-…', got '{stem}'"))
    if not problems:
        corpus.records[kind][stem] = Loaded(kind, stem, path, record, located)
    return problems


def _suggest_id(stem: str) -> str:
    import re

    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    return slug or "my-record"


def _pydantic_problem(shown: str, located: Located, model: type, error: dict) -> Problem:
    loc = tuple(error["loc"])
    # Pydantic appends validator names to the location of union/constrained types; drop them.
    loc = tuple(p for p in loc if isinstance(p, int) or not p.startswith(("function-", "constrained-")))
    where = located.where(loc + (KEY,)) if error["type"] == "extra_forbidden" else located.where(loc)
    message = _explain(error, located, loc, model)
    return Problem(shown, where.line if where else 0, where.column if where else 0, dotted(loc), message)


def _explain(error: dict, located: Located, loc: Loc, model: type) -> str:
    kind = error["type"]
    given = error.get("input")
    scalar = located.positions.get(loc)
    raw = scalar.text if scalar else None
    if kind == "missing":
        return f"required field is missing ({_describe(model, loc)})"
    if kind == "extra_forbidden":
        known = _fields_at(model, loc[:-1])
        hint = did_you_mean(str(loc[-1]), known) if known else ""
        return f"unknown field '{loc[-1]}'{hint or '; allowed: ' + ', '.join(sorted(known))}"
    hint = _yaml_trap(given, raw, scalar, error)
    base = error["msg"]
    if kind == "string_pattern_mismatch":
        pattern = error.get("ctx", {}).get("pattern", "")
        if "[01][0-9]" in pattern:
            base = f"'{given}' is not a time; write 24-hour time in quotes, e.g. '15:35'"
        elif "[0-9]{4}" in pattern:
            base = f"'{given}' is not a date; write 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' in quotes"
        elif "https?" in pattern:
            base = (f"'{given}' is not a usable URL: write the full http:// or https:// address "
                    "(without spaces, quotes, brackets or parentheses), or unknown")
        elif "texts/" in pattern:
            base = f"'{given}' is not a text path; write 'texts/<file>.txt' (relative to content/)"
        else:
            base = (f"'{given}' is not a valid id: use lowercase letters, digits and single "
                    f"hyphens (e.g. '{_suggest_id(str(given))}')")
    elif kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        base = f"'{given}' is not allowed; expected {expected}"
        choices = [c.strip(" '") for c in expected.replace(" or ", ",").split(",") if c.strip()]
        base += did_you_mean(str(given), choices)
    elif kind == "enum":
        expected = error.get("ctx", {}).get("expected", "")
        base = f"'{given}' is not allowed; expected {expected}"
        choices = [c.strip(" '") for c in expected.replace(" or ", ",").split(",") if c.strip()]
        base += did_you_mean(str(given), choices)
    elif kind == "too_short" and isinstance(given, list):
        base = "needs at least one entry"
    return base + hint


def _yaml_trap(given: Any, raw: str | None, scalar: Any, error: dict) -> str:
    """Explain values YAML converted behind the curator's back."""
    if scalar is None or scalar.quoted or raw is None:
        return ""
    if isinstance(given, bool):
        return f" (YAML read {raw} as {str(given).lower()}: write it in quotes, '{raw}')"
    if isinstance(given, int) and ":" in raw:
        return f" (YAML read {raw} as the number {given}: write times in quotes, '{raw}')"
    if isinstance(given, int) and raw.startswith("0") and raw != "0":
        return f" (YAML read {raw} as the number {given}: write it in quotes, '{raw}')"
    if isinstance(given, (dt.date, dt.datetime)) and error["type"].startswith("string"):
        return f" (YAML read {raw} as a date: write it in quotes, '{raw}')"
    if isinstance(given, (int, float)) and error["type"].startswith("string"):
        return f" (YAML read {raw} as a number: write it in quotes, '{raw}')"
    if given is None and error["type"] != "missing":
        return " (the value is empty)"
    return ""


def _model_at(model: Any, loc: Loc) -> Any:
    """The pydantic model class that holds the field at loc, or None."""
    current = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields:
            return None
        info = next((f for n, f in fields.items() if n == part or f.alias == part), None)
        if info is None:
            return None
        current = _unwrap(info.annotation)
    return current


def _unwrap(annotation: Any) -> Any:
    while True:
        args = typing.get_args(annotation)
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = args[0]
        elif args:
            models = [a for a in args if isinstance(a, type) and issubclass(a, pydantic.BaseModel)]
            if models:
                return models[0]
            return annotation
        else:
            return annotation


def _fields_at(model: Any, loc: Loc) -> set[str]:
    target = _model_at(model, loc)
    if target is None or not hasattr(target, "model_fields"):
        return set()
    return {info.alias or name for name, info in target.model_fields.items()}


def _describe(model: Any, loc: Loc) -> str:
    holder = _model_at(model, loc[:-1])
    info = getattr(holder, "model_fields", {}).get(str(loc[-1])) if holder else None
    doc = (info.description or "") if info else ""
    return doc.split("\n")[0].rstrip(".") if doc else f"'{loc[-1]}'"


def kind_name(kind: str) -> str:
    return KIND_NAMES[kind]


def record_class(kind: str) -> type[Record]:
    return KINDS[kind]
