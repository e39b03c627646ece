"""The data export: the verified corpus as JSON and CSV, at stable URLs (core/urls.py).

- `data/<kind>/<id>.json`: one record, as the content model holds it (models/), its id filled in;
  loading it back into the model gives the record the YAML gave (tests/test_export.py).
- `data/corpus.json`: every record, by kind, each list sorted by id.
- `data/schema.json`: the JSON Schema of corpus.json, generated from the models; a record file
  follows `#/$defs/<Class>` of it (`Call`, `Actor`, `Source`, `Organization`, `Topic`, `Event`).
- `data/claims.csv`, `data/citations.csv`, `data/quotes.csv`: one row per claim, per citation
  (the passage a claim, fact or role rests on) and per quote, each with the record and the
  place in it (`summary[2].cites[0]`) it comes from.

Text is as curated: prose may hold [[id]] and [[id|words]] links to other records. Quotes and
passages are the outlets' words.
"""

from __future__ import annotations

import csv
import functools
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from .graph import Graph, Key
from .memo import RecordMemo
from .models import KINDS, Citation, Claim, FactReport, Quote
from .record_walk import cited_with_owner, shapes
from .schema import SCHEMA_DIALECT, _Generator
from .urls import DATA_CORPUS, DATA_SCHEMA, DATA_TABLES, data_record_path
from .yamlfile import Loc, dotted

CLAIM_COLUMNS = ("kind", "record", "location", "text", "status", "timing", "sources")
CITATION_COLUMNS = ("kind", "record", "location", "statement", "source", "passage",
                    "attribution", "speaker", "as", "value")
QUOTE_COLUMNS = ("call", "location", "words", "source", "speaker", "speaker_as", "speaker_org",
                 "context", "remark", "timing", "topics")


def record_data(key: Key, record: BaseModel) -> dict[str, Any]:
    """One record as exported: every field (null where the sources do not say), with its id."""
    return record.model_copy(update={"id": key.id}).model_dump(mode="json", by_alias=True)


@dataclass(frozen=True)
class _Pieces:
    """What the export holds of one record, made from the record alone."""

    file: bytes
    """data/<kind>/<id>.json"""
    compact: str
    """Its entry in data/corpus.json."""
    tables: tuple[str, str, str]
    """Its rows of the claims, citations and quotes tables, as CSV: a save re-encodes only the
    rows of the records it changed (a CSV row's text depends on the row alone)."""


_PIECES: RecordMemo[_Pieces] = RecordMemo()
"""Per record object: `briefing serve` keeps unchanged records as the same objects, so a save
serializes only what it changed (core/memo.py)."""


def export(graph: Graph) -> dict[str, bytes]:
    """Every file of the export, by path in the site."""
    corpus = graph.corpus
    files: dict[str, bytes] = {}
    whole = ['{"$schema": "schema.json"']
    tables: tuple[list[str], ...] = ([], [], [])
    _PIECES.start()
    for kind in KINDS:
        records = []
        for id_ in sorted(corpus.records.get(kind, {})):
            key, record = Key(kind, id_), corpus.get(kind, id_)
            pieces = _PIECES.get(record, functools.partial(_pieces, key, record))
            records.append(pieces.compact)
            files[data_record_path(kind, id_)] = pieces.file
            for table, text in zip(tables, pieces.tables, strict=True):
                table.append(text)
        whole.append(f', "{kind}": [' + ", ".join(records) + "]")
    files[DATA_CORPUS] = ("".join(whole) + "}\n").encode("utf-8")
    files[DATA_SCHEMA] = _schema_file()
    for name, columns, rows in zip(("claims", "citations", "quotes"),
                                   (CLAIM_COLUMNS, CITATION_COLUMNS, QUOTE_COLUMNS), tables,
                                   strict=True):
        files[DATA_TABLES[name]] = (_csv([list(columns)]) + "".join(rows)).encode("utf-8")
    return files


def _pieces(key: Key, record: BaseModel) -> _Pieces:
    """The record's pieces, its JSON by pydantic's serializer (Python's json module, indenting,
    took half of the export's time: 6 s of 10 at 1,000 calls), from one copy of the record."""
    exported = record.model_copy(update={"id": key.id})
    rows = _rows(key, record)
    return _Pieces((exported.model_dump_json(by_alias=True, indent=2) + "\n").encode("utf-8"),
                   exported.model_dump_json(by_alias=True),
                   (_csv(rows[0]), _csv(rows[1]), _csv(rows[2])))


@functools.cache
def _schema_file() -> bytes:
    """data/schema.json: from the models alone, made once per process."""
    return _json(export_schema(), indent=2)


def export_schema() -> dict[str, Any]:
    """The JSON Schema of data/corpus.json, from the models (with `unknown` accepted where the
    model reads it as "the sources do not say", as in schemas/)."""
    _, top = models_json_schema([(cls, "validation") for cls in KINDS.values()],
                                schema_generator=_Generator, ref_template="#/$defs/{model}")
    properties: dict[str, Any] = {"$schema": {"type": "string"}}
    for kind, cls in KINDS.items():
        properties[kind] = {"type": "array", "items": {"$ref": f"#/$defs/{cls.__name__}"},
                            "description": f"Every record of content/{kind}/, sorted by id; "
                                           f"one record is data/{kind}/<id>.json."}
    return {"$schema": SCHEMA_DIALECT, "$id": "schema.json", "title": "The briefing's corpus",
            "description": "Every record of the briefing, as validated against its sources. "
                           "A record file data/<kind>/<id>.json follows #/$defs/<Class>.",
            "type": "object", "properties": properties, "required": list(KINDS),
            "additionalProperties": False, "$defs": top.get("$defs", {})}


def _rows(key: Key, record: BaseModel) -> tuple[list[list[str]], ...]:
    """The record's rows of the claims, citations and quotes tables."""
    kind, id_ = key.kind, key.id
    claims: list[list[str]] = []
    citations: list[list[str]] = []
    quotes: list[list[str]] = []
    for loc, claim in _claims(record, ()):
        sources = dict.fromkeys(c.source for c in claim.cites)
        claims.append([kind, id_, dotted(loc), claim.text, claim.status.value,
                       claim.timing.value if claim.timing else "", ";".join(sources)])
    for loc, model, owner in cited_with_owner(record, (), record):
        if isinstance(model, Quote):
            quotes.append([id_, dotted(loc), model.words, model.source, model.speaker or "",
                           model.speaker_as or "", model.speaker_org or "", model.context or "",
                           model.remark or "", model.timing.value if model.timing else "",
                           ";".join(model.topics)])
        elif isinstance(model, Citation):
            citations.append([kind, id_, dotted(loc), _statement(owner), model.source,
                              model.passage, model.attribution.value, model.speaker or "",
                              model.as_ or "",
                              model.value if isinstance(model, FactReport) else ""])
    return claims, citations, quotes


def _claims(model: BaseModel, loc: Loc) -> Iterator[tuple[Loc, Claim]]:
    """Every claim in a record (lead, summary, a side's demands, follow-ups…), depth first."""
    if isinstance(model, Claim):
        yield loc, model
    for shape in shapes(type(model)):
        if shape.model is None or shape.model is Citation:  # citations hold no claim
            continue
        value = getattr(model, shape.name)
        if value is None:
            continue
        if shape.many:
            for index, item in enumerate(value):
                yield from _claims(item, (*loc, shape.alias, index))
        else:
            yield from _claims(value, (*loc, shape.alias))


def _statement(owner: BaseModel) -> str:
    """What a citation backs, in the curator's words: a claim's text, a fact's or role's label."""
    for attribute in ("text", "label", "title", "reason", "location"):
        value = getattr(owner, attribute, None)
        if isinstance(value, str):
            return value
    return ""


def _json(data: Any, indent: int | None = None) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=indent) + "\n").encode("utf-8")


def _csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()
