"""Walking a record's fields by their type annotations: where each refers, which are prose, and
which models inside it cite a source."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from .models import Citation, Claim, Fact, FactReport, Participant, Quote, Relation, Role
from .schema import field_shapes
from .yamlfile import Loc


@dataclass(frozen=True)
class _FieldShape:
    """What linking needs to know of a field: where it refers and whether it is prose."""

    name: str
    alias: str
    ref: str | None
    prose: bool
    model: type[BaseModel] | None
    many: bool


_SHAPES: dict[type, list[_FieldShape]] = {}


def _shapes(cls: type[BaseModel]) -> list[_FieldShape]:
    """The fields of a model class, read once from its annotations (see schema.field_shapes)."""
    if cls not in _SHAPES:
        _SHAPES[cls] = [_FieldShape(f.name, f.key, f.ref, f.scalar == "text", f.model, f.many)
                        for f in field_shapes(cls)]
    return _SHAPES[cls]


def walk(obj: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, _FieldShape, Any, BaseModel]]:
    """Every (location, field shape, scalar value, owning model) in a record, depth first."""
    for shape in _shapes(type(obj)):
        value = getattr(obj, shape.name)
        if value is None:
            continue
        items = list(enumerate(value)) if shape.many else [(None, value)]
        for index, item in items:
            item_loc = loc + (shape.alias,) + ((index,) if index is not None else ())
            if shape.model is not None and isinstance(item, BaseModel):
                yield from walk(item, item_loc)
            else:
                yield item_loc, shape, item, obj


Cited = Citation | Quote | FactReport
"""What cites a source: each has `source` and its words (`passage`, or a quote's `words`)."""


def cited_models(obj: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, Cited]]:
    """Every Citation, Quote and FactReport inside a record."""
    for where, model, _ in cited_with_owner(obj, loc, obj):
        yield where, model


def cited_with_owner(obj: BaseModel, loc: Loc, owner: BaseModel) -> Iterator[tuple[Loc, Cited, BaseModel]]:
    """Every Citation, Quote and FactReport with the statement (claim, fact, role…) it backs."""
    if isinstance(obj, (Citation, Quote, FactReport)):
        yield loc, obj, owner
        return
    if isinstance(obj, (Claim, Fact, Role, Participant, Relation)):
        owner = obj
    for shape in _shapes(type(obj)):
        if shape.model is None:
            continue
        value = getattr(obj, shape.name)
        if value is None:
            continue
        items = list(enumerate(value)) if shape.many else [(None, value)]
        for index, item in items:
            yield from cited_with_owner(
                item, loc + (shape.alias,) + ((index,) if index is not None else ()), owner)
