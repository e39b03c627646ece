"""YAML syntax errors in words a curator can act on (PyYAML names its parser's states instead)."""

from __future__ import annotations

import yaml

_SYNTAX = (
    # (problem starts with, context starts with or "", message, located at the context: where
    # the unclosed quote or bracket was opened); {cline} is the line the context began on.
    ("found character '\\t'", "", "a tab character here: YAML indentation must use spaces, not tabs",
     False),
    ("found unexpected end of stream", "while scanning a", "the quote opened here is never closed",
     True),
    ("found unknown escape character", "",
     "{problem} in a double-quoted value; use single quotes ('…') for text with backslashes", False),
    ("mapping values are not allowed here", "",
     "a ': ' inside a value (or a line indented too far); put the value in quotes", False),
    ("could not find expected ':'", "",
     "expected 'field: value' on this line; a line of text inside a value needs quotes or "
     "the same indentation as the value", True),
    ("expected <block end>", "while parsing a block mapping",
     "this line is not indented like the fields above it (the mapping begins on line {cline})",
     False),
    ("expected <block end>", "while parsing a block collection",
     "this line is not indented like the list above it (the list begins on line {cline})", False),
    ("did not find expected key", "",
     "this line is not indented like the fields above it (the mapping begins on line {cline})",
     False),
    ("did not find expected '-' indicator", "",
     "this line is not indented like the list above it (the list begins on line {cline})", False),
    ("expected ',' or ']'", "", "the list opened here with '[' is not closed with ']'", True),
    ("expected ',' or '}'", "", "the mapping opened here with '{{' is not closed with '}}'", True),
    ("but found another document", "",
     "a content file holds one record: remove the second '---' and what follows it", False),
    ("found character", "while scanning for the next token",
     "{problem}: a value starting with @, ` or % must be in quotes", False),
    ("expected alphabetic or numeric character", "while scanning an",
     "a value starting with '*' or '&' must be in quotes", True),
    ("sequence entries are not allowed here", "",
     "a list item ('- ') where a value already stands; put the list on its own lines under "
     "the field name, or the value in quotes", False),
    ("mapping keys are not allowed here", "",
     "a '? ' here starts a complex key; put the value in quotes", False),
    ("expected the node content", "",
     "a value is missing here (an unclosed '[' or '{{', or a stray ',' or '-')", False),
    ("expected '<document start>'", "",
     "this line does not belong to the record above it: check its indentation, or put the "
     "value in quotes", False),
)


MAX_KEY = 1024
"""The longest key YAML reads on one line (a "simple key")."""


def _long_key(exc: yaml.MarkedYAMLError) -> int:
    """The length of a key YAML refused for being longer than MAX_KEY, else 0."""
    start, end = exc.context_mark, exc.problem_mark
    if (exc.context != "while scanning a simple key" or start is None or end is None
            or start.line != end.line or end.column - start.column <= MAX_KEY):
        return 0
    return end.column - start.column


def syntax_problem(exc: yaml.MarkedYAMLError, text: str) -> tuple[str, int, int]:
    """A YAML syntax error in words a curator can act on, and the line and column where it was
    found."""
    mark = exc.problem_mark or exc.context_mark
    problem, context = exc.problem or "", exc.context or ""
    cline = exc.context_mark.line + 1 if exc.context_mark else 0
    message = f"invalid YAML: {context + ': ' if context else ''}{problem}"
    key_length = _long_key(exc)
    if key_length and exc.context_mark is not None:
        return (f"invalid YAML: the key before ':' is {key_length:,} characters long; YAML "
                f"allows at most {MAX_KEY} (a field name is a short word; text goes after the "
                "field's ':')", cline, exc.context_mark.column + 1)
    for prefix, context_prefix, template, at_context in _SYNTAX:
        if problem.startswith(prefix) and context.startswith(context_prefix):
            message = "invalid YAML: " + template.format(problem=problem, cline=cline)
            if at_context and exc.context_mark is not None:
                mark = exc.context_mark
            break
    lines = text.splitlines()
    if mark is not None and mark.line < len(lines) and "\t" in lines[mark.line][: mark.column + 1] \
            and "tab" not in message:
        message += " (a tab character is on this line: YAML indentation must use spaces)"
    return message, mark.line + 1 if mark else 0, mark.column + 1 if mark else 0
