"""Reading one YAML record file safely, keeping where each value stood.

PyYAML's SafeLoader is extended to refuse what a content file never needs and what makes YAML
dangerous or misleading: duplicate keys (the second silently wins), anchors and aliases (the
"billion laughs" bomb), and non-string keys.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from .text_file import utf16
from .yaml_syntax import syntax_problem

_CParser: Any = getattr(yaml.cyaml, "CParser", None) if yaml.__with_libyaml__ else None
"""libyaml's C parser (which `yaml` itself does not re-export: reading `yaml.CParser` gave None
and every file went through the pure-Python reader, 5 times slower); None when PyYAML was built
without libyaml (the pure-Python reader then does everything)."""

MAX_FILE_BYTES = 2_000_000
MAX_DEPTH = 40
"""How deep mappings and lists may nest; records need fewer than ten levels."""

UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufeff\ufffe\uffff]")
"""Characters no text needs; double-quoted YAML can still write them as escapes ("\\x01")."""

PLAIN_INT = re.compile(r"-?(0|[1-9][0-9]*)")
"""The one way to write a whole number: YAML also reads 050 (octal 40), 0x32, 0b110010, 5_0,
+50 and 1:30 (sexagesimal 90) as numbers, which a curator never means."""
OCTAL = re.compile(r"[-+]?0[0-7_]+")

_SEPARATORS = {"\x85": "U+0085 (next line)", "\u2028": "U+2028 (line separator)",
               "\u2029": "U+2029 (paragraph separator)"}
_SEPARATOR = re.compile("[\x85\u2028\u2029]")

TIMESTAMP = "tag:yaml.org,2002:timestamp"
INT = "tag:yaml.org,2002:int"
STR = "tag:yaml.org,2002:str"
ALLOWED_TAGS = {f"tag:yaml.org,2002:{name}" for name in
                ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}
"""What a content value may be. Explicit tags such as !!binary, !!set or !!python/… are refused."""

Loc = tuple[str | int, ...]

KEY = "<key>"
"""Last element of a location that means the key of a mapping entry, not its value."""


@dataclass
class Scalar:
    line: int
    column: int
    text: str
    """The scalar exactly as written, to explain YAML's surprising conversions."""
    quoted: bool


@dataclass
class Located:
    """A parsed document with the position of every mapping value and sequence item."""

    data: Any
    positions: dict[Loc, Scalar] = field(default_factory=dict)
    odd_numbers: dict[Loc, str] = field(default_factory=dict)
    """Where a whole number is written other than in plain decimal digits -> the explanation."""

    def line_column(self, loc: Loc) -> tuple[int, int]:
        """Where loc (or its closest enclosing value) starts; (0, 0) when the file has no such
        value (a message then names the file and field only)."""
        where = self.where(loc)
        return (where.line, where.column) if where else (0, 0)

    def where(self, loc: Loc) -> Scalar | None:
        """The position of loc or of its closest enclosing value."""
        loc = tuple(loc)
        while True:
            if loc in self.positions:
                return self.positions[loc]
            if not loc:
                return None
            loc = loc[:-1]


class YamlProblem(Exception):
    def __init__(self, message: str, line: int = 0, column: int = 0, field: str = ""):
        super().__init__(message)
        self.message, self.line, self.column, self.field = message, line, column, field


class _Loader(yaml.SafeLoader):
    depth = 0
    locations: dict[int, Loc] = {}
    """id(node) -> where the node stands in the record, for construction errors."""
    odd_numbers: dict[Loc, str] = {}

    def compose_node(self, parent, index):  # noqa: ANN001 - PyYAML's signature
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise YamlProblem(
                "YAML aliases (*name) are not allowed in content files; write the value out",
                event.start_mark.line + 1, event.start_mark.column + 1)
        event = self.peek_event()
        if getattr(event, "anchor", None):
            raise YamlProblem(
                f"YAML anchors (&{event.anchor}) are not allowed in content files; write the value out",
                event.start_mark.line + 1, event.start_mark.column + 1)
        if self.depth >= MAX_DEPTH:
            raise YamlProblem(f"values are nested more than {MAX_DEPTH} levels deep; no record "
                              "needs that many (check the brackets and indentation)",
                              event.start_mark.line + 1, event.start_mark.column + 1)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def construct_object(self, node, deep=False):  # noqa: ANN001 - PyYAML's signature
        """Give values YAML cannot convert (2021-13-45 read as a date) a position."""
        try:
            return super().construct_object(node, deep)
        except (ValueError, OverflowError) as exc:
            mark = node.start_mark
            if node.tag == TIMESTAMP:
                message = (f"'{node.value}' looks like a date but is not one ({exc}); write a real "
                           "date as YYYY-MM-DD, or put the value in quotes if it is text")
            else:
                message = f"YAML cannot read '{node.value}' ({exc}); put it in quotes if it is text"
            raise YamlProblem(message, mark.line + 1, mark.column + 1,
                              _dotted(self.locations.get(id(node), ()))) from None


class _FastLoader(_Loader):
    """_Loader fed with events by libyaml's C parser, several times faster than PyYAML's own
    scanner; composing (with the checks above), positions and construction stay the same."""

    def __init__(self, stream: str):  # noqa: D107 - PyYAML's loader protocol
        events = _CParser(stream)
        # PyYAML's loaders are mixins wired by attribute: the composer reads these three.
        self.check_event, self.peek_event, self.get_event = (  # type: ignore[method-assign]
            events.check_event, events.peek_event, events.get_event)
        self.dispose = events.dispose  # type: ignore[method-assign]
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)


_SHALLOW = 1_000
"""Lines plus brackets below which a document cannot nest deep enough to strain C recursion."""


def _read_fast(text: str) -> Located | None:
    """The record read with libyaml, or None on any problem at all: the pure-Python reader then
    reads the file again and reports the problem in its own words, with its own positions.

    A short file without '&' or '*' can hold no anchor, alias or deep nesting, so libyaml composes
    it entirely in C (the depth limit is checked after); otherwise only the events come from C.
    """
    if _CParser is None:
        return None
    whole = ("&" not in text and "*" not in text
             and text.count("\n") + text.count("[") + text.count("{") < _SHALLOW)
    loader: Any = None  # a CSafeLoader or a _FastLoader, given the walk's attributes below
    try:
        loader = yaml.CSafeLoader(text) if whole else _FastLoader(text)
        node = loader.get_single_node()
        if node is None:  # an empty file: the careful reader words it
            return None
        positions: dict[Loc, Scalar] = {}
        loader.locations, loader.odd_numbers = {}, {}
        data = _walk(node, (), positions, loader)
        if max(map(len, loader.locations.values())) >= MAX_DEPTH:
            return None
    except Exception:  # noqa: BLE001 - whatever it is, the careful reader words it
        return None
    finally:
        if loader is not None:
            loader.dispose()
    return Located(data, positions, loader.odd_numbers) if isinstance(data, dict) else None


def _walk(node: yaml.Node, loc: Loc, positions: dict[Loc, Scalar], loader: Any) -> Any:
    """Check a composed node and everything under it, note where each value stands, and build
    its Python value (text as is, other scalars by the loader's constructor) in the same pass."""
    mark = node.start_mark
    loader.locations[id(node)] = loc
    if node.tag not in ALLOWED_TAGS:
        raise YamlProblem(f"YAML tags ({node.tag.replace('tag:yaml.org,2002:', '!!')}) are not "
                          "allowed in content files; write plain text, numbers, lists and fields",
                          mark.line + 1, mark.column + 1, _dotted(loc))
    if isinstance(node, yaml.ScalarNode):
        text = node.value
        bad = UNPRINTABLE.search(text)
        if bad:
            what = ("a byte order mark (U+FEFF), an invisible character" if bad.group() == "\ufeff"
                    else f"the control character U+{ord(bad.group()):04X} (written as an escape)")
            raise YamlProblem(f"the value contains {what}; remove it", mark.line + 1,
                              mark.column + 1, _dotted(loc))
        positions[loc] = Scalar(mark.line + 1, mark.column + 1, text,
                                node.style in ("'", '"', "|", ">"))
        if node.tag == STR:
            return text
        value = loader.construct_object(node)
        if node.tag == INT and not PLAIN_INT.fullmatch(text):
            loader.odd_numbers[loc] = odd_number(text, value)
        return value
    positions[loc] = Scalar(mark.line + 1, mark.column + 1, "", False)
    if isinstance(node, yaml.MappingNode):
        mapping: dict[str, Any] = {}
        seen: dict[str, int] = {}
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode) or key.tag != STR:
                raise YamlProblem(_bad_key(key), key.start_mark.line + 1, key.start_mark.column + 1,
                                  _dotted(loc))
            name = key.value
            if name in seen:
                raise YamlProblem(
                    f"duplicate key '{name}' (first on line {seen[name]}); keep one",
                    key.start_mark.line + 1, key.start_mark.column + 1, _dotted(loc + (name,)))
            seen[name] = key.start_mark.line + 1
            mapping[name] = _walk(value, loc + (name,), positions, loader)
            # Where the key itself stands, for messages about the field rather than its value.
            positions[loc + (name, KEY)] = Scalar(key.start_mark.line + 1, key.start_mark.column + 1,
                                                  name, False)
        return mapping
    return [_walk(item, loc + (index,), positions, loader) for index, item in enumerate(node.value)]


def odd_number(text: str, value: int) -> str:
    """Why a whole number written as text is refused, and how to write it."""
    octal = OCTAL.fullmatch(text) is not None
    why = " (a leading 0 makes it octal)" if octal else ""
    meant = (text.lstrip("+-").replace("_", "").lstrip("0") or "0") if octal else str(value)
    return (f"YAML reads {text} as the number {value}{why}: write whole numbers in plain decimal "
            f"digits, e.g. {meant}")


def _bad_key(key: yaml.Node) -> str:
    """Why a mapping key is not a field name, in the curator's terms."""
    if key.tag == "tag:yaml.org,2002:merge":
        return "YAML merge keys (<<) are not allowed in content files; write the fields out"
    if isinstance(key, yaml.ScalarNode):
        what = _KEY_KINDS.get(key.tag.rsplit(":", 1)[-1], "a special value")
        return (f"keys must be field names, but YAML read {key.value!r} as {what}; "
                "a field name starts with a letter")
    return "keys must be field names, not a list or a mapping (check for a stray '?', '[' or '{')"


_KEY_KINDS = {"int": "a number", "float": "a number", "bool": "true or false",
              "null": "an empty value", "timestamp": "a date"}


def _dotted(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


dotted = _dotted


def read_yaml(path: Path) -> Located:
    """Parse one content file; raise YamlProblem with a position on anything unusable."""
    raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        raise YamlProblem(f"file is {len(raw):,} bytes; content files are limited to {MAX_FILE_BYTES:,}")
    encoding = utf16(raw)  # its every other byte is NUL: not binary, but not UTF-8 either
    if encoding:
        raise YamlProblem(f"file is {encoding} text, not UTF-8; save it as UTF-8")
    if b"\x00" in raw:
        raise YamlProblem("file contains NUL bytes: it is binary, not YAML text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlProblem(
            f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8", line) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise YamlProblem("file is empty; a record needs at least its required fields")
    separator = _SEPARATOR.search(text)
    if separator:
        at = separator.start()
        raise YamlProblem(f"a raw {_SEPARATORS[separator.group()]} here, which YAML reads as a line "
                          "break; replace it by a space (or by a real line break)",
                          text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1)
    located = _read_fast(text)
    if located is not None:
        return located
    loader = None
    try:
        loader = _Loader(text)
        node = loader.get_single_node()
        if node is None:
            raise YamlProblem("file holds no YAML value; a record needs at least its required fields")
        positions: dict[Loc, Scalar] = {}
        loader.locations, loader.odd_numbers = {}, {}
        data = _walk(node, (), positions, loader)
    except YamlProblem:
        raise
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        raise YamlProblem(f"file contains the control character U+{exc.character:04X}, which YAML "
                          "does not allow; remove it (is this a text file?)", line, column) from None
    except yaml.MarkedYAMLError as exc:
        raise YamlProblem(*syntax_problem(exc, text)) from None
    except RecursionError:
        raise YamlProblem(f"values are nested too deeply (more than {MAX_DEPTH} levels)") from None
    except (yaml.YAMLError, ValueError, OverflowError) as exc:
        raise YamlProblem(f"invalid YAML: {exc}") from None
    finally:
        if loader is not None:
            loader.dispose()
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        raise YamlProblem(f"a record must be a mapping of fields, not {kind}", 1, 1)
    return Located(data, positions, loader.odd_numbers)
