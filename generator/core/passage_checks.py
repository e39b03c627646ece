"""The checks of a source's keyed passages (core/citekeys.py), made once on the source however
many records cite them, and the verbatim check every citation and quote shares."""

from __future__ import annotations

from .citekeys import passage_entries, passage_references
from .corpus import Loaded
from .errors import Problem, did_you_mean
from .graph import Graph, Key
from .kinds import KIND_NAMES
from .text_file import TextProblem, read_text
from .verbatim import FoldedText, fold, mismatch_message
from .yamlfile import Loc


def check_passages(graph: Graph, loaded: Loaded) -> list[Problem]:
    """A source's keyed passages: each is words of its text, said by records that exist. They
    are checked here once, however many records cite them."""
    problems = []
    text = graph.texts.get(loaded.id)
    if text is None and loaded in graph.corpus.partial:
        text = partial_text(graph, loaded)
    words: dict[str, str] = {}
    for key, passage in loaded.record.passages.items():
        loc: Loc = ("passages", key)
        first = words.setdefault(fold(passage.text), key)
        if first != key:
            problems.append(loaded.problem(loc, f"passage '{key}' has the words of passage "
                                                f"'{first}': type them once, and cite '{first}'"))
        if text is not None:
            message = mismatch(text, passage.text, "passage", loaded.id)
            if message:
                where = loc + ("text",) if loc + ("text",) in loaded.located.positions else loc
                problems.append(loaded.problem(where, message))
    for loc, kind, value in passage_references(loaded.record):
        if value not in graph.corpus.invalid.get(kind, set()) and not graph.exists(Key(kind, value)):
            hint = did_you_mean(value, set(graph.corpus.records.get(kind, {})))
            problems.append(loaded.problem(loc, f"unknown {KIND_NAMES[kind]} '{value}'{hint}"))
    return problems


def partial_passages(graph: Graph, loaded: Loaded) -> list[Problem]:
    """The verbatim problems of the passages of a source file that failed validation, read
    from its raw data: its type error never hides them."""
    problems = []
    folded = partial_text(graph, loaded)
    for key, entry in passage_entries(loaded.id, loaded.located.data):
        words = isinstance(dict(entry.spec).get("text"), str)  # else reported by validation
        message = mismatch(folded, entry.text, "passage", loaded.id) if folded and words else ""
        if message:
            at: Loc = ("passages", key)
            where = at + ("text",) if at + ("text",) in loaded.located.positions else at
            problems.append(loaded.problem(where, message))
    return problems


def partial_text(graph: Graph, loaded: Loaded) -> FoldedText | None:
    """The folded text of a source file that failed validation (linking reads the texts of
    valid sources only), so that its passages are checked in the same run; None when its
    `text` cannot be read (reported by validation, or when the file is fixed)."""
    name = loaded.located.data.get("text") if isinstance(loaded.located.data, dict) else None
    if not isinstance(name, str) or not name.startswith("texts/"):
        return None
    try:
        text = read_text(graph.corpus.root / name, name, graph.corpus.root.resolve())
    except (TextProblem, OSError):
        return None
    folded = FoldedText.of(text)
    end = loaded.located.data.get("body_ends_before")
    if isinstance(end, str) and folded.find(end) >= 0:
        folded.body_end = folded.find(end)
    return folded


def mismatch(text: FoldedText, passage: str, what: str, source_id: str) -> str:
    """Why passage is not citable text of the source, or '' when it is."""
    if text.span(passage) is not None:
        return ""
    if (text.body_end < len(text.folded) and any(char.isalnum() for char in passage)
            and fold(passage) in text.folded):
        return (f"{what} stands in the boilerplate of source '{source_id}' "
                f"(after body_ends_before), which cannot be cited")
    return mismatch_message(what, passage, text, source_id)
