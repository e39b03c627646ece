"""The content model described for editors and curators: JSON Schemas and field shapes.

`json_schema(kind)` is the JSON Schema of one record kind, generated from its class in
`core/models/` (so the meaning of each field is still written once, there). The schemas are
committed in `schemas/<kind>.json`; editors with the YAML language server use them to validate
and complete content files as curators type (`.vscode/settings.json` maps the folders to them;
`briefing schema` writes both).

`field_shapes(model)` says, for each field, what a curator must write there: whether it is
required, a list, a nested record part, a reference to another record, one of fixed choices, a
date… `scaffold` writes its documented skeletons from these shapes.
"""

from __future__ import annotations

import json
import typing
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema

from . import models
from .errors import BriefingError
from .kinds import KINDS
from .models import Ref

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
UNKNOWN = "unknown"


@dataclass(frozen=True)
class FieldShape:
    """What one field of a record class holds, in the terms a curator writes it."""

    name: str
    """The attribute name on the model (`as_`)."""
    key: str
    """The key as written in YAML (the alias when there is one: `as`)."""
    doc: str
    """The field's documentation from core/models/, on one line ('' when it has none)."""
    required: bool
    many: bool
    """A list of values."""
    min_items: int
    model: type[BaseModel] | None
    """The class of a nested part (a citation, a quote) or of the list's entries."""
    ref: str | None
    """The content folder an id refers to ('actors'), for reference fields."""
    choices: tuple[str, ...]
    """The allowed values of a fixed-choice field ('video', 'phone', 'in-person')."""
    scalar: str
    """What a scalar value is: text (prose that may hold [[links]]), plain, unknowable, id, ref,
    date, partial-date, time, url, text-path, bool, int, choice or model."""
    default: Any
    """The default value, PydanticUndefined when required."""

    @property
    def hint(self) -> str:
        """How to write the value, in words: 'an id from content/actors/', 'one of: a, b'."""
        return _HINTS.get(self.scalar, "").format(
            ref=self.ref, choices=", ".join(self.choices), plural="s" if self.many else "",
            an="" if self.many else "an ")


_HINTS = {
    "unknowable": "text, or unknown when the sources do not say",
    "text": "text; [[id]] links a record",
    "plain": "text",
    "id": "lowercase letters, digits and hyphens",
    "ref": "{an}id{plural} from content/{ref}/",
    "choice": "one of {choices}",
    "date": "a date, YYYY-MM-DD",
    "partial-date": "'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', in quotes",
    "time": "24-hour time in quotes, '15:35'",
    "url": "a full http(s) address, or unknown",
    "text-path": "texts/<file>.txt",
    "bool": "true or false",
    "int": "a whole number",
}


def field_shapes(model: type[BaseModel]) -> list[FieldShape]:
    """The shape of every field of `model`, in declaration order."""
    hints = typing.get_type_hints(model, include_extras=True)
    shapes = []
    for name, info in model.model_fields.items():
        found = _inspect(hints[name], info.metadata)
        min_items = next((getattr(m, "min_length", 0) or 0 for m in info.metadata
                          if hasattr(m, "min_length")), 0)
        doc = " ".join((info.description or "").split())
        shapes.append(FieldShape(
            name=name, key=info.alias or name, doc=doc, required=info.is_required(), many=found["many"],
            min_items=min_items if found["many"] else 0, model=found["model"], ref=found["ref"],
            choices=found["choices"], scalar=found["scalar"], default=info.default))
    return shapes


def _inspect(hint: Any, field_metadata: list[Any]) -> dict[str, Any]:
    """Walk one type annotation: Annotated metadata, unions, lists, literals, enums, models."""
    found: dict[str, Any] = {"many": False, "model": None, "ref": None, "choices": (),
                             "scalar": "plain", "unknowable": False, "prose": False,
                             "patterns": [m.pattern for m in field_metadata
                                          if getattr(m, "pattern", None)]}
    stack = [hint]
    while stack:
        hint = stack.pop()
        origin = typing.get_origin(hint)
        if origin is typing.Annotated:
            base, *meta = typing.get_args(hint)
            for item in meta:
                if isinstance(item, Ref):
                    found["ref"] = item.kind
                elif isinstance(item, models.Prose):
                    found["prose"] = True
                validator = getattr(item, "func", None)
                if validator is models._unknown_to_none:
                    found["unknowable"] = True
                for part in getattr(item, "metadata", [item]):
                    if getattr(part, "pattern", None):
                        found["patterns"].append(part.pattern)
            stack.append(base)
        elif origin is dict:
            break  # a mapping of keyed models (a source's passages): walked by its own code
        elif origin is list:
            found["many"] = True
            stack.extend(typing.get_args(hint))
        elif origin is typing.Literal:
            found["choices"] = tuple(str(a) for a in typing.get_args(hint))
        elif typing.get_args(hint):
            stack.extend(typing.get_args(hint))
        elif isinstance(hint, type) and issubclass(hint, Enum):
            found["choices"] = tuple(str(member.value) for member in hint)
        elif isinstance(hint, type) and issubclass(hint, BaseModel):
            found["model"] = hint
        elif hint in (bool, int):
            found["scalar"] = hint.__name__
        elif hint is models.dt.date:
            found["scalar"] = "date"
    found["scalar"] = _scalar_kind(found)
    return found


_PATTERN_KINDS = {models.TIME_PATTERN: "time", models.PARTIAL_DATE_PATTERN: "partial-date",
                  models.URL_PATTERN: "url", models.ID_PATTERN: "id"}


def _scalar_kind(found: dict[str, Any]) -> str:
    if found["model"] is not None:
        return "model"
    if found["choices"]:
        return "choice"
    if found["ref"]:
        return "ref"
    for pattern in found["patterns"]:
        if pattern in _PATTERN_KINDS:
            return _PATTERN_KINDS[pattern]
        if pattern.startswith("^texts/"):
            return "text-path"
    if found["scalar"] != "plain":
        return found["scalar"]
    if found["unknowable"]:
        return "unknowable"
    return "text" if found["prose"] else "plain"


# --- JSON Schema ----------------------------------------------------------------------------

class _Generator(GenerateJsonSchema):
    """Pydantic's generator, taught that `unknown` is accepted wherever the model turns it into
    "the sources do not say" (the before-validator the JSON Schema cannot see)."""

    def function_before_schema(self, schema: Any) -> Any:
        inner = super().function_before_schema(schema)
        if schema.get("function", {}).get("function") is not models._unknown_to_none:
            return inner
        unknown = {"const": UNKNOWN, "description": "the sources do not say"}
        return {"anyOf": [*inner.get("anyOf", [inner]), unknown]}


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of the records in content/<kind>/."""
    model = KINDS[kind]
    schema = model.model_json_schema(schema_generator=_Generator)
    _describe_refs(model, schema, schema.get("$defs", {}), set())
    _cite_keys(schema)
    optional = getattr(model, "MAY_COME_FROM_FACTS", ())
    if optional and "required" in schema:
        schema["required"] = [name for name in schema["required"] if name not in optional]
    return {"$schema": SCHEMA_DIALECT, "$id": f"{kind}.json", **schema}


_KEY = {"type": "string", "pattern": models.ID_PATTERN,
        "description": "The key of one of a source record's `passages` (core/citekeys.py)."}


def _or_key(node: Any, targets: set[str]) -> None:
    """Let every reference to a target definition be a key instead."""
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for at, value in list(items):
        if isinstance(value, dict) and value.get("$ref") in targets:
            node[at] = {"anyOf": [{"$ref": "#/$defs/CiteKey"}, value]}
        else:
            _or_key(value, targets)


def _cite_keys(schema: dict[str, Any]) -> None:
    """What the model reads before it types a record (citekeys.expand) and the JSON Schema of
    the typed model cannot say: a citation or quote given by key, alone or as `cite:` beside
    its own fields, and a passage given as its words alone."""
    defs = schema.get("$defs", {})
    for name, typed_out in (("Citation", ("source", "passage")), ("FactReport", ("source", "passage")),
                            ("Quote", ("source", "words"))):
        node = defs.get(name)
        if node is None:
            continue
        node["properties"] = {"cite": {**_KEY, "title": "Cite"}, **node["properties"]}
        required = [field for field in node.get("required", []) if field not in typed_out]
        node["anyOf"] = [{"required": ["cite"]}, {"required": list(typed_out)}]
        node["required"] = required
        if not required:
            del node["required"]
    defs["CiteKey"] = _KEY
    _or_key(schema, {"#/$defs/Citation", "#/$defs/Quote"})
    patterns = schema.get("properties", {}).get("passages", {}).get("patternProperties", {})
    for pattern, value in patterns.items():
        patterns[pattern] = {"anyOf": [
            {"type": "string", "minLength": 3, "description": "The passage's words."}, value]}


def _describe_refs(model: type[BaseModel], node: dict[str, Any], defs: dict[str, Any],
                   seen: set[type]) -> None:
    """Add 'how to write it' to every property's description: the JSON Schema of an id field
    cannot say which folder the id must exist in, nor a fixed choice what it means."""
    if model in seen:
        return
    seen.add(model)
    properties = node.get("properties", {})
    for shape in field_shapes(model):
        prop = properties.get(shape.key)
        if prop is None:
            continue
        if shape.hint and shape.scalar in ("ref", "partial-date", "time", "date", "unknowable"):
            prop["description"] = " ".join(filter(None, [prop.get("description", ""),
                                                         f"({shape.hint})"]))
        if shape.model is not None and shape.model.__name__ in defs:
            _describe_refs(shape.model, defs[shape.model.__name__], defs, seen)


def schema_text(kind: str) -> str:
    """The committed form of a schema: stable key order as generated, two-space indent."""
    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write schemas/<kind>.json for every kind; return the files whose bytes changed."""
    folder.mkdir(parents=True, exist_ok=True)
    changed = []
    for kind in KINDS:
        target = folder / f"{kind}.json"
        text = schema_text(kind)
        if not target.exists() or target.read_text("utf-8") != text:
            target.write_text(text, "utf-8")
            changed.append(target)
    settings = folder.parent / EDITOR_SETTINGS
    mapped = editor_settings(settings)
    if mapped is not None and settings.read_text("utf-8") != mapped:
        settings.write_text(mapped, "utf-8")
        changed.append(settings)
    return changed


EDITOR_SETTINGS = Path(".vscode") / "settings.json"
"""VS Code's settings beside schemas/: its YAML language server maps each content folder to its
kind's schema (a file that names its schema in its first line needs no mapping)."""


def editor_settings(path: Path) -> str | None:
    """The editor's settings with a mapping for every kind, the rest as they are; None when the
    project has no such file (nothing is created for an editor nobody uses)."""
    if not path.is_file():
        return None
    settings = json.loads(path.read_text("utf-8"))
    settings["yaml.schemas"] = {f"./schemas/{kind}.json": f"content/{kind}/*.yaml" for kind in KINDS}
    return json.dumps(settings, indent=2, ensure_ascii=False) + "\n"


class StaleSchemas(BriefingError):
    """The committed JSON Schemas do not match the models."""


def check_schemas(folder: Path) -> None:
    """Raise StaleSchemas naming every schema file that is missing, out of date or extra."""
    problems = []
    for kind in KINDS:
        target = folder / f"{kind}.json"
        if not target.exists():
            problems.append(f"{target.as_posix()} is missing")
        elif target.read_text("utf-8") != schema_text(kind):
            problems.append(f"{target.as_posix()} is out of date with the record classes in generator/core/models/")
    settings = folder.parent / EDITOR_SETTINGS
    wanted = editor_settings(settings)
    if wanted is not None and settings.read_text("utf-8") != wanted:
        problems.append(f"{settings.as_posix()} does not map every content folder to its schema")
    if folder.is_dir():
        for extra in sorted(folder.glob("*.json")):
            if extra.stem not in KINDS:
                problems.append(f"{extra.as_posix()} matches no record kind; remove it")
    if problems:
        raise StaleSchemas("; ".join(problems) + ". Run 'briefing schema' and commit the result.")
