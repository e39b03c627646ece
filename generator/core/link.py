"""Stage 2: resolve every reference once all records are loaded.

Checks that each id points at an existing record, verifies every quote and cited passage against
its source text, and records the graph the pages are built from: backlinks, mentions, cited
passages with their anchors, and the order of calls.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from .citekeys import typed_out
from .corpus import Corpus, Loaded
from .coverage import orphan_texts, uncovered_sources
from .errors import Problem, did_you_mean, relative
from .graph import CitedPassage, Graph, Key, Use, passage_anchor  # noqa: F401 - re-exported
from .kinds import KIND_NAMES, KINDS, SECTIONS
from .models import (
    RESERVED_IDS,  # noqa: F401 - the one list lives in models; ingest imports it here
    Citation,
    Claim,
    Fact,
    FactReport,
    Participant,
    Quote,
    Relation,
    Role,
    is_id,
)
from .passage_checks import check_passages, mismatch, partial_passages
from .record_walk import Cited, cited_models, cited_raw, cited_with_owner, walk, walk_raw  # noqa: F401 - re-exported
from .redirects import redirect_problems, renamed_hint
from .text_file import TextProblem, read_text
from .verbatim import FoldedText, mismatch_message
from .yamlfile import Loc

WIKILINK = re.compile(r"\[\[([^\[\]|]+?)(?:\|([^\[\]]+?))?\]\]")
MALFORMED_WIKILINK = re.compile(r"\[\[|\]\]")
"""What is left of a wiki-link once the well-formed ones are taken out: an unclosed [[ or a
stray ]], which would otherwise be printed as is."""
VERBATIM_FIELDS = {"passage", "words", "body_ends_before"}
"""Fields holding a source's own words, brackets included."""

RELATIONS = {
    ("calls", "participants", "actor"): "Took part in",
    ("calls", "requested_by"): "Requested",
    ("calls", "requested_by_org"): "Requested",
    ("calls", "quotes", "speaker"): "Quoted in",
    ("calls", "quotes", "speaker_org"): "Quoted in",
    ("calls", "participants", "side"): "Party to",
    ("calls", "topics"): "Discussed in",
    ("calls", "agenda"): "On the agenda of (planned, not reported as discussed)",
    ("calls", "background_topics"): "Raised in the coverage of",
    ("calls", "facts", "topic"): "Figures tracked across calls",
    ("sources", "authors"): "Wrote",
    ("sources", "contributors"): "Contributed to",
    ("sources", "outlet_org"): "Published",
    ("actors", "roles", "organization"): "Members and officials",
    ("organizations", "parent"): "Part of it",
    ("topics", "related"): "Related topics",
}
"""(referring kind, field path without indices…) -> heading of the backlink list on the target."""

CITED_AS_SPEAKER = "Cited as the source of statements in"
MENTIONED = "Mentioned in"
DEFAULT_RELATION = "Linked from"
KIND_RELATIONS = {folder: kind.title for folder, kind in SECTIONS.items()}
"""Headings for references from fields with no relation of their own, the referring kind's
section title (kinds.py): a record listed under a named relation (e.g. "Discussed in") is not
listed again under its kind's plain heading."""
GENERIC_RELATIONS = {MENTIONED, DEFAULT_RELATION, *KIND_RELATIONS.values()}


def resolve_wikilink(target: str, corpus: Corpus) -> tuple[Key | None, str]:
    """Key for a [[target]] (optionally 'kind/id'), or None with a hint."""
    target = target.strip()
    if "/" in target:
        kind, _, id_ = target.partition("/")
        if kind in KINDS and id_ in corpus.records.get(kind, {}):
            return Key(kind, id_), ""
        choices = [f"{k}/{i}" for k in KINDS for i in corpus.records.get(k, {})]
        return None, did_you_mean(target, choices)
    found = [Key(kind, target) for kind in KINDS if target in corpus.records.get(kind, {})]
    if len(found) == 1:
        return found[0], ""
    if len(found) > 1:
        options = " or ".join(f"[[{k.kind}/{k.id}]]" for k in found)
        return None, f" — the id is ambiguous: write {options}"
    choices = [i for k in KINDS for i in corpus.records.get(k, {})]
    return None, did_you_mean(target, choices)


# --- linking ----------------------------------------------------------------------------------

def link(corpus: Corpus, fold_text=None, link_record=None,
         read_source=None) -> tuple[Graph, list[Problem]]:
    """Resolve references and verify passages; return the graph and every problem found.

    `read_source(path, name, root)` reads a source text (default `text_file.read_text`),
    `fold_text(path, text)` folds it (default `FoldedText.of(text)`) and `link_record(graph,
    loaded)` links one record (default `_link_record`); `briefing serve` passes versions that
    reuse what did not change since its previous round (core/incremental.py).
    """
    link_record = link_record or _link_record
    graph = Graph(corpus)
    problems: list[Problem] = []
    problems += _load_texts(graph, fold_text or _fold_text, read_source or read_text)
    for kind in KINDS:
        for loaded in corpus.loaded(kind):
            problems += link_record(graph, loaded)
    problems += orphan_texts(corpus) + uncovered_sources(corpus)
    problems += redirect_problems(corpus)
    problems += _remark_speakers(corpus)
    if corpus.partial:
        # Files that failed validation: what can be checked of them is, on a scratch graph
        # (nothing is built while they have problems), so that all of a file's problems are
        # reported in one run.
        scratch = Graph(corpus, texts=graph.texts, passages=defaultdict(dict))
        for loaded in corpus.partial:
            problems += _link_partial(scratch, loaded)
    _order_calls(graph)
    return graph, problems


def _remark_speakers(corpus: Corpus) -> list[Problem]:
    """One `remark` key is one remark, so one speaker: quotes that name two different speakers
    (or, naming no person, two organizations) under one key would be compared as wordings of a
    single remark. A quote naming no one (`speaker_as` only) can be any outlet's way of putting it."""
    first: dict[tuple[str, str], tuple[str, Loaded, int]] = {}
    problems = []
    for loaded in corpus.loaded("calls"):
        for index, quote in enumerate(loaded.record.quotes):
            if not quote.remark:
                continue
            field, who = ("speaker", quote.speaker) if quote.speaker else ("speaker_org", quote.speaker_org)
            if not who or who not in corpus.records["actors" if field == "speaker" else "organizations"]:
                continue  # nobody, or an unknown id: reported as such
            seen = first.setdefault((quote.remark, field), (who, loaded, index))
            if seen[0] != who:
                other, other_loaded, other_index = seen
                where = (f"quotes[{other_index}]" if other_loaded is loaded
                         else f"{relative(other_loaded.path)} quotes[{other_index}]")
                problems.append(loaded.problem(
                    ("quotes", index, "remark"),
                    f"remark '{quote.remark}' is also the key of a quote of {field} '{other}' "
                    f"({where}), but this quote's {field} is '{who}': one remark key is one "
                    f"speaker's remark; give this quote its own remark key, or correct the "
                    f"{field}"))
    return problems


def _fold_text(path, text: str) -> FoldedText:
    return FoldedText.of(text)


def _load_texts(graph: Graph, fold_text=_fold_text, read_source=read_text) -> list[Problem]:
    problems = []
    root = graph.corpus.root.resolve()
    for loaded in graph.corpus.loaded("sources"):
        source = loaded.record
        path = graph.corpus.root / source.text
        try:
            text = read_source(path, source.text, root)
        except TextProblem as exc:
            problems.append(Problem(relative(path), exc.line, exc.column, "", exc.message)
                            if exc.line else loaded.problem(("text",), exc.message))
            continue
        folded = fold_text(path, text)
        if source.body_ends_before:
            at = folded.find(source.body_ends_before)
            if at < 0:
                problems.append(loaded.problem(
                    ("body_ends_before",),
                    mismatch_message("body_ends_before", source.body_ends_before, folded, loaded.id)))
            else:
                folded.body_end = at
        graph.texts[loaded.id] = folded
        graph.passages[loaded.id] = {}
    return problems


def _link_record(graph: Graph, loaded: Loaded) -> list[Problem]:
    problems: list[Problem] = []
    me = Key(loaded.kind, loaded.id)
    for loc, shape, value, owner in walk(loaded.record):
        problems += _check_value(graph, loaded, me, loc, shape, value, owner)
    for loc, model, owner in cited_with_owner(loaded.record, (), loaded.record):
        problems += _verify(graph, loaded, me, loc, model, _use(me, model, owner))
    if loaded.kind == "sources":
        problems += check_passages(graph, loaded)
    return problems


def _check_value(graph: Graph, loaded: Loaded, me: Key, loc: Loc, shape: Any, value: Any,
                 owner: Any) -> list[Problem]:
    """The problems of one field value: an unknown reference, links where none are resolved,
    malformed or unknown [[links]] in prose; a known reference is added to the graph."""
    corpus = graph.corpus
    problems: list[Problem] = []
    if shape.ref is not None:
        target = Key(shape.ref, value)
        if value in corpus.invalid.get(shape.ref, set()):
            return []  # the target's own file is broken and reported already
        if not graph.exists(target) and typed_out(loaded.keyed, loc) \
                and loc not in loaded.located.positions:
            return []  # a passage's speaker: reported on its source
        if not graph.exists(target):
            hint = (_organization_hint(graph, shape, value, owner) or renamed_hint(corpus, shape.ref, value)
                    or did_you_mean(value, set(corpus.records.get(shape.ref, {}))))
            return [loaded.problem(loc, f"unknown {KIND_NAMES[shape.ref]} '{value}'{hint}")]
        if target != me:
            _add_backlink(graph, target, _relation(loaded.kind, loc, owner), me)
    if isinstance(value, str) and not shape.prose and shape.ref is None and "[[" in value \
            and shape.alias not in VERBATIM_FIELDS:
        problems.append(loaded.problem(loc, "[[…]] links are not resolved in this field (only "
                                            "in prose such as text and description); write "
                                            "plain text"))
    if shape.prose and isinstance(value, str):
        broken = MALFORMED_WIKILINK.search(WIKILINK.sub("", value))
        if broken:
            problems.append(loaded.problem(
                loc, f"malformed link near '{_excerpt(value, broken)}': write [[id]] or "
                     "[[id|words]], with both pairs of brackets"))
        for match in WIKILINK.finditer(value):
            key, hint = resolve_wikilink(match.group(1), corpus)
            if key is None and match.group(1).strip().rsplit("/", 1)[-1] in _broken_ids(corpus):
                continue  # links into a file that failed validation: reported there
            if key is None:
                kind, _, old = match.group(1).strip().rpartition("/")
                hint = "".join(renamed_hint(corpus, k, old) for k in ([kind] if kind else KINDS)) or hint
                problems.append(loaded.problem(
                    loc, f"unknown record in link [[{match.group(1)}]]{hint}"))
            elif key != me:
                _add_backlink(graph, key, MENTIONED, me)
    return problems


def _organization_hint(graph: Graph, shape: Any, value: str, owner: Any) -> str:
    """Where a person is expected and the id is an organization's, the field beside it that
    takes one (`requested_by_org`, `speaker_org`)."""
    sibling = f"{shape.alias}_org"
    if shape.ref != "actors" or not graph.exists(Key("organizations", value)):
        return ""
    if owner is None or sibling not in type(owner).model_fields:
        return f": '{value}' is an organization, and this field names a person"
    return f": '{value}' is an organization; write `{sibling}: {value}` instead"


def _excerpt(value: str, match: re.Match[str]) -> str:
    """The malformed link and a few characters after it, on one line."""
    return " ".join(value[match.start(): match.start() + 30].split())


def _broken_ids(corpus: Corpus) -> set[str]:
    """Ids of files that failed validation, of any kind."""
    return {i for ids in corpus.invalid.values() for i in ids}


def _use(me: Key, model: Any, owner: Any) -> Use:
    """Describe the statement a citation backs, for the source page's list."""
    if isinstance(model, Quote):
        return Use(me, "quote", model.words)
    if isinstance(owner, Relation):
        return Use(me, "claim", owner.reason)
    if isinstance(owner, Fact):
        return Use(me, "fact", f"{owner.label}: {model.value}")
    if isinstance(owner, Role):
        return Use(me, "role", owner.title)
    if isinstance(owner, Participant):
        return Use(me, "location", f"[[actors/{owner.actor}]] was at: {owner.location or 'unknown'}")
    if isinstance(owner, Claim):
        return Use(me, "claim", owner.text)
    return Use(me, "claim", "")


def _link_partial(graph: Graph, loaded: Loaded) -> list[Problem]:
    """The reference, link and verbatim problems of a file that failed validation: of its
    record when that validated (a check after it failed), else of its raw data, where each
    value stands where its field is expected."""
    if loaded.record is not None:
        return _link_record(graph, loaded)
    me = Key(loaded.kind, loaded.id)
    model, data = KINDS[loaded.kind], loaded.located.data
    problems: list[Problem] = []
    for loc, shape, value in walk_raw(model, data):
        if shape.ref is not None and (not (isinstance(value, str) and is_id(value))
                                      or value == "unknown"):
            continue  # `unknown`, or not an id at all: reported by validation already
        problems += _check_value(graph, loaded, me, loc, shape, value, None)
    if loaded.kind == "sources":
        problems += partial_passages(graph, loaded)
    for loc, cls, fields in cited_raw(model, data):
        name = "words" if cls is Quote else "passage"
        source, passage = fields.get("source"), fields.get(name)
        if not isinstance(source, str) or not isinstance(passage, str) or len(passage) < 3:
            continue  # reported by validation already
        text = graph.texts.get(source)
        if text is not None:
            message = mismatch(text, passage, "quote" if cls is Quote else "cited passage", source)
            if message:
                problems.append(loaded.problem(loc + (name,), message))
    return problems


def _verify(graph: Graph, loaded: Loaded, me: Key, loc: Loc, model: Any, use: Use) -> list[Problem]:
    source_id = model.source
    text = graph.texts.get(source_id)
    if text is None:
        return []  # unknown source or unreadable text: already reported
    if isinstance(model, Quote):
        passage, field_name, what = model.words, "words", "quote"
    else:
        passage, field_name, what = model.passage, "passage", "cited passage"
    span = text.span(passage)
    if span is None and loc in loaded.keyed:
        return []  # a keyed passage: reported once, on its source
    if span is None:
        return [loaded.problem(loc + (field_name,), mismatch(text, passage, what, source_id))]
    if model.speaker and isinstance(model, (Citation, FactReport)) and graph.exists(Key("actors", model.speaker)):
        _add_backlink(graph, Key("actors", model.speaker), CITED_AS_SPEAKER, me)
    anchor = passage_anchor(passage)
    cited = graph.passages[source_id].setdefault(
        anchor, CitedPassage(source_id, anchor, passage, span[0], span[1]))
    cited.cited_from.add(me)
    if use not in cited.uses:
        cited.uses.append(use)
    return []


def _relation(kind: str, loc: Loc, owner: Any) -> str:
    names = tuple(p for p in loc if isinstance(p, str))
    label = RELATIONS.get((kind,) + names)
    if label:
        return label
    if names and names[-1] == "speaker":
        return CITED_AS_SPEAKER
    return KIND_RELATIONS.get(kind, DEFAULT_RELATION)


def _add_backlink(graph: Graph, target: Key, relation: str, origin: Key) -> None:
    graph.backlinks.setdefault(target, defaultdict(set))[relation].add(origin)


def _order_calls(graph: Graph) -> None:
    """Chronological order; a call's previous/next is the nearest call sharing a participant."""
    ordered = sorted(graph.corpus.loaded("calls"), key=lambda c: (c.record.date, c.id))
    graph.calls_in_order = [c.id for c in ordered]
    position = {call_id: index for index, call_id in enumerate(graph.calls_in_order)}
    last_with: dict[str, str] = {}
    for loaded in ordered:
        people = sorted({p.actor for p in loaded.record.participants})
        earlier = [last_with[a] for a in people if a in last_with]
        previous = max(earlier, key=position.__getitem__) if earlier else None
        graph.previous_call[loaded.id] = previous
        graph.next_call.setdefault(loaded.id, None)
        if previous is not None and graph.next_call.get(previous) is None:
            graph.next_call[previous] = loaded.id
        for actor in people:
            last_with[actor] = loaded.id
