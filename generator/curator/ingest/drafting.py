"""The whole command: store the text, name it and its record as the corpus does, write the draft.

Names follow the corpus's conventions:
- the stored text is `texts/NNN_<hash>.txt`: the next free three-digit number and the first 16
  hex digits of the text's SHA-256 (the seed texts are 000_… to 004_…); an article whose file
  is already named so keeps its name, and `--text-name` chooses another;
- the source id is `<outlet>-<call id without the participants' surnames>` when the outlet and
  a call are known (`floridian-2021-12-30-phone-call` for The Floridian on
  `2021-12-30-biden-putin-phone-call`), else `<outlet>-<date>`, else the headline's first words.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path
from typing import Any

import yaml

from ...core.errors import ConfigError, relative
from ...core.link import RESERVED_IDS
from ...core.load import _suggest_id, load_corpus
from ...core.models import id_problem
from ...core.verbatim import fold
from ...core.yamlfile import UNPRINTABLE
from ..scaffold import record_text, scalar
from . import pages
from .calls import candidate_calls
from .citing import Passages
from .draftcall import call_block
from .language import detect
from .metadata import read_article, read_metadata
from .model import Draft, Evidence, IngestError
from .names import Names, known_names
from .pages import url_date
from .quotes import find_quotes, refine_speakers
from .reported import read_call, reference_day

TEXT_NAME = re.compile(r"(?P<number>\d{3})_[0-9a-f]{16}\.txt")


def _existing_texts(content: Path) -> dict[str, str]:
    """Folded text -> file name, for every verbatim text in the corpus."""
    folder = content / "texts"
    found: dict[str, str] = {}
    if folder.is_dir():
        for path in sorted(folder.glob("*.txt")):
            try:
                found.setdefault(fold(path.read_text("utf-8")), path.name)
            except (OSError, UnicodeDecodeError):
                continue
    return found


def _sources_by_text(content: Path) -> dict[str, Path]:
    """Text path ('texts/x.txt') -> the source record file using it (read leniently, so a
    record that does not validate yet still counts)."""
    found: dict[str, Path] = {}
    for path in sorted((content / "sources").glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        if isinstance(data, dict) and isinstance(data.get("text"), str):
            found.setdefault(data["text"].strip(), path)
    return found


def stored_text_name(content: Path, raw: bytes) -> str:
    """`NNN_<first 16 hex digits of SHA-256>.txt`, NNN one past the highest number in texts/."""
    folder = content / "texts"
    numbers = [int(m.group("number")) for p in (folder.glob("*.txt") if folder.is_dir() else ())
               if (m := re.match(r"(?P<number>\d{3})_", p.name))]
    number = max(numbers, default=-1) + 1
    return f"{number:03d}_{hashlib.sha256(raw).hexdigest()[:16]}.txt"


def _outlet_slug(draft: Draft) -> str | None:
    if draft.outlet_org:
        return re.sub(r"^the-", "", draft.outlet_org)
    if draft.outlet:
        return _suggest_id(re.sub(r"^the\s+", "", draft.outlet.value, flags=re.IGNORECASE))
    return None


def default_id(draft: Draft, corpus: Any, article: Path) -> str:
    outlet = _outlet_slug(draft)
    calls = [corpus.get("calls", c) for c in draft.calls]
    reported = {c.call for c in draft.candidates if c.role == "reported"}
    new_id = draft.new_call.rsplit(" ", 1)[-1] if draft.new_call else None
    if outlet and new_id and not reported and draft.call is not None:  # the new call it reports, not one it recaps
        surnames = {pid.rsplit("-", 1)[-1] for pid, _ in draft.call.participants}
        rest = [w for w in new_id[11:].split("-") if w not in surnames]
        base = "-".join([outlet, new_id[:10], *rest])
    elif outlet and calls:
        published = draft.published.value if draft.published else None
        ranked = sorted(zip(draft.calls, calls), key=lambda pair: (
            pair[0] not in reported, published is not None and pair[1].date > published,
            abs((published - pair[1].date).days) if published else 0, pair[0]))
        call_id, call = ranked[0]
        surnames = {p.actor.rsplit("-", 1)[-1] for p in call.participants}
        rest = [w for w in call_id[11:].split("-") if w not in surnames]
        base = "-".join([outlet, call_id[:10], *rest])
    elif outlet and draft.published:
        base = f"{outlet}-{draft.published.value.isoformat()}"
    elif draft.headline:
        base = _suggest_id(" ".join(draft.headline.value.split()[:8]))
    else:
        base = _suggest_id(article.stem)
    return base[:120].strip("-")


def person_id(name: str) -> str:
    """The id suggested for a person with no record: 'Mr. Miles' -> 'miles'."""
    return _suggest_id(re.sub(r"^(?:Mr|Mrs|Ms|Dr)\.?\s+", "", name))


def ingest(article: Path, content: Path, source_id: str | None = None,
           text_name: str | None = None, url: str | None = None, outlet: str | None = None,
           published: dt.date | None = None, lang: str | None = None) -> Draft:
    """Store the article's text in content/texts/ and write a draft source record."""
    if not content.is_dir():
        raise ConfigError(f"content directory '{content}' does not exist; "
                          "run from the project root or pass --content")
    raw, original = read_article(article)
    if lang is not None and not re.fullmatch(r"[a-z]{2}", lang):
        raise IngestError(f"--lang '{lang}' is not an ISO 639-1 code (two lowercase letters: it, en)")
    if url is not None and not re.fullmatch(r"https?://\S+", url):
        raise IngestError(f"--url '{url}' is not an http(s) address")
    # The analysis reads a copy without a byte-order mark or characters a YAML file cannot hold
    # (replaced one for one, so offsets hold); the stored text stays byte-identical.
    text = UNPRINTABLE.sub(" ", original.replace("\ufeff", " ", 1))
    existing = _existing_texts(content).get(fold(original))
    sources = _sources_by_text(content)
    if existing and f"texts/{existing}" in sources:
        raise IngestError(f"this article is already in the corpus: content/texts/{existing}, "
                          f"source record {relative(sources[f'texts/{existing}'])}")
    if source_id is not None and (problem := id_problem(source_id, "sources")):
        raise IngestError(f"'{source_id}' {problem}" + (" with --id" if problem.endswith("another id") else ""))
    corpus, _ = load_corpus(content)  # records that do not validate yet are skipped
    names = known_names(corpus)
    conventional = article.name if TEXT_NAME.fullmatch(article.name) else None
    name = existing or text_name or conventional or stored_text_name(content, raw)
    if not name.endswith(".txt"):
        name += ".txt"
    if not re.fullmatch(r"[A-Za-z0-9_.-]+\.txt", name):
        raise IngestError(f"'{name}' is not a usable text file name: use letters, digits, "
                          "'_', '.' and '-', ending in .txt")
    draft = Draft(source_id="", text_name=name, text_reused=existing is not None,
                  taken_keys=set(corpus.passages or {}))
    read_metadata(draft, text, names)
    _options(draft, names, url, outlet, published)
    body = text
    if draft.boilerplate:  # what follows is other stories: no quotes or mentions from there
        body = "".join(text.splitlines(keepends=True)[:draft.boilerplate.line - 1])
    draft.body = body
    code, draft.language_why = (lang, "option --lang") if lang else detect(body)
    draft.language = Evidence(code, 0, draft.language_why, origin="option --lang" if lang
                              else "the text's function words") if code else None
    reference = reference_day(draft)
    names = known_names(corpus, on=reference.value if reference else None)  # titles by date
    for mention in names.find(body):
        draft.mentions.setdefault(mention.kind, {}).setdefault(mention.id, []).append(mention)
    find_quotes(draft, body, names)
    refine_speakers(draft, body, names)
    draft.call = read_call(draft, body, names, person_id)
    candidate_calls(draft, body, corpus)
    draft.source_id = source_id or default_id(draft, corpus, article)
    if draft.source_id in RESERVED_IDS:
        draft.source_id += "-source"  # only a made-up id can be reserved here (--id was checked)
    if (problem := id_problem(draft.source_id, "sources")):
        raise IngestError(f"'{draft.source_id}' {problem}")
    target = content / "sources" / f"{draft.source_id}.yaml"
    text_path = content / "texts" / name
    if target.exists():
        raise IngestError(f"{relative(target)} already exists; choose another id with --id")
    if not existing and text_path.exists():
        raise IngestError(f"{relative(text_path)} already exists with other words; choose "
                          "another file name with --text-name")
    for evidence in draft.authors + draft.contributors:
        actor = names.actor(evidence.value) or person_id(evidence.value)
        if names.actor(evidence.value) is None:
            draft.new_actors.setdefault(actor, evidence.value)
    for pid, name in (draft.call.participants if draft.call else []):
        if not names.actor_id(pid):
            draft.new_actors.setdefault(pid, name)
    for quote in draft.quotes:
        if quote.new_org:
            draft.new_orgs.setdefault(person_id(quote.new_org), quote.new_org)
    yaml_text = render_draft(draft, article, names)
    text_path.parent.mkdir(exist_ok=True)
    if not existing:
        with text_path.open("xb") as handle:
            handle.write(raw)
    target.parent.mkdir(exist_ok=True)
    with target.open("x", encoding="utf-8") as handle:
        handle.write(yaml_text)
    draft.path, draft.text_path = target, text_path
    return draft


def _options(draft: Draft, names: Names, url: str | None, outlet: str | None,
             published: dt.date | None) -> None:
    """What the pasted text cannot carry, given on the command line: each value says so."""
    if outlet:
        draft.outlet = Evidence(outlet, 0, outlet, origin="option --outlet")
        draft.outlet_org = names.outlet(outlet)
    if published:
        draft.published = Evidence(published, 0, published.isoformat(), origin="option --published")
    if url:
        draft.url = url
        if draft.published is None and (day := url_date(url)):
            draft.published = Evidence(day, 0, url, origin="the URL (its path's date)")


def render_draft(draft: Draft, article: Path, names: Names) -> str:
    """The draft source record: every field documented, each value with its evidence."""
    passages = Passages(draft.source_id, set(draft.taken_keys))
    footer = _footer(draft, names, passages)
    values: dict[str, str] = {"text": f"texts/{draft.text_name}",
                              "url": scalar(draft.url) if draft.url else "unknown"}
    notes: dict[str, list[str]] = {"url": ["From option --url."] if draft.url else
                                   ["Not in the text: never guess one."]}
    if draft.language:
        values["language"] = draft.language.value
        notes["language"] = [f"From {draft.language.origin}: {draft.language_why}."]
    else:
        notes["language"] = [f"UNKNOWN ({draft.language_why}): set it with --lang or here; "
                             "left out, the record defaults to en."]

    def note(key: str, evidence: Evidence | None, missing: str) -> None:
        notes[key] = [evidence.note()] if evidence else [missing]

    if draft.republished_from:
        values["republished_from"] = scalar(draft.republished_from.value)
        note("republished_from", draft.republished_from, "")

    values["headline"] = scalar(draft.headline.value) if draft.headline else "unknown"
    note("headline", draft.headline, "Not found at the top of the text.")
    values["outlet"] = scalar(draft.outlet.value) if draft.outlet else "unknown"
    note("outlet", draft.outlet, "The text does not name the outlet that published it.")
    if draft.outlet is not None and draft.outlet.line and pages.dateline(draft.outlet.text):
        notes["outlet"].append("A dateline names the outlet, or the agency whose copy this is "
                               "(then it is republished_from, and the outlet is the site's): check.")
    if draft.outlet is None and draft.outlet_clue is not None:
        clue = draft.outlet_clue
        notes["outlet"].append(f"A clue, not proof: '{clue.value}' {clue.note()}")
    if draft.outlet_org:
        values["outlet_org"] = draft.outlet_org
        named = draft.outlet.value if draft.outlet else draft.outlet_org  # set together
        notes["outlet_org"] = [f"The organization record named '{named}'."]
    if draft.published:
        values["published"] = draft.published.value.isoformat()
    note("published", draft.published, "No publication date at the top of the text.")
    if draft.updated:
        values["updated"] = scalar(draft.updated.value)
        note("updated", draft.updated, "")
    for key, people in (("authors", draft.authors), ("contributors", draft.contributors)):
        ids = [names.actor(p.value) or person_id(p.value) for p in people]
        values[key] = "[" + ", ".join(ids) + "]"
        notes[key] = [f"{i}: {p.note()}" + ("" if names.actor(p.value) else
                                             f" — NO ACTOR RECORD: briefing new actor {i}")
                      for i, p in zip(ids, people)] or ["The text names none."]
    new_id = draft.new_call.rsplit(" ", 1)[-1] if draft.new_call else None
    values["calls"] = "[" + ", ".join(([new_id] if new_id else []) + draft.calls) + "]"
    notes["calls"] = _calls_notes(draft)
    if draft.boilerplate:
        notes["body_ends_before"] = [f"Possible site boilerplate {draft.boilerplate.note()}",
                                     "(to keep it out of citations, write those words here)"]
    if draft.provenance_clues:
        notes["provenance"] = ["Clues in the text:"] + [f"  {clue.note()}"
                                                        for clue in draft.provenance_clues]
    header = [f"DRAFT written by 'briefing ingest {article.name}'. Every value was read from the "
              "text by simple rules and says where it came from; nothing was guessed, and "
              "unknown means the text does not say. Check each one against the text.",
              "Still to decide (delete this list when done):"]
    header += [f"- {item}" for item in draft.to_decide()]
    if passages.keyed:
        values["passages"] = "\n" + "\n".join(passages.lines(draft.body))
        notes["passages"] = ["Drafted: the words the DRAFT CALL below cites, each typed once "
                             "under a key (a quote with its likely speaker: check each). Delete "
                             "those you do not cite."]
    return record_text("sources", values=values, notes=notes, header=header, footer=footer)


def _calls_notes(draft: Draft) -> list[str]:
    create = ([f"If it is a call the corpus lacks: {draft.new_call}"] if draft.new_call else [])
    if draft.call is not None and draft.call.sentence and draft.call.date is None:
        create.append(f"The reported call's date is unknown: {draft.call.date_why or 'the text does not date it'}.")
    if not draft.candidates:
        return ["NO CALL MATCHED, and no candidate: list the calls this article covers "
                "(validate fails until you do)."] + create
    lines = [] if draft.calls else ["NO CALL MATCHED WITH CERTAINTY: list the calls this article "
                                    "covers (validate fails until you do). Candidates:"]
    if draft.calls:
        lines.append("Matched by the evidence listed (the reported call's date and "
                     "participants, a date the text names, the title); candidates:")
    for candidate in draft.candidates:
        mark = {"reported": "matched: the call it reports", "recap": "matched: a call it recaps",
                "named": "matched: it names its date"}.get(candidate.role, "candidate")
        lines.append(f"  {candidate.call} ({mark}; evidence {candidate.score}): "
                     f"{'; '.join(candidate.reasons)}")
    return lines + create


def _footer(draft: Draft, names: Names, passages: Passages) -> list[str]:
    lines = [f"Quotes in the text: {len(draft.quotes)}"
             + (f", up to the likely boilerplate at line {draft.boilerplate.line}"
                if draft.boilerplate else "") + ".",
             ""]
    lines += call_block(draft, names, person_id, passages)
    lines.append("")
    lines.append("Known records the text mentions (by name or alias):")
    for kind in ("actors", "organizations", "calls"):
        found = draft.mentions.get(kind, {})
        if not found:
            lines.append(f"  {kind}: none")
            continue
        lines.append(f"  {kind}:")
        for record_id in sorted(found):
            surfaces: dict[str, int] = {}
            for mention in found[record_id]:
                surfaces[mention.surface] = surfaces.get(mention.surface, 0) + 1
            shown = ", ".join(f"{s!r} x{n}" for s, n in sorted(surfaces.items()))
            lines.append(f"    {record_id}: {shown}")
    if draft.unrecorded_people:
        lines.append("")
        lines.append("People the text quotes or cites who have no actor record:")
        for person, line in sorted(draft.unrecorded_people.items(), key=lambda kv: kv[1]):
            lines.append(f"  {person} (line {line})")
    return lines
