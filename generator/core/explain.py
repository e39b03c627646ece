"""Pydantic's validation errors in a curator's words: what was expected, what was found (with
what YAML silently made of it), and the fix, at the position of the value."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import typing
from typing import Any

import pydantic

from .errors import Problem, did_you_mean
from .models import suggest_id
from .yamlfile import KEY, Loc, Located, dotted


def pydantic_problems(shown: str, located: Located, model: type, errors: list) -> list[Problem]:
    """One problem per error; a misspelt required field is reported once, as the misspelling."""
    missing = {tuple(e["loc"]) for e in errors if e["type"] == "missing"}
    covered = set()
    for error in errors:
        loc = tuple(error["loc"])
        if error["type"] == "extra_forbidden":
            known = _fields_at(model, loc[:-1])
            match = difflib.get_close_matches(str(loc[-1]), sorted(known), n=1, cutoff=0.6)
            if match and loc[:-1] + (match[0],) in missing:
                covered.add(loc[:-1] + (match[0],))
    return [_pydantic_problem(shown, located, model, error) for error in errors
            if not (error["type"] == "missing" and tuple(error["loc"]) in covered)]


def _pydantic_problem(shown: str, located: Located, model: type, error: dict) -> Problem:
    loc = tuple(error["loc"])
    # Pydantic appends validator names to the location of union/constrained types; drop them.
    loc = tuple(p for p in loc if isinstance(p, int) or not p.startswith(("function-", "constrained-")))
    where = located.where(loc + (KEY,)) if error["type"] == "extra_forbidden" else located.where(loc)
    message = _explain(error, located, loc, model)
    return Problem(shown, where.line if where else 0, where.column if where else 0, dotted(loc), message)


_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number", "int_parsing": "a whole number",
    "int_from_float": "a whole number", "int_parsing_size": "a whole number of sensible size",
    "finite_number": "a whole number",
    "float_type": "a number", "float_parsing": "a number",
    "bool_type": "true or false", "bool_parsing": "true or false",
    "date_type": "a date (YYYY-MM-DD)", "date_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_inexact": "a date without a time (YYYY-MM-DD)",
    "date_number": "a date (YYYY-MM-DD)",
    "list_type": "a list",
    "model_type": "a mapping of fields", "dict_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
}
"""Pydantic error type -> what the field expected, in a curator's words."""


RETIRED_FIELDS = {
    "scheduled": "'scheduled' is now 'status', as on claims: write 'status: planned' where the "
                 "source reports the event as arranged ('slated to meet'), 'status: expected' "
                 "where only as anticipated ('expected … in coming days'), or leave it out if "
                 "it happened",
}
"""Fields of earlier versions of the model -> what to write instead, so that a file in the old
form is told how to change rather than that the field is unknown."""


def _explain(error: dict, located: Located, loc: Loc, model: type) -> str:
    """Turn one pydantic error into plain words: what was expected, what was found, the fix."""
    kind = error["type"]
    given = error.get("input")
    ctx = error.get("ctx", {})
    scalar = located.positions.get(loc)
    raw = scalar.text if scalar and not isinstance(given, (list, dict)) else None
    shown = raw if raw is not None else str(given)
    if kind == "missing":
        doc = _describe(model, loc)
        return f"required field is missing; add '{loc[-1]}:'" + (f" ({doc})" if doc else "")
    if kind == "extra_forbidden":
        if loc[-1] in RETIRED_FIELDS:
            return RETIRED_FIELDS[str(loc[-1])]
        known = _fields_at(model, loc[:-1])
        hint = did_you_mean(str(loc[-1]), known) if known else ""
        if not hint:
            return f"unknown field '{loc[-1]}'; allowed: {', '.join(sorted(known))}"
        required = _required_at(model, loc[:-1])
        wanted = hint.split("'")[1]
        present = located.positions.get(loc[:-1] + (wanted,))
        note = f" ('{wanted}' is required)" if wanted in required and present is None else ""
        return f"unknown field '{loc[-1]}'{hint}{note}"
    trap = _yaml_trap(given, raw, scalar, error)
    if kind in _EXPECTED:
        expected = _EXPECTED[kind]
        if kind in ("model_type", "dict_type", "model_attributes_type"):
            required = _required_at(model, loc)
            if required:
                expected += f" ({', '.join(required)} …, each on its own line as 'field: value')"
        base = f"expected {expected}, " + (f"but {trap}" if trap else
                                           f"got {_describe_value(given, raw)}")
        if kind == "list_type":
            base += "; write one entry per line, each starting with '- ', or [a, b] on one line"
        return base
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        if "[01][0-9]" in pattern:
            base = f"'{given}' is not a time; write 24-hour time in quotes, e.g. '15:35'"
        elif "[0-9]{4}" in pattern:
            base = f"'{given}' is not a date; write 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' in quotes"
        elif "https?" in pattern:
            base = (f"'{given}' is not a usable URL: write the full http:// or https:// address "
                    "(without spaces, quotes, brackets, parentheses or invisible characters), or unknown")
        elif "texts/" in pattern:
            base = f"'{given}' is not a text path; write 'texts/<file>.txt' (relative to content/)"
        else:
            base = (f"'{given}' is not a valid id: use lowercase letters, digits and single "
                    f"hyphens (e.g. '{suggest_id(str(given))}')")
    elif kind in ("literal_error", "enum"):
        expected = ctx.get("expected", "")
        if given is None or isinstance(given, (list, dict)):
            return f"expected {expected}, " + ("but the value is empty" if given is None else
                                               f"got {_describe_value(given, raw)}")
        base = f"'{shown}' is not allowed; expected {expected}"
        choices = [c.strip(" '") for c in expected.replace(" or ", ",").split(",") if c.strip()]
        base += did_you_mean(shown, choices)
    elif kind == "string_too_short":
        least = ctx.get("min_length", 1)
        base = ("must not be empty" if least <= 1 and not given else
                f"is too short ({len(given or '')} characters); write at least {least}")
    elif kind == "string_too_long":
        base = (f"is too long ({len(given or ''):,} characters); at most {ctx.get('max_length', 0):,} "
                "are allowed")
    elif kind == "too_short":
        base = "needs at least one entry"
    elif kind == "too_long":
        base = f"has too many entries; at most {ctx.get('max_length', 0):,} are allowed"
    elif kind in _BOUNDS:
        limit = next(iter(ctx.values()), "")
        base = f"must be {_BOUNDS[kind]} {limit}, got {shown}"
    elif kind in _OWN_WORDS:
        base = error["msg"]
    elif kind == "value_error":
        base = str(ctx.get("error", error["msg"]))
    else:
        base = f"invalid value {shown!r} ({error['msg']})"
    return base + (f" ({trap})" if trap else "")


_OWN_WORDS = {"blank", "impossible_date", "future_day", "ancient_day"}
"""Errors raised by the models' own validators, already in a curator's words."""

_BOUNDS = {"greater_than_equal": "at least", "greater_than": "more than",
           "less_than_equal": "at most", "less_than": "less than"}


def _describe_value(given: Any, raw: str | None) -> str:
    """What YAML handed over, in words: 'the text 'abc'', 'a list', 'an empty value'."""
    if given is None:
        return "an empty value"
    if isinstance(given, bool):
        read = str(given).lower()
        return read if not raw or raw.lower() == read else f"{raw} (which YAML reads as {read})"
    if isinstance(given, (int, float)):
        if raw and raw != str(given):
            return f"{raw} (which YAML reads as the number {given})"
        return f"the number {given}"
    if isinstance(given, dt.datetime):
        return f"the date and time {raw or given}"
    if isinstance(given, dt.date):
        return f"the date {raw or given}"
    if isinstance(given, list):
        return "a list"
    if isinstance(given, dict):
        return "a mapping of fields"
    text = str(given)
    return f"the text '{text if len(text) <= 60 else text[:57] + '...'}'"


def _yaml_trap(given: Any, raw: str | None, scalar: Any, error: dict) -> str:
    """Explain values YAML converted behind the curator's back."""
    if given is None and error["type"] != "missing":
        return "the value is empty"
    if scalar is None or scalar.quoted or raw is None or not error["type"].startswith("string"):
        return ""  # quoting only helps where text was expected
    if isinstance(given, bool):
        read = "a true/false value" if raw.lower() in ("true", "false") else str(given).lower()
        return f"YAML read {raw} as {read}: write it in quotes, '{raw}'"
    if isinstance(given, int) and ":" in raw:
        return f"YAML read {raw} as the number {given}: write times in quotes, '{raw}'"
    if isinstance(given, int) and raw.startswith("0") and raw != "0":
        return f"YAML read {raw} as the number {given}: write it in quotes, '{raw}'"
    if isinstance(given, (dt.date, dt.datetime)):
        return f"YAML read {raw} as a date: write it in quotes, '{raw}'"
    if isinstance(given, (int, float)):
        return f"YAML read {raw} as a number: write it in quotes, '{raw}'"
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


_FIRST_SENTENCE_END = re.compile(r"(?<=[a-z]{2}\.)\s+(?=[A-Z])")
"""A full stop after a word, then a capital: not the one in "p.m. ET"."""


def _describe(model: Any, loc: Loc) -> str:
    """The first sentence of a field's documentation, or ''."""
    holder = _model_at(model, loc[:-1])
    fields = getattr(holder, "model_fields", {}) if holder else {}
    info = next((f for n, f in fields.items() if loc[-1] in (n, f.alias)), None)
    doc = " ".join((info.description or "").split()) if info else ""
    return _FIRST_SENTENCE_END.split(doc, maxsplit=1)[0].rstrip(".") if doc else ""


def _required_at(model: Any, loc: Loc) -> list[str]:
    """The required fields of the mapping expected at loc."""
    target = _model_at(model, loc)
    fields = getattr(target, "model_fields", {}) if target else {}
    return [info.alias or name for name, info in fields.items() if info.is_required()]
