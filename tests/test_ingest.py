"""`briefing ingest`: from a raw article to a stored text and a draft source record.

The seed articles (the frozen copies in tests/fixtures/seed/content/texts/) are ingested into a throwaway
Biden–Putin corpus that knows the actors and calls but not the articles; three small fictional
articles are ingested into a copy of the mini fixture corpus (Ruritania).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.adapters.cli import main

from .conftest import MINI, ROOT, SEED, build

SEEDS = SEED / "texts"

KNOWN = {
    "actors/joe-biden.yaml": "name: Joe Biden\naliases: [Biden, President Biden, Mr. Biden, "
                             "President Joe Biden]\n",
    "actors/vladimir-putin.yaml": "name: Vladimir Putin\naliases: [Putin, Mr. Putin, "
                                  "President Vladimir Putin]\n",
    "actors/jen-psaki.yaml": "name: Jen Psaki\naliases: [Psaki]\n",
    "organizations/us-government.yaml": "name: Government of the United States\n"
                                        "aliases: [White House]\nkind: government\n",
    "organizations/russian-government.yaml": "name: Government of Russia\naliases: [Kremlin]\n"
                                             "kind: government\n",
    "organizations/the-washington-times.yaml": "name: The Washington Times\nkind: outlet\n",
    "texts/notes.txt": "Test notes. Biden and Putin spoke by video on Dec. 7, 2021. "
                       "They spoke by phone on Dec. 30, 2021.\n",
    "sources/notes.yaml": "outlet: unknown\ntext: texts/notes.txt\ncalls: "
                          "[2021-12-07-biden-putin-video-call, 2021-12-30-biden-putin-phone-call]\n",
}
CALL = """title: Biden–Putin {format} call
date: 2021-12-{day}
format: {format}
participants:
  - actor: joe-biden
    side: us-government
  - actor: vladimir-putin
    side: russian-government
summary:
  - text: They spoke.
    cites:
      - source: notes
        passage: spoke by {format} on Dec. {short}, 2021
"""
VIDEO, PHONE = "2021-12-07-biden-putin-video-call", "2021-12-30-biden-putin-phone-call"


@pytest.fixture
def known(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A valid corpus with the two calls, their leaders and a notes source, and no article."""
    content = tmp_path / "content"
    for rel, text in KNOWN.items():
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_text(text, "utf-8")
    (content / "calls").mkdir()
    for day, short, fmt, call in (("07", "7", "video", VIDEO), ("30", "30", "phone", PHONE)):
        (content / "calls" / f"{call}.yaml").write_text(
            CALL.format(day=day, short=short, format=fmt), "utf-8")
    monkeypatch.chdir(tmp_path)
    assert run("validate").exit_code == 0
    return content


@pytest.fixture
def ruritania(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the mini fixture corpus, the working directory its parent."""
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    monkeypatch.chdir(tmp_path)
    return content


LIKELY = "likely: same sentence, with a speech verb"
QUOTE_PASSAGE = re.compile(r"(?m)^  (?P<key>[a-z0-9-]+):  # line (?P<line>\d+)\n    text: (?P<words>.+)\n"
                           r"    (?P<said>[a-z_]+:[^#\n]*?)(?:  # (?P<why>.+))?$")


def quoted(text: str) -> dict[str, tuple[int, str, str]]:
    """Quote words -> (line, 'field: value' of its speaker, why) of each passage the draft
    source keys and its draft call lists as a quote (by its bare key), read from the draft."""
    listed = set(re.findall(r"(?m)^#   - ([a-z0-9-]+)$", text.split("\n# quotes:", 1)[-1]))
    return {yaml.safe_load(m["words"]): (int(m["line"]), m["said"].strip(), m["why"] or "")
            for m in QUOTE_PASSAGE.finditer(text) if m["key"] in listed}


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def ingest(article: Path, *options: str):
    return run("ingest", str(article), *options)


def draft(content: Path, source_id: str) -> dict:
    return yaml.safe_load((content / "sources" / f"{source_id}.yaml").read_text("utf-8"))


def draft_text(content: Path, source_id: str) -> str:
    return (content / "sources" / f"{source_id}.yaml").read_text("utf-8")


def test_masthead_article_gives_outlet_date_authors_and_calls(known: Path) -> None:
    """The Washington Times article: outlet and date from its masthead, authors from 'can be
    reached at', a contributor, both calls (it names Dec. 7 and is dated the 30th, a Thursday),
    and its quotes with their likely speakers; the text is stored byte-identical."""
    seed = SEEDS / "003_9a1df4b803759629.txt"
    result = ingest(seed)
    assert result.exit_code == 0, result.output
    assert (known / "texts" / seed.name).read_bytes() == seed.read_bytes()
    record = draft(known, "washington-times-2021-12-30-phone-call")
    assert record["outlet"] == "The Washington Times"
    assert record["outlet_org"] == "the-washington-times"
    assert record["published"] == dt.date(2021, 12, 30)
    assert record["authors"] == ["joseph-clark", "ben-wolfgang"]
    assert record["contributors"] == ["jeff-mordock"]
    assert record["calls"] == [VIDEO, PHONE]
    assert record["headline"] == "unknown" and record["url"] == "unknown"
    assert record["text"] == f"texts/{seed.name}"
    text = draft_text(known, "washington-times-2021-12-30-phone-call")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/sources.json\n")
    said = quoted(text)
    assert said["grave error."] == (5, "speaker: vladimir-putin", LIKELY)
    assert (13, "as: a senior administration official", LIKELY) in said.values()
    assert "#   Mr. Ushakov (line 31)" in text
    assert "Draft source record: content/sources/washington-times-2021-12-30-phone-call.yaml" in result.output
    assert ("  - actor 'joseph-clark' (Joseph Clark) has no record: briefing new actor "
            "joseph-clark — or remove it from the draft; validate fails until you do") in result.output


def test_draft_validates_once_the_curator_has_decided(known: Path) -> None:
    """Validation points at exactly what the draft leaves to decide (the authors without a
    record); once those records exist the draft validates and the site builds."""
    ingest(SEEDS / "003_9a1df4b803759629.txt")
    result = run("validate")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert [line.split(": ", 1)[1] for line in lines[:-1]] == [
        "authors[0]: unknown actor 'joseph-clark'", "authors[1]: unknown actor 'ben-wolfgang'",
        "contributors[0]: unknown actor 'jeff-mordock'"]
    assert all(line.startswith("content/sources/washington-times-2021-12-30-phone-call.yaml:")
               for line in lines[:-1])
    for person, name in (("joseph-clark", "Joseph Clark"), ("ben-wolfgang", "Ben Wolfgang"),
                         ("jeff-mordock", "Jeff Mordock")):
        assert run("new", "actor", person).exit_code == 0
        path = known / "actors" / f"{person}.yaml"
        path.write_text(path.read_text("utf-8").replace("\nname:\n", f"\nname: {name}\n"), "utf-8")
    assert run("validate").exit_code == 0, run("validate").output


def test_byline_update_line_and_boilerplate(known: Path) -> None:
    """The AP article: authors from its 'By … and …' line, contributors from 'contributed to
    this report', the update time as the text gives it, no headline or publication date, the
    video call by its date, and nothing quoted from the unrelated stories after 'More In
    Politics'."""
    result = ingest(SEEDS / "000_2c43c446ca734152.txt")
    assert result.exit_code == 0, result.output
    record = draft(known, "000-2c43c446ca734152")
    assert record["authors"] == ["aamer-madhani", "dasha-litvinova"]
    assert record["contributors"] == ["vladimir-isachenkov", "robert-burns", "darlene-superville"]
    assert record["updated"] == "December 7, 2021, at 3:21 p.m. ET"
    assert record["published"] is None and record["headline"] == "unknown"
    assert record["outlet"] == "unknown"
    assert record["calls"] == [VIDEO]
    text = draft_text(known, "000-2c43c446ca734152")
    assert "# Possible site boilerplate from line 72: More In Politics" in text
    assert "I welcome you, Mr. President" in text
    assert "worst time" not in text  # a quote from another story, after the boilerplate
    assert "  headline: unknown\n  outlet: unknown\n  published: unknown\n" in result.output


def test_name_line_byline_straight_quotes_and_outlet_clue(known: Path) -> None:
    """The Floridian article: headline, an author from the name line above the date, straight
    quotes attributed by their speech verbs ('Psaki said'), and the outlet left unknown with the
    author's bio line offered as a clue."""
    result = ingest(SEEDS / "002_bb67c63f1bfaf407.txt")
    assert result.exit_code == 0, result.output
    source_id = "biden-putin-hold-call-for-second-time"
    record = draft(known, source_id)
    assert record["headline"] == ("Biden & Putin Hold Call For Second Time This Month Amid Rising "
                                  "Tensions")
    assert record["authors"] == ["mona-salama"]
    assert record["published"] == dt.date(2021, 12, 30)
    assert record["outlet"] == "unknown"
    text = draft_text(known, source_id)
    assert quoted(text)["Biden urged Russia to de-escalate tensions with Ukraine. He made clear "
                        "that the United States and its allies and partners will respond "
                        "decisively if Russia further invades Ukraine"] == (15, "speaker: jen-psaki", LIKELY)
    assert "# A clue, not proof: 'The Floridian' from line 47: Mona Salama is a political" in text
    assert "(line 47 ties an author to 'The Floridian': decide)" in result.output


def test_no_call_matched_lists_candidates_and_fails_validation(known: Path) -> None:
    """An undated article that names only a weekday matches no call: a weekday and the
    participants alone are no evidence of which call (issue 24), so the draft keeps calls empty,
    says which option would date it (--published), and validate points at it."""
    result = ingest(SEEDS / "001_49ec8a37611b319d.txt")
    assert result.exit_code == 0, result.output
    source_id = "biden-putin-spar-over-important-issues"
    assert draft(known, source_id)["calls"] == []
    text = draft_text(known, source_id)
    assert ("# The reported call's date is unknown: the text names only a weekday or 'today' and gives no\n"
            "#   publication date: pass --published YYYY-MM-DD (or --url with a dated path).\n"
            "calls: []\n") in text
    assert ("  - calls: no call matched with certainty; list the calls it covers (candidates: "
            "none in the corpus) — validate fails until you do") in result.output
    line = text.splitlines().index("calls: []") + 1
    validate = run("validate")
    assert validate.exit_code == 1
    assert f"content/sources/{source_id}.yaml:{line}:8: calls: needs at least one entry" in validate.stderr


def test_republished_article_with_takeaways(known: Path) -> None:
    """The Straits Times copy of a NYT report: headline, no author, the video call (it names
    'Tuesday (Dec 7)'), and the dateline's agency as the outlet, with a note that it may be the
    agency whose copy this is."""
    result = ingest(SEEDS / "004_cb0caa5794b2883b.txt")
    assert result.exit_code == 0, result.output
    record = draft(known, "nytimes-2021-12-07-video-call")
    assert record["headline"] == "Five takeaways from the Biden-Putin call"
    assert record["authors"] == [] and record["calls"] == [VIDEO]
    assert record["outlet"] == "NYTIMES"  # the dateline's; the draft says it may be the agency's
    text = draft_text(known, "nytimes-2021-12-07-video-call")
    assert "#   from line 5: WASHINGTON (NYTIMES) - US President Joe Biden" in text
    assert "# A dateline names the outlet, or the agency whose copy this is" in text


def test_article_already_in_the_corpus_is_refused(known: Path, tmp_path: Path) -> None:
    """The same article again, even re-wrapped with straight quotes, names the existing record
    and exits 1 without writing anything."""
    seed = SEEDS / "002_bb67c63f1bfaf407.txt"
    assert ingest(seed).exit_code == 0
    variant = tmp_path / "copy.txt"
    variant.write_text(seed.read_text("utf-8").replace("’", "'").replace("\n\n", "\n  \n"),
                       "utf-8")
    before = sorted(p.name for p in known.rglob("*"))
    for article in (seed, variant):
        result = ingest(article, "--id", "another-id")
        assert result.exit_code == 1
        assert result.stderr == (
            "Error: this article is already in the corpus: content/texts/002_bb67c63f1bfaf407.txt, "
            "source record content/sources/biden-putin-hold-call-for-second-time.yaml\n")
    assert sorted(p.name for p in known.rglob("*")) == before


def test_text_already_stored_without_a_record_is_reused(known: Path) -> None:
    """A text copied into content/texts/ by hand, with no source record yet, is not copied
    again: the draft points at it."""
    seed = SEEDS / "004_cb0caa5794b2883b.txt"
    shutil.copy(seed, known / "texts" / "takeaways.txt")
    result = ingest(seed)
    assert result.exit_code == 0, result.output
    assert "Text: content/texts/takeaways.txt (already in the corpus, reused)" in result.output
    assert draft(known, "nytimes-2021-12-07-video-call")["text"] == "texts/takeaways.txt"
    assert not (known / "texts" / seed.name).exists()


def test_refuses_to_overwrite_a_record_or_a_text(known: Path, tmp_path: Path) -> None:
    """An existing source id or a text file name holding other words is refused, and nothing
    is written."""
    (known / "sources" / "taken.yaml").write_text("keep me\n", "utf-8")
    seed = SEEDS / "004_cb0caa5794b2883b.txt"
    result = ingest(seed, "--id", "taken")
    assert result.exit_code == 1
    assert result.stderr == ("Error: content/sources/taken.yaml already exists; choose another "
                             "id with --id\n")
    assert (known / "sources" / "taken.yaml").read_text("utf-8") == "keep me\n"
    assert not (known / "texts" / seed.name).exists()
    result = ingest(seed, "--text-name", "notes")
    assert result.exit_code == 1
    assert result.stderr == ("Error: content/texts/notes.txt already exists with other words; "
                             "choose another file name with --text-name\n")
    assert not (known / "sources" / "five-takeaways-from-the-biden-putin-call.yaml").exists()


def test_invalid_id_and_unreadable_articles(known: Path, tmp_path: Path) -> None:
    """An invalid --id, a file that is not UTF-8, an empty file and a missing file are refused
    with a message, never a traceback."""
    seed = SEEDS / "004_cb0caa5794b2883b.txt"
    result = ingest(seed, "--id", "Straits_Times")
    assert (result.exit_code, result.stderr) == (1, (
        "Error: 'Straits_Times' is not a valid id: use lowercase letters, digits and single "
        "hyphens, e.g. 'straits-times'\n"))
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\u00e9 talks".encode("latin-1"))
    result = ingest(latin)
    assert (result.exit_code, result.stderr) == (1, (
        f"Error: '{latin}' is not UTF-8 text (byte 3); save the article as UTF-8 plain text\n"))
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", "utf-8")
    assert ingest(empty).stderr == f"Error: '{empty}' is empty\n"
    missing = ingest(tmp_path / "missing.txt")
    assert missing.exit_code == 2 and "does not exist" in missing.stderr
    assert sorted(p.name for p in (known / "sources").iterdir()) == ["notes.yaml"]


# --- articles it has never seen (fictional) -------------------------------------------------

PHONE_STORY = """Adams And Brown Speak Again

By Carol Clerk

Tuesday, December 14, 2021

President Alice Adams and Premier Bob Brown spoke by phone on Tuesday, their second call in a week.

“We will keep talking until the tariffs fall,” Adams said after the call.

Premier Brown told reporters that the talks were "frank but friendly" and that trade came first.

"Nobody leaves the table," a senior ministry official said.
"""

MASTHEAD_STORY = """- The Alpha Times - 7 December 2021

Premier Brown and President Adams met by video for two hours. "The border stays open," Premier Brown said.
"""

WEATHER_STORY = """The weather in Capital City was mild this week, and the harbour reopened.

“It is a fine day for sailing,” a city official said on Friday.
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def test_new_article_with_curly_and_straight_quotes(ruritania: Path, tmp_path: Path) -> None:
    """A fictional article: byline, weekday date line, the phone call it covers (dated that
    day), and each quote with its speaker: a known actor, or an unnamed official described."""
    article = write(tmp_path, "adams-brown-again.txt", PHONE_STORY)
    result = ingest(article)
    assert result.exit_code == 0, result.output
    source_id = "adams-and-brown-speak-again"
    record = draft(ruritania, source_id)
    assert record["headline"] == "Adams And Brown Speak Again"
    assert record["authors"] == ["carol-clerk"]
    assert record["published"] == dt.date(2021, 12, 14)
    assert record["calls"] == ["2021-12-14-adams-brown-phone-call"]
    assert re.fullmatch(r"texts/000_[0-9a-f]{16}\.txt", record["text"])  # the corpus's convention
    assert (ruritania / record["text"]).read_bytes() == article.read_bytes()
    text = draft_text(ruritania, source_id)
    said = quoted(text)
    assert said["We will keep talking until the tariffs fall"] == (9, "speaker: alice-adams", LIKELY)
    assert said["frank but friendly"] == (11, "speaker: bob-brown", LIKELY)
    assert said["Nobody leaves the table"] == (13, "as: a senior ministry official", LIKELY)
    assert "#     alice-adams: 'Adams' x2, 'Alice Adams' x1\n#     bob-brown: 'Bob Brown' x1, 'Premier Brown' x1\n" in text


def test_new_article_that_validates_as_drafted_and_builds(ruritania: Path, tmp_path: Path) -> None:
    """A fictional article whose outlet, date and call the text gives and whose draft needs no
    decision to validate: from ingest to a built source page with no edit at all."""
    article = write(tmp_path, "alpha-masthead.txt", MASTHEAD_STORY)
    result = ingest(article)
    assert result.exit_code == 0, result.output
    record = draft(ruritania, "alpha-times-2021-12-07-video-call")
    assert (record["outlet"], record["outlet_org"]) == ("The Alpha Times", "alpha-times")
    assert record["published"] == dt.date(2021, 12, 7)
    assert record["calls"] == ["2021-12-07-adams-brown-video-call"]
    assert (3, "speaker: bob-brown", LIKELY) in quoted(draft_text(
        ruritania, "alpha-times-2021-12-07-video-call")).values()
    assert run("validate").exit_code == 0
    site = build(ruritania, tmp_path / "site")
    page = (site / "sources" / "alpha-times-2021-12-07-video-call" / "index.html").read_text("utf-8")
    assert "The Alpha Times" in page and "The border stays open" in page


def test_new_article_about_no_known_call(ruritania: Path, tmp_path: Path) -> None:
    """A fictional article with no headline, byline or date and no call: everything unknown,
    no candidate, and the draft says so where validation will point."""
    article = write(tmp_path, "weather.txt", WEATHER_STORY)
    result = ingest(article)
    assert result.exit_code == 0, result.output
    record = draft(ruritania, "weather")
    assert (record["headline"], record["outlet"], record["published"]) == ("unknown", "unknown", None)
    assert record["calls"] == [] and record["authors"] == []
    text = draft_text(ruritania, "weather")
    assert ("# NO CALL MATCHED, and no candidate: list the calls this article covers (validate "
            "fails until you\n#   do).\ncalls: []\n") in text
    assert (3, "as: a city official", LIKELY) in quoted(text).values()
    assert "  calls: none matched\n" in result.output
    assert "  authors: none named\n" in result.output


def test_byte_order_mark_is_stored_but_not_drafted(ruritania: Path, tmp_path: Path) -> None:
    """A byte-order mark is stored as it is, but does not leak into the draft, which stays a
    YAML file the loader accepts."""
    article = tmp_path / "odd.txt"
    article.write_bytes(b"\xef\xbb\xbfTrade Talks Resume\n\nBy Carol Clerk\n\n"
                        b"\xe2\x80\x9cWe are ready,\xe2\x80\x9d Adams said.\n")
    result = ingest(article)
    assert result.exit_code == 0, result.output
    record = draft(ruritania, "trade-talks-resume")
    assert (ruritania / record["text"]).read_bytes() == article.read_bytes()
    assert record["headline"] == "Trade Talks Resume"
    assert record["authors"] == ["carol-clerk"]
    assert "\ufeff" not in draft_text(ruritania, "trade-talks-resume")
    line = draft_text(ruritania, "trade-talks-resume").splitlines().index("calls: []") + 1
    authors = next(number for number, text in enumerate(
        draft_text(ruritania, "trade-talks-resume").splitlines(), 1)
        if "carol-clerk" in text and not text.lstrip().startswith("#"))
    # Every problem of the draft at once (issue 23): the empty calls: hides no other.
    assert run("validate").stderr.splitlines()[:-1] == [
        f"content/sources/trade-talks-resume.yaml:{authors}:11: authors[0]: unknown actor 'carol-clerk'",
        f"content/sources/trade-talks-resume.yaml:{line}:8: calls: needs at least one entry"]


def test_ingest_refuses_a_text_validate_would_refuse(ruritania: Path, tmp_path: Path) -> None:
    """A control character or a text over the size limit is refused before anything is stored,
    with validate's own words and where it stands: the stored text must stay byte-identical, so
    ingest cannot clean it."""
    before = sorted(p.relative_to(ruritania) for p in ruritania.rglob("*"))
    article = tmp_path / "odd.txt"
    article.write_bytes(b"Trade Talks Resume\n\nBy Carol Clerk\x0c\n")
    result = ingest(article)
    assert (result.exit_code, result.stderr) == (1, (
        f"Error: {article}:3:15: the text contains the control character U+000C, which has no "
        "place in an article; remove it; the stored text must be the article byte for byte, so "
        "fix the file first\n"))
    big = tmp_path / "big.txt"
    big.write_bytes(b"Trade talks resume.\n" * 100_001)
    result = ingest(big)
    assert (result.exit_code, result.stderr) == (1, (
        f"Error: '{big}' is 2,000,020 bytes; source texts are limited to 2,000,000 (one "
        "article, not a whole site)\n"))
    assert sorted(p.relative_to(ruritania) for p in ruritania.rglob("*")) == before


def test_a_line_break_in_an_option_is_shown_escaped_on_one_line(ruritania: Path,
                                                                tmp_path: Path) -> None:
    """--id, --text-name and --content holding a line break: one line, the value escaped."""
    article = write(tmp_path, "story.txt", PHONE_STORY)
    result = ingest(article, "--id", "gamma\nreport")
    assert (result.exit_code, result.stderr) == (1, (
        "Error: 'gamma\\nreport' is not a valid id: use lowercase letters, digits and single "
        "hyphens, e.g. 'gamma-report'\n"))
    result = ingest(article, "--text-name", "story\n.txt")
    assert (result.exit_code, result.stderr) == (1, (
        "Error: 'story\\n.txt' is not a usable text file name: use letters, digits, '_', '.' "
        "and '-', ending in .txt\n"))
    result = ingest(article, "--content", "con\ntent")
    assert (result.exit_code, result.stderr) == (1, (
        "Error: content directory 'con\\ntent' does not exist; run from the project root or "
        "pass --content\n"))


# --- articles ingest has never seen (tests/fixtures/ingest/), in the seed texts' styles ---

UNSEEN = ROOT / "tests" / "fixtures" / "ingest"
MORE_KNOWN = {
    "actors/yuri-ushakov.yaml": "name: Yuri Ushakov\naliases: [Ushakov, Mr. Ushakov]\n",
    "actors/jake-sullivan.yaml": "name: Jake Sullivan\naliases: [Sullivan, Mr. Sullivan]\n",
    "organizations/harbour-herald.yaml": "name: Harbour Herald\nkind: outlet\n",
    "organizations/north-star-news.yaml": "name: North Star News\naliases: [NSN]\nkind: outlet\n",
}


@pytest.fixture
def unseen(known: Path) -> Path:
    """The Biden–Putin corpus plus two advisers and two outlet records."""
    for rel, text in MORE_KNOWN.items():
        (known / rel).write_text(text, "utf-8")
    assert run("validate").exit_code == 0
    return known


def speakers(text: str) -> dict[str, str]:
    """Quote words -> the speaker field the draft gives them ('speaker: yuri-ushakov')."""
    return {words: said for words, (_, said, _) in quoted(text).items()}


def test_staff_report_outlet_apposition_and_he_said(unseen: Path) -> None:
    """'Example Wire staff report' gives the outlet (no record: the draft says to create one);
    'Yuri Ushakov, a foreign policy adviser to Putin, told …' and the next sentence's 'He said'
    are both Ushakov, never Putin; no call of the corpus is on 12 Feb 2022, so the draft and
    the command print the `briefing new call` that would create it."""
    result = ingest(UNSEEN / "example-wire-staff-report.txt")
    assert result.exit_code == 0, result.output
    record = draft(unseen, "example-wire-2022-02-12-phone-call")
    assert record["outlet"] == "Example Wire" and record["outlet_org"] is None
    assert record["published"] == dt.date(2022, 2, 12) and record["authors"] == []
    assert record["headline"] == "Biden and Putin talk for an hour as Ukraine fears grow"
    assert re.fullmatch(r"texts/000_[0-9a-f]{16}\.txt", record["text"])
    said = speakers(draft_text(unseen, "example-wire-2022-02-12-phone-call"))
    assert said["balanced and businesslike."] == "speaker: yuri-ushakov"
    assert said["hysteria."] == "speaker: yuri-ushakov"
    assert said["professional and substantive"] == "as: A senior administration official"
    assert said["no fundamental change."] == "as: A senior administration official"
    command = "briefing new call 2022-02-12-biden-putin-phone-call"
    assert f"# If it is a call the corpus lacks: {command}" in draft_text(unseen,
                                                                          "example-wire-2022-02-12-phone-call")
    assert ("  - calls: it reports a call the corpus lacks: save the draft's DRAFT CALL block as "
            "content/calls/2022-02-12-biden-putin-phone-call.yaml and edit it (validate fails "
            "until you do)") in result.output
    assert ("outlet_org: no organization record is named 'Example Wire': create one (briefing new "
            "organization …, kind: outlet) or leave it out") in result.output


def test_by_staff_line_known_outlet_record_and_she_continuations(unseen: Path) -> None:
    """'By Harbour Herald staff' gives the outlet and its record; 'She added …' and '"…," she
    said' continue Psaki; the 30 Dec call matches and names the id as the corpus does."""
    result = ingest(UNSEEN / "harbour-herald-by-staff.txt")
    assert result.exit_code == 0, result.output
    source_id = "harbour-herald-2021-12-30-phone-call"
    record = draft(unseen, source_id)
    assert (record["outlet"], record["outlet_org"]) == ("Harbour Herald", "harbour-herald")
    assert record["calls"] == [PHONE] and record["authors"] == []
    said = speakers(draft_text(unseen, source_id))
    assert said == {
        "made clear that the United States and its allies will respond decisively.":
            "speaker: jen-psaki",
        "expressed support for diplomacy.": "speaker: jen-psaki",
        "We are not going to negotiate over the heads of our partners": "speaker: jen-psaki"}


def test_a_line_naming_a_known_outlet_and_an_apposition_with_the(unseen: Path) -> None:
    """A top line that is a known outlet's name gives outlet and record (and is no author's
    name); 'Jake Sullivan, the national security adviser, told …' is Sullivan, not a described
    adviser, and so is 'He also said'."""
    result = ingest(UNSEEN / "north-star-news-known-outlet.txt")
    assert result.exit_code == 0, result.output
    source_id = "north-star-news-2021-12-07-video-call"
    record = draft(unseen, source_id)
    assert (record["outlet"], record["outlet_org"]) == ("North Star News", "north-star-news")
    assert record["authors"] == ["jane-roe"] and record["calls"] == [VIDEO]
    said = speakers(draft_text(unseen, source_id))
    assert said["direct and straightforward"] == "speaker: jake-sullivan"
    assert said["went back and forth"] == "speaker: jake-sullivan"
    assert said["There was a lot of give and take"] == "as: a senior administration official"


def test_a_reserved_id_is_refused(unseen: Path) -> None:
    """`--id index` would claim the sources index page: refused, nothing written."""
    result = ingest(UNSEEN / "harbour-herald-by-staff.txt", "--id", "index")
    assert result.exit_code == 1
    assert result.output == ("Error: 'index' is reserved for the sources index page; choose "
                             "another id with --id\n")
    assert not (unseen / "sources" / "index.yaml").exists()
    assert sorted(p.name for p in (unseen / "texts").iterdir()) == ["notes.txt"]


def test_an_id_with_a_trailing_newline_is_refused(unseen: Path) -> None:
    """`--id $'harbour\\n'` (a pasted line end) is not an id: the same check as file names."""
    result = ingest(UNSEEN / "harbour-herald-by-staff.txt", "--id", "harbour\n")
    assert result.exit_code == 1
    assert result.output == ("Error: 'harbour\\n' is not a valid id: use lowercase letters, digits and "
                             "single hyphens, e.g. 'harbour'\n")
    assert not list((unseen / "sources").glob("harbour*"))


def _benchmark_texts() -> dict[str, str]:
    spec = importlib.util.spec_from_file_location("benchmarks_ingest", ROOT / "benchmarks" / "ingest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.HOSTILE


HOSTILE = _benchmark_texts()
"""Issue 18's texts, each of which took minutes: shared with benchmarks/ingest.py, which times them."""


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_texts_are_read_by_the_same_rules(unseen: Path, tmp_path: Path, case: str) -> None:
    """A line of 8,000 spaces, a 20 kB line without a full stop before 'contributed', 75 kB of
    'Copyright 2021 ' and 2,000 quotes in one paragraph are ingested (benchmarks/run.py times
    them) with what the rules give: no author from the spaces, no contributor from a run of
    lowercase words, no outlet from a copyright line with no name, every quote with Biden."""
    article = tmp_path / f"{case}.txt"
    article.write_text(HOSTILE[case], "utf-8")
    result = ingest(article)
    assert result.exit_code == 0, result.output
    source = next((unseen / "sources").glob("talks-resume*.yaml"))
    record, text = yaml.safe_load(source.read_text("utf-8")), source.read_text("utf-8")
    assert record["headline"] == "Talks Resume"
    assert record["contributors"] == [] and record["outlet"] == "unknown"
    if case == "spaces":
        assert record["authors"] == [] and record["published"] == dt.date(2021, 12, 30)
        assert record["calls"] == [PHONE]
    if case == "quotes":
        said = quoted(text)
        assert len(said) == 2000
        assert all(speaker == "speaker: joe-biden" for _, speaker, _ in said.values())
