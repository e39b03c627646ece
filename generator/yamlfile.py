"""Reading one YAML record file safely, keeping where each value stood.

PyYAML's SafeLoader is extended to refuse what a content file never needs and what makes YAML
dangerous or misleading: duplicate keys (the second silently wins), anchors and aliases (the
"billion laughs" bomb), and non-string keys.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

MAX_FILE_BYTES = 2_000_000

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
        return super().compose_node(parent, index)


def _walk(node: yaml.Node, loc: Loc, positions: dict[Loc, Scalar]) -> None:
    mark = node.start_mark
    text = node.value if isinstance(node, yaml.ScalarNode) else ""
    quoted = isinstance(node, yaml.ScalarNode) and node.style in ("'", '"', "|", ">")
    positions[loc] = Scalar(mark.line + 1, mark.column + 1, text, quoted)
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode) or key.tag != "tag:yaml.org,2002:str":
                raise YamlProblem(
                    f"keys must be field names, not {key.tag.rsplit(':', 1)[-1]}",
                    key.start_mark.line + 1, key.start_mark.column + 1, _dotted(loc))
            name = key.value
            if name in seen:
                raise YamlProblem(
                    f"duplicate key '{name}' (first on line {seen[name]}); keep one",
                    key.start_mark.line + 1, key.start_mark.column + 1, _dotted(loc + (name,)))
            seen[name] = key.start_mark.line + 1
            _walk(value, loc + (name,), positions)
            # Where the key itself stands, for messages about the field rather than its value.
            positions[loc + (name, KEY)] = Scalar(key.start_mark.line + 1, key.start_mark.column + 1,
                                                  name, False)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, loc + (index,), positions)


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
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise YamlProblem("file holds no YAML value; a record needs at least its required fields")
        positions: dict[Loc, Scalar] = {}
        _walk(node, (), positions)
        data = loader.construct_document(node)
    except YamlProblem:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = f"invalid YAML: {exc.problem or exc.context}"
        if "\t" in text and mark is not None and "\t" in text.splitlines()[mark.line][: mark.column + 1]:
            message += " (tabs are not allowed in YAML indentation; use spaces)"
        raise YamlProblem(message, mark.line + 1 if mark else 0, mark.column + 1 if mark else 0) from None
    except (yaml.YAMLError, ValueError, OverflowError) as exc:
        raise YamlProblem(f"invalid YAML: {exc}") from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"a single {type(data).__name__} value"
        raise YamlProblem(f"a record must be a mapping of fields, not {kind}", 1, 1)
    return Located(data, positions)
