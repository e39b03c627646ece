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


def shapes(cls: type[BaseModel]) -> list[_FieldShape]:
    """The fields of a model class, read once from its annotations (see schema.field_shapes)."""
    if cls not in _SHAPES:
        _SHAPES[cls] = [_FieldShape(f.name, f.key, f.ref, f.scalar == "text", f.model, f.many)
                        for f in field_shapes(cls)]
    return _SHAPES[cls]


def walk(obj: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, _FieldShape, Any, BaseModel]]:
    """Every (location, field shape, scalar value, owning model) in a record, depth first."""
    for shape in shapes(type(obj)):
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


def duplicate_references(obj: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, Loc, str]]:
    """(location, location of the first, id) of every reference a list of references repeats, in
    any list of a record whose items are ids of records (read from the models' annotations, so
    a new list of references is covered without naming it). Only the fields that hold such a
    list, or a model that does, are walked: every record is checked on every load."""
    lists, models = _reference_lists(type(obj))
    for shape in lists:
        first: dict[str, int] = {}
        for index, value in enumerate(getattr(obj, shape.name) or ()):
            seen = first.setdefault(value, index)
            if seen != index:
                yield loc + (shape.alias, index), loc + (shape.alias, seen), value
    for shape in models:
        value = getattr(obj, shape.name)
        items: list[tuple[Loc, Any]] = ([((shape.alias, i), item) for i, item in enumerate(value)]
                                        if shape.many else [((shape.alias,), value)])
        for where, item in items:
            if isinstance(item, BaseModel):
                yield from duplicate_references(item, loc + where)


_LISTS: dict[type, tuple[list[_FieldShape], list[_FieldShape]]] = {}


def _reference_lists(cls: type[BaseModel]) -> tuple[list[_FieldShape], list[_FieldShape]]:
    """(the fields of cls that are lists of references, its model fields that hold some)."""
    if cls not in _LISTS:
        _LISTS[cls] = ([], [])  # a model that holds itself ends here
        lists = [s for s in shapes(cls) if s.ref is not None and s.many]
        models = [s for s in shapes(cls) if s.model is not None
                  and any(_reference_lists(s.model))]
        _LISTS[cls] = (lists, models)
    return _LISTS[cls]


def walk_raw(model: type[BaseModel], data: Any, loc: Loc = ()) -> Iterator[tuple[Loc, _FieldShape, Any]]:
    """Every (location, field shape, scalar) of raw, unvalidated data (a file that failed
    validation) standing where `model` has a field; values of the wrong shape are skipped (their
    type error is reported already)."""
    for _, shape, value, item_loc in raw_fields(model, data, loc):
        if shape.model is not None:
            yield from walk_raw(shape.model, value, item_loc)
        elif value is not None and not isinstance(value, (dict, list)):
            yield item_loc, shape, value


def cited_raw(model: type[BaseModel], data: Any, loc: Loc = ()) -> Iterator[tuple[Loc, type, dict]]:
    """Every mapping of raw data standing where `model` has a Citation, Quote or FactReport."""
    for _, shape, value, item_loc in raw_fields(model, data, loc):
        if shape.model in (Citation, Quote, FactReport) and isinstance(value, dict):
            yield item_loc, shape.model, value
        elif shape.model is not None:
            yield from cited_raw(shape.model, value, item_loc)


def raw_fields(model: type[BaseModel], data: Any, loc: Loc) -> Iterator[tuple[str, _FieldShape, Any, Loc]]:
    if not isinstance(data, dict):
        return
    for shape in shapes(model):
        if shape.alias not in data:
            continue
        value = data[shape.alias]
        if shape.many:
            if isinstance(value, list):
                for index, item in enumerate(value):
                    yield shape.alias, shape, item, loc + (shape.alias, index)
        else:
            yield shape.alias, shape, value, loc + (shape.alias,)


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
    for shape in shapes(type(obj)):
        if shape.model is None:
            continue
        value = getattr(obj, shape.name)
        if value is None:
            continue
        items = list(enumerate(value)) if shape.many else [(None, value)]
        for index, item in items:
            yield from cited_with_owner(
                item, loc + (shape.alias,) + ((index,) if index is not None else ()), owner)
