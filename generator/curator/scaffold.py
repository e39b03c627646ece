"""`briefing new KIND ID`: a record skeleton with every field documented inline.

The skeleton is generated from the typed model (`schema.field_shapes`), so it lists every field
with the documentation written once in `core/models/`. Required fields are left empty on purpose:
an empty value fails validation, so `briefing validate` names each field still to fill
(FILE:LINE:COLUMN: FIELD: MESSAGE) until the curator has filled it. Optional fields are written
empty (or with their default); optional lists of parts are written `[]` followed by a commented
entry to copy (in brief, its required keys, where the same part is documented above), and lists
of ids or texts `[]` followed by a commented example, so every list field shows how to fill it.
The first line points the YAML language server at the kind's JSON Schema.

Evidence is shown in the keyed form (core/citekeys.py): a source's `passages:` with a
commented passage to copy, and every citation, fact report and quote as the key of a passage
(`cites: [KEY]`, `- cite: KEY`), the fields a passage gives (source, words, attribution)
offered only as qualifiers of one use. The typed-out form is still read, but never drafted.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import PydanticUndefined

from ..core.citekeys import CITE, TYPED_OUT
from ..core.errors import BriefingError, ConfigError, did_you_mean, one_line, relative
from ..core.kinds import KIND_NAMES, KINDS
from ..core.models import Citation, Passage, Quote, id_problem
from ..core.models.fields import Day
from ..core.schema import FieldShape, field_shapes

WIDTH = 100
"""Comment lines are wrapped to this width."""

SCHEMA_LINE = "# yaml-language-server: $schema=../../schemas/{kind}.json"
"""First line of every scaffolded file: editors with the YAML language server validate and
complete the file against the kind's schema (content/<kind>/ is two folders below the root)."""

CALL_ID = re.compile(r"^(\d{4}-\d{2}-\d{2})-[a-z0-9]")
DATED = re.compile(r"^(\d{4}-\d{2}-\d{2})(?=-|$)")
"""An id that starts with a date, with or without a name after it."""


KEY = "KEY"
"""What a skeleton writes where a passage key goes."""
CITE_DOC = ("The key of a passage typed once on a source record (its `passages:`): the passage "
            "gives the words, the source and whom the source attributes them to; `attribution`, "
            "`speaker` or `as` beside `cite` qualify this one use where it differs. Value: a "
            "passage key, e.g. alpha-two-hours.")
QUOTE_DOC = " A quote with nothing beside its key is written as the bare key: `- alpha-we-want-peace`."
KEYS_HINT = ("Value: keys of passages on source records, [alpha-two-hours, beta-two-hours]; a use "
             "attributed otherwise than its passage is written `- cite: KEY` with `attribution`, "
             "`speaker` or `as` beside it.")
PASSAGE_KEY_DOC = ("KEY: this source's first id word and a few of the words (alpha-two-hours), "
                   "unique in the corpus; the value is the verbatim words, or a mapping:")


class ScaffoldError(BriefingError):
    """A record cannot be scaffolded: unknown kind, invalid id or existing file."""


def resolve_kind(word: str) -> str:
    """The content folder for a kind given as 'call', 'calls', 'Call'…; suggests on a typo."""
    folders = {name: folder for folder, name in KIND_NAMES.items()}
    folders.update({folder: folder for folder in KINDS})
    wanted = word.strip().lower()
    if wanted in folders:
        return folders[wanted]
    hint = did_you_mean(wanted, list(folders))
    raise ScaffoldError(f"unknown kind '{word}'; kinds are: "
                        + ", ".join(KIND_NAMES.values()) + hint)


def check_new_id(kind: str, record_id: str) -> None:
    """Refuse an id the loader would refuse, with the id it would accept."""
    wrong = id_problem(record_id, kind)
    if wrong:
        raise ScaffoldError(one_line(f"'{record_id}' {wrong}"))
    if kind == "calls":
        dated = DATED.match(record_id)
        if dated is None:
            raise ScaffoldError(f"a call's id starts with its date (YYYY-MM-DD-…): e.g. "
                                f"'{dt.date.today().isoformat()}-{record_id}'")
        day = _date(dated.group(1))
        if day is None:
            raise ScaffoldError(f"'{dated.group(1)}' is not a day of the calendar; a call's id "
                                "starts with the date of the call (YYYY-MM-DD-…)")
        wrong_day = day_problem(day)
        if wrong_day:
            raise ScaffoldError(f"'{record_id}': the call's date {wrong_day}")
        if CALL_ID.match(record_id) is None:
            raise ScaffoldError(f"a call's id is its date followed by a short name, e.g. "
                                f"'{day.isoformat()}-video-call' (lowercase letters, digits and "
                                "hyphens)")


def day_problem(day: dt.date) -> str | None:
    """Why `validate` would refuse `day` as a call's date (the model's own rule), or None."""
    try:
        TypeAdapter(Day).validate_python(day)
    except ValidationError as exc:
        return exc.errors()[0]["msg"]
    return None


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def new_record(content: Path, kind_word: str, record_id: str) -> Path:
    """Write content/<kind>/<id>.yaml with the documented skeleton; refuse to overwrite."""
    kind = resolve_kind(kind_word)
    check_new_id(kind, record_id)
    if not content.is_dir():
        raise ConfigError(f"content directory '{content}' does not exist; "
                          "run from the project root or pass --content")
    target = content / kind / f"{record_id}.yaml"
    if target.exists() or target.is_symlink():
        raise ScaffoldError(f"{relative(target)} already exists; edit it, or choose another id")
    values = {}
    if kind == "calls":
        values["date"] = record_id[:10]
    text = record_text(kind, values=values, header=[
        f"Scaffolded by 'briefing new {KIND_NAMES[kind]} {record_id}'. Every field is listed with "
        "what it means.",
        "REQUIRED fields are left empty: 'briefing validate' names each one (file:line: field) "
        "until it is filled.",
        "Optional fields may stay empty; a required field that may be unknown is written unknown: "
        "replace it if the sources say. Never guess. The file name is the record's id.",
        "An optional list of parts is written [] with a commented entry below it: to add one, "
        "delete the [] and uncomment the entry (copy it for more).",
    ])
    target.parent.mkdir(exist_ok=True)
    with target.open("x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(text)
    return target


def record_text(kind: str, values: dict[str, str] | None = None,
                notes: dict[str, list[str]] | None = None, header: Sequence[str] = (),
                footer: Sequence[str] = ()) -> str:
    """A whole record file: schema line, header comments, every field documented, footer.

    values maps a key to the YAML text of its value (already formatted with `scalar`);
    notes maps a key to comment lines written above it (why the value is what it is).
    """
    model = KINDS[kind]
    writer = _Writer()
    lines = [SCHEMA_LINE.format(kind=kind)]
    lines += _comment(model.__doc__ or "", 0)
    for paragraph in header:
        if paragraph.startswith("- "):  # a list item: its continuation lines under its text
            lines += _comment(paragraph[2:], 0, first="# - ", hang="#   ")
        else:
            lines += _comment(paragraph, 0)
    for shape in field_shapes(model):
        if shape.key == "id":
            continue
        lines.append("")
        lines += writer.top(shape, (values or {}).get(shape.key), (notes or {}).get(shape.key, []))
    if footer:
        lines.append("")
        lines += [("# " + line).rstrip() for line in footer]
    return "\n".join(lines) + "\n"


def _comment(text: str, indent: int, width: int = WIDTH, first: str = "",
             hang: str = "") -> list[str]:
    """`text` as comment lines indented by `indent`, wrapped to `width`; `first` and `hang`
    replace the prefix of the first and of the following lines (a list item's hanging indent)."""
    pad = " " * indent + "# "
    first, hang = first or pad, hang or pad
    return textwrap.wrap(" ".join(text.split()), width=max(40 + len(hang), width),
                         initial_indent=first, subsequent_indent=hang,
                         break_long_words=False, break_on_hyphens=False) or [first.rstrip()]


def describe(shape: FieldShape) -> str:
    """The comment documenting a field: REQUIRED or Optional, its meaning, how to write it."""
    if shape.required:
        label = "REQUIRED, at least one." if shape.min_items else "REQUIRED."
    else:
        label = "Optional."
    parts = [label, shape.doc]
    if shape.hint:
        parts.append(f"Value: {shape.hint}.")
    return " ".join(p for p in parts if p)


_SAFE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader when PyYAML has it: `scalar` reads back every value of a draft, and
the pure-Python reader made that most of the time of ingesting an article of many quotes."""


def scalar(value: Any) -> str:
    """A value as YAML text that reads back as exactly that value (plain when safe, else
    double-quoted)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, (int, dt.date)):
        return str(value) if not isinstance(value, dt.date) else value.isoformat()
    text = str(value)
    try:
        plain_ok = ("#" not in text and "\n" not in text and text == text.strip()
                    and yaml.load(text, Loader=_SAFE_LOADER) == text)
    except yaml.YAMLError:
        plain_ok = False
    return text if plain_ok else json.dumps(text, ensure_ascii=False)


def _default(shape: FieldShape) -> str:
    """What an unfilled field is written as: empty (validate reports it if required), [],
    its default, or unknown for a required field that may be unknown (empty would read as
    unknown too, silently)."""
    if shape.many:
        return "[]"
    default = shape.default
    if default is PydanticUndefined and shape.scalar == "unknowable":
        return "unknown"
    if default is PydanticUndefined or default is None:
        return ""
    return scalar(getattr(default, "value", default))


class _Writer:
    """Renders fields, remembering which parts (citation, quote…) it has documented already."""

    def __init__(self) -> None:
        self.documented: dict[type[BaseModel], str] = {}
        """Part class -> the key under which its fields were first documented."""
        self.commenting = 0
        """How many commented blocks the entry being written lies in."""

    def top(self, shape: FieldShape, value: str | None, notes: list[str]) -> list[str]:
        """A top-level field: its documentation above it, then the key and its value."""
        lines = _comment(describe(shape), 0)
        for note in notes:  # wrapped, keeping a note's own indentation
            pad = " " * (len(note) - len(note.lstrip()))
            lines += _comment(note, 0, first=f"# {pad}", hang=f"# {pad}  ")
        if isinstance(shape.default, dict) and value is None:  # passages: keyed parts
            return lines + [f"{shape.key}: {{}}"] + self.passages(2)
        if value is not None and value.startswith("\n"):  # a block drafted whole
            return lines + [f"{shape.key}:"] + value[1:].split("\n")
        if shape.model is None or value is not None:
            written = [f"{shape.key}: {value if value is not None else _default(shape)}".rstrip()]
            if value is None and shape.many and shape.model is None:
                written.append(f"# e.g. {shape.key}: {_list_example(shape)}")
            return lines + written
        return lines + self._parts(shape, 0, shape.key)

    def _parts(self, shape: FieldShape, indent: int, where: str) -> list[str]:
        """A field holding parts, at `indent`: a live entry when required, else [] followed by
        a commented entry (only the first time that kind of part appears in the file)."""
        assert shape.model is not None
        if shape.model is Citation and shape.many:  # cited by key: a flow list of keys
            return self._keys(shape, indent, where)
        if not shape.many:
            return [f"{shape.key}:"] + self.entry(shape.model, indent + 2, where, dash=False)
        if shape.required:
            return [f"{shape.key}:"] + self.entry(shape.model, indent + 2, where)
        self.commenting += 1
        block = self.entry(shape.model, indent + 2, where)  # brief when documented above
        self.commenting -= 1
        column = indent + 2
        return [f"{shape.key}: []"] + [line[:column] + "# " + line[column:] for line in block]

    def entry(self, model: type[BaseModel], indent: int, where: str,
              dash: bool = True) -> list[str]:
        """One entry of a list of parts (or one nested part) with trailing aligned comments;
        a part documented earlier in the file is marked REQUIRED where needed, not explained
        again."""
        brief = model in self.documented
        self.documented.setdefault(model, where)
        rows: list[tuple[str, str, list[str]]] = []
        """(line without comment, comment, lines nested below it)"""
        shapes = _keyed(model)
        for index, shape in enumerate(shapes):
            lead = " " * indent + ("- " if dash and index == 0 else "  " if dash else "")
            comment = ("REQUIRED." if shape.required else "") if brief else describe(shape)
            if shape.model is None:
                rows.append((f"{lead}{shape.key}: {_default(shape)}".rstrip(), comment, []))
                continue
            first_seen = self.documented.get(shape.model)
            if shape.model is Citation and shape.many and not brief:
                comment += " " + KEYS_HINT
            if shape.many and first_seen is not None and not brief:
                comment += f" Entries as under '{first_seen}' above."
            nested = self._parts(shape, len(lead), f"{where}[].{shape.key}")
            rows.append((lead + nested[0], comment, nested[1:]))
        column = min(max(len(row[0]) for row in rows) + 2, 60)
        lines = []
        for text, comment, nested in rows:
            if not comment:
                lines.append(text)
                lines += nested
                continue
            wrapped = _comment(comment, 0, WIDTH - max(column, len(text) + 1))
            lines.append(f"{text.ljust(column)}{wrapped[0]}")
            lines += [" " * max(column, len(text) + 1) + more for more in wrapped[1:]]
            lines += nested
        return lines


    def _keys(self, shape: FieldShape, indent: int, where: str) -> list[str]:
        """A list of citations: `[KEY]` in a commented entry, `[]` in a live one (validate
        reports it until it holds a key, where one is required)."""
        self.documented.setdefault(Citation, where)
        return [f"{shape.key}: {f'[{KEY}]' if self.commenting else '[]'}"]

    def passages(self, indent: int) -> list[str]:
        """A commented passage to copy under `passages: {}`: its key, then its fields."""
        lead = " " * indent
        lines = _comment(PASSAGE_KEY_DOC, indent)
        lines.append(f"{lead}# {KEY}: \"the words, verbatim\"")
        lines.append(f"{lead}# {KEY}:")
        block = self.entry(Passage, indent + 2, "passages", dash=False)
        return lines + [line[:indent] + "# " + line[indent:] for line in block]


GIVEN_BY_PASSAGE = {"attribution", "speaker", "as_", "speaker_as", "speaker_org"}
"""Fields of a citation or quote that its passage gives, written beside `cite` only to qualify
one use: the skeleton leaves them out (an empty one would undo the passage's)."""


def _keyed(model: type[BaseModel]) -> list[FieldShape]:
    """The fields a curator writes for a part: for a citation, fact report or quote, `cite`
    (the passage key) in place of the fields the passage gives, then its own fields."""
    shapes = [s for s in field_shapes(model) if s.key != "id"]
    if model not in TYPED_OUT:
        return shapes
    typed = TYPED_OUT[model]
    doc = CITE_DOC + (QUOTE_DOC if model is Quote else "")
    cite = dataclasses.replace(shapes[0], name=CITE, key=CITE, doc=doc, required=True, ref=None,
                               scalar="", default=PydanticUndefined)
    return [cite, *(s for s in shapes if s.key not in typed and s.name not in GIVEN_BY_PASSAGE)]


def _list_example(shape: FieldShape) -> str:
    """An example value for a list of ids or texts, so that no list field is left without one."""
    if shape.ref:
        return f"[<an id from content/{shape.ref}/>, <another>]"
    if shape.scalar == "id":
        return "[first-key, second-key]"
    return '["first", "second"]'


def required_keys(kind: str) -> tuple[list[str], list[str]]:
    """The dotted required fields of a fresh scaffold: those left empty (validate reports each
    until it is filled) and those written unknown (to replace if the sources say)."""
    empty: list[str] = []
    unknown: list[str] = []
    for key, shape in _required(KINDS[kind], ""):
        if kind == "calls" and key == "date":
            continue  # taken from the id
        (unknown if shape.scalar == "unknowable" else empty).append(key)
    return empty, unknown


def _required(model: type[BaseModel], prefix: str) -> list[tuple[str, FieldShape]]:
    found = []
    for shape in field_shapes(model):
        if not shape.required:
            continue
        key = f"{prefix}{shape.key}"
        if shape.model is not None and not (shape.model is Citation and shape.many):
            inner = f"{key}[0]." if shape.many else f"{key}."
            found += _required(shape.model, inner)
        else:
            found.append((key, shape))
    return found
