"""The data export (core/export.py) in the built site: every record round-trips to the record the
YAML gives, the JSON validates against the published JSON Schema, and the CSV tables hold every
claim, citation and quote. The offline edition carries it too and stays self-contained."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from generator.core.kinds import KINDS
from generator.core.load import load_corpus
from generator.core.models import Citation, Quote
from generator.core.record_walk import cited_models

from .conftest import MINI, SEED


@pytest.fixture(scope="module")
def corpus():
    loaded, problems = load_corpus(SEED)
    assert not problems
    return loaded


def _table(site: Path, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((site / "data" / name).read_text("utf-8"), newline="")))


def test_every_record_round_trips_to_the_yaml(seed_site: Path, corpus) -> None:
    files = sorted((seed_site / "data").glob("*/*.json"))
    assert {f"{p.parent.name}/{p.stem}" for p in files} == {
        f"{kind}/{id_}" for kind in KINDS for id_ in corpus.records[kind]}
    whole = json.loads((seed_site / "data" / "corpus.json").read_text("utf-8"))
    for kind, cls in KINDS.items():
        assert [r["id"] for r in whole[kind]] == sorted(corpus.records[kind])
        for data in whole[kind]:
            record = corpus.get(kind, data["id"])
            alone = json.loads((seed_site / "data" / kind / f"{data['id']}.json").read_text("utf-8"))
            assert alone == data
            # the export fills in the id the file name gives; everything else is the YAML's
            assert cls.model_validate(data) == record.model_copy(update={"id": data["id"]})


def test_the_export_validates_against_its_schema(seed_site: Path) -> None:
    schema = json.loads((seed_site / "data" / "schema.json").read_text("utf-8"))
    Draft202012Validator.check_schema(schema)
    whole = json.loads((seed_site / "data" / "corpus.json").read_text("utf-8"))
    errors = sorted(Draft202012Validator(schema).iter_errors(whole), key=str)
    assert not errors, errors[:3]
    for kind, cls in KINDS.items():
        one = Draft202012Validator({"$defs": schema["$defs"], "$ref": f"#/$defs/{cls.__name__}"})
        for path in sorted((seed_site / "data" / kind).glob("*.json")):
            assert not list(one.iter_errors(json.loads(path.read_text("utf-8")))), path
    # and it is not a schema that accepts anything: a record missing a required field fails
    broken = dict(whole["calls"][0])
    del broken["participants"]
    assert list(Draft202012Validator({"$defs": schema["$defs"], "$ref": "#/$defs/Call"})
                .iter_errors(broken))


def test_the_tables_hold_every_quote_and_citation(seed_site: Path, corpus) -> None:
    quotes = _table(seed_site, "quotes.csv")
    expected_quotes = [(call_id, q.words, q.source, q.speaker or "")
                       for call_id in sorted(corpus.records["calls"])
                       for q in corpus.get("calls", call_id).quotes]
    assert [(r["call"], r["words"], r["source"], r["speaker"]) for r in quotes] == expected_quotes
    citations = _table(seed_site, "citations.csv")
    expected = sorted((kind, id_, m.source, m.passage) for kind in KINDS for id_ in corpus.records[kind]
                      for _, m in cited_models(corpus.get(kind, id_))
                      if isinstance(m, Citation) and not isinstance(m, Quote))
    assert sorted((r["kind"], r["record"], r["source"], r["passage"]) for r in citations) == expected
    assert all(r["statement"] for r in citations if ".cites[" in r["location"]
               and not r["location"].startswith("participants"))


def test_the_claims_table_names_each_claim_where_it_stands(seed_site: Path, corpus) -> None:
    claims = _table(seed_site, "claims.csv")
    assert len(claims) > 100
    for row in claims:
        record = corpus.get(row["kind"], row["record"])
        node = record
        for part in row["location"].replace("]", "").replace("[", ".").split("."):
            node = node[int(part)] if part.isdigit() else getattr(node, part)
        assert node.text == row["text"], row
        assert row["sources"].split(";") == list(dict.fromkeys(c.source for c in node.cites))
    call = sorted(corpus.records["calls"])[0]
    assert sum(1 for r in claims if r["record"] == call and r["location"].startswith("summary[")) \
        == len(corpus.get("calls", call).summary)


def test_the_offline_edition_carries_the_export_and_stays_self_contained(tmp_path: Path) -> None:
    from generator.adapters.site_build import build_site

    from .conftest import ROOT

    site = build_site(ROOT / "mkdocs.yml", tmp_path / "offline", offline=True, content=MINI)
    assert (site / "data" / "corpus.json").is_file() and (site / "feeds" / "calls.xml").is_file()
    whole = json.loads((site / "data" / "corpus.json").read_text("utf-8"))
    assert [r["id"] for r in whole["calls"]] == sorted(p.stem for p in (MINI / "calls").glob("*.yaml"))
    page = (site / "calls" / "2021-12-07-adams-brown-video-call.html").read_text("utf-8")
    assert 'href="../feeds/calls.xml"' in page  # no directory URLs offline: links still resolve
