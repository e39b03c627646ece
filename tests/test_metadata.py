"""Each page's metadata (core/metadata.py, theme/main.html) in the built seed site: its JSON-LD
parses and has the type and properties of its record, known values only; its description is its
own; and corpus text cannot break out of the <script> or the attributes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.core.load import load_corpus

from .conftest import MINI, SEED, build

SITE_DESCRIPTION = yaml.safe_load(
    (Path(__file__).parent.parent / "mkdocs.yml").read_text("utf-8").split("\n# The published")[0]
)["site_description"]


def _head(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page / "index.html").read_text("utf-8"), "html.parser").head


def _jsonld(head: BeautifulSoup) -> dict:
    scripts = head.select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    assert data["@context"] == "https://schema.org"
    return data


def _yaml(kind: str, id_: str) -> dict:
    return yaml.safe_load((SEED / kind / f"{id_}.yaml").read_text("utf-8"))


def test_a_call_is_an_event_with_its_participants_date_and_quotes(seed_site: Path) -> None:
    call_id = "2021-12-07-biden-putin-video-call"
    call = _yaml("calls", call_id)
    graph = _jsonld(_head(seed_site, f"calls/{call_id}"))["@graph"]
    event = graph[0]
    assert event["@type"] == "Event" and event["name"] == call["title"]
    assert event["startDate"] == call["date"].isoformat()
    names = {p["actor"]: _yaml("actors", p["actor"])["name"] for p in call["participants"]}
    assert [(a["@type"], a["name"]) for a in event["attendee"]] == [("Person", n) for n in names.values()]
    nodes = {node["@id"]: node for node in graph if "@id" in node}
    quotations = [node for node in graph if node["@type"] == "Quotation"]
    assert quotations
    typed = load_corpus(SEED)[0].get("calls", call_id)  # quotes cite keyed passages
    words = {q.words: q.model_dump() for q in typed.quotes}
    for quotation in quotations:
        quote = words[quotation["text"]]  # verbatim, as curated
        assert nodes[quotation["isBasedOn"]["@id"]]["@type"] == "NewsArticle"
        assert quotation["isBasedOn"]["@id"].endswith(f"sources/{quote['source']}/")
        if quote.get("speaker"):
            speaker = nodes[quotation["spokenByCharacter"]["@id"]]
            assert speaker == nodes[quotation["creator"]["@id"]]
            assert speaker["@type"] == "Person"
            assert speaker["name"] == _yaml("actors", quote["speaker"])["name"]


@pytest.mark.parametrize("source_id", [p.stem for p in sorted((SEED / "sources").glob("*.yaml"))])
def test_a_source_is_a_news_article_with_what_is_known_only(seed_site: Path, source_id: str) -> None:
    source = _yaml("sources", source_id)
    article = _jsonld(_head(seed_site, f"sources/{source_id}"))
    assert article["@type"] == "NewsArticle"
    known = {key: value for key, value in source.items() if value not in (None, "unknown", [])}
    assert article.get("headline") == known.get("headline")
    assert article.get("datePublished") == (known["published"].isoformat() if "published" in known else None)
    assert [a["name"] for a in article.get("author", [])] == [
        _yaml("actors", a)["name"] for a in known.get("authors", [])]
    if "outlet_org" in known:
        assert article["publisher"]["name"] == _yaml("organizations", known["outlet_org"])["name"]
    elif "outlet" not in known:
        assert "publisher" not in article
    assert article.get("url") == known.get("url")


@pytest.mark.parametrize(("page", "kind"), [("actors/joe-biden", "Person"),
                                            ("organizations/nato", "Organization"),
                                            ("events/geneva-summit-2021", "Event"),
                                            ("topics/sanctions", "Thing")])
def test_other_records_have_their_type_and_name(seed_site: Path, page: str, kind: str) -> None:
    data = _jsonld(_head(seed_site, page))
    record = _yaml(*page.split("/"))
    assert data["@type"] == kind and data["name"] == record["name"]
    assert data["description"]


def test_every_record_page_has_its_own_description_and_card(seed_site: Path) -> None:
    seen: dict[str, str] = {}
    for kind in ("calls", "sources", "actors", "organizations", "topics", "events"):
        for path in sorted((SEED / kind).glob("*.yaml")):
            head = _head(seed_site, f"{kind}/{path.stem}")
            description = head.select_one('meta[name="description"]')["content"]
            assert description != SITE_DESCRIPTION and "[[" not in description
            assert len(description) <= 161, description
            assert description not in seen, (path, seen.get(description))
            seen[description] = path.stem
            assert head.select_one('meta[property="og:description"]')["content"] == description
            assert head.select_one('meta[property="og:title"]')["content"]
            assert head.select_one('meta[name="twitter:card"]')["content"] == "summary"
    call = _head(seed_site, "calls/2021-12-07-biden-putin-video-call")
    assert call.select_one('meta[name="description"]')["content"].startswith(
        "Joe Biden and Vladimir Putin held a secure video call")
    assert call.select_one('meta[property="og:type"]')["content"] == "article"


HOSTILE = '</script><script>alert(1)</script> & "x" <!-- y'


def test_corpus_text_cannot_break_out_of_the_head(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    actor = content / "actors" / "alice-adams.yaml"
    actor.write_text(actor.read_text("utf-8").replace(
        "description: President of [[ruritania-government|Ruritania]].",
        f"description: {json.dumps(HOSTILE)}"), "utf-8")
    site = build(content, tmp_path / "site")
    text = (site / "actors" / "alice-adams" / "index.html").read_text("utf-8")
    head = BeautifulSoup(text, "html.parser").head
    assert "alert" not in "".join(s.get_text() for s in head.select("script:not([type])"))
    data = _jsonld(head)
    assert data["description"] == f"Alice Adams: {HOSTILE}"
    script = text[text.index('<script type="application/ld+json">'):]
    assert "<" not in script[len('<script type="application/ld+json">'):script.index("</script>")]
    assert head.select_one('meta[name="description"]')["content"] == f"Alice Adams: {HOSTILE}"
    assert head.select_one('meta[property="og:description"]')["content"] == f"Alice Adams: {HOSTILE}"


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_script_json_never_holds_markup_and_reads_back(text: str) -> None:
    """Whatever a record holds, its JSON-LD has no '<', '>' or '&' (nothing can close the
    <script> or open a comment in it) and parses back to the same data."""
    from generator.core.metadata import script_json

    data = {"name": text, "nested": [text, {"text": text}]}
    written = script_json(data)
    assert not set("<>&") & set(written)
    assert json.loads(written) == data


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=0x2FFF), max_size=400))
def test_descriptions_are_cut_at_a_word_within_the_limit(text: str) -> None:
    from generator.core.describe import DESCRIPTION_LENGTH, trimmed

    cut = trimmed(text)
    assert len(cut) <= DESCRIPTION_LENGTH
    words = " ".join(text.split())
    if len(words) <= DESCRIPTION_LENGTH:
        assert cut == words
    else:
        assert cut.endswith("…")
        kept = cut.removesuffix("…")
        assert words.startswith(kept)
        if " " in words[:DESCRIPTION_LENGTH - 1]:  # else one word is longer than the limit
            assert words[len(kept)] in " ,;:–—-"  # cut between words


def test_no_two_pages_share_a_description(seed_site: Path) -> None:
    """Listings, section parts and "Linked from" parts too: each page's own title comes first;
    the home page keeps the site's description, and every page has Open Graph tags."""
    seen: dict[str, Path] = {}
    pages = [p for p in sorted(seed_site.rglob("index.html")) if "pagefind" not in p.parts]
    for path in pages:
        head = BeautifulSoup(path.read_text("utf-8"), "html.parser").head
        description = head.select_one('meta[name="description"]')["content"]
        assert description not in seen, (path, seen.get(description))
        seen[description] = path
        assert head.select_one('meta[property="og:description"]')["content"] == description
    assert len(seen) == len(pages) > 150
    home = _head(seed_site, "")
    assert home.select_one('meta[name="description"]')["content"] == SITE_DESCRIPTION
    timeline = _head(seed_site, "timeline/2021")
    assert timeline.select_one('meta[property="og:title"]')["content"] == \
        timeline.title.get_text().split(" - ")[0]
