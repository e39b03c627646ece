"""The verbatim verifier: folding, finding passages, and explaining misses."""

import re
from html import unescape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.core.text_file import read_text
from generator.core.verbatim import FoldedText, fold, mismatch_message

from .conftest import MINI, build

TEXT = ("Mr. Putin “noted that it would be a mistake that our ancestors would see as a grave "
        "error.\nA lot of mistakes have been made over the past 30 years” — Ushakov said.")


def test_fold_normalises_quotes_dashes_and_whitespace():
    """Curly quotes become straight, dashes hyphens, runs of whitespace one space."""
    assert fold("“a”  ‘b’ –\n— c") == "\"a\" 'b' - - c"


def test_passage_found_across_line_breaks_and_curly_quotes():
    """A passage typed with straight quotes and one space matches the printed text."""
    text = FoldedText.of(TEXT)
    span = text.span('grave error. A lot of mistakes')
    assert span is not None
    assert TEXT[span[0]:span[1]] == "grave error.\nA lot of mistakes"


def test_span_maps_back_to_original_characters():
    """The span covers the original curly quote, not the folded one."""
    text = FoldedText.of(TEXT)
    start, end = text.span('30 years" - Ushakov')
    assert TEXT[start:end] == "30 years” — Ushakov"


def test_one_changed_word_is_not_found_and_the_message_shows_the_closest_passage():
    """'descendants' for 'ancestors' fails, naming source and the nearest real words."""
    text = FoldedText.of(TEXT)
    quote = "it would be a mistake that our descendants would see as a grave error"
    assert text.find(quote) == -1
    message = mismatch_message("quote", quote, text, "wt")
    assert message == (
        "quote not found verbatim in source 'wt': \"it would be a mistake that our descendants "
        "would see as a grave error\"; closest passage in the source: \"it would be a mistake "
        "that our ancestors would see as a grave error\" (yours has 'descendants' where the "
        "source has 'ancestors')")


def test_boilerplate_is_not_citable():
    """Text after body_end is not found."""
    text = FoldedText.of("Body words here.\n\nShare: More stories")
    text.body_end = text.find("Share:")
    assert text.find("Body words") == 0
    assert text.find("More stories") == -1


def test_decomposed_accents_match_composed_ones(tmp_path):
    """'Café' typed with a combining accent (NFD) matches the source's composed 'Café' (NFC),
    and the other way round: texts are read as NFC and passages composed before comparing."""
    path = tmp_path / "t.txt"
    path.write_text("Le Caf\u0065\u0301 de Flore, and the Caf\u00e9 Central.", "utf-8")
    text = FoldedText.of(read_text(path, "t.txt", tmp_path))
    assert text.find("Le Caf\u00e9 de Flore") == 0
    assert text.find("the Caf\u0065\u0301 Central") > 0


@pytest.mark.parametrize("end", ["\r", "\r\n", "\u2028"])
def test_line_ends_are_made_newlines_on_reading(tmp_path, end):
    """CR-only (old Mac), CRLF and Unicode line separators become '\\n', so paragraphs stay."""
    path = tmp_path / "t.txt"
    path.write_bytes(f"One.{end}{end}Two.{end}".encode())
    assert read_text(path, "t.txt", tmp_path) == "One.\n\nTwo.\n"


def _long_text(sentences: int) -> str:
    return " ".join(f"Sentence {n} tells of the {n % 7}th river and {n * 13 % 101} boats."
                    + ("\n\n" if n % 9 == 0 else "") for n in range(sentences))


def test_long_near_miss_names_the_closest_passage_and_the_difference():
    """A 3,000-character passage with one word changed, in a 300 kB text: the message shows the
    real words (shortened) and the one difference."""
    text = FoldedText.of(_long_text(6_000))
    start = text.folded.index("Sentence 4000 ")
    copied = text.folded[start: text.folded.index(" Sentence 4060 ", start)]
    passage = copied.replace("4031 tells", "4031 speaks")
    message = mismatch_message("quote", passage, text, "long")
    assert message.endswith(f"; closest passage in the source: \"{copied[:157]}...\" (yours has "
                            "'speaks' where the source has 'tells')")


def test_near_miss_with_a_dropped_word_and_an_added_one():
    """Words left out or added shift the passage; the closest words are still found."""
    text = FoldedText.of(_long_text(500))
    passage = "Sentence 250 tells of the 5th river and 18 boats. Sentence 251 tells of the 6th and 31 boats."
    message = mismatch_message("quote", passage, text, "long")
    assert message.endswith('closest passage in the source: "Sentence 250 tells of the 5th river '
                            'and 18 boats. Sentence 251 tells of the 6th river and 31 boats" '
                            "(yours leaves out 'river' after '6th')")


ALPHA = (MINI / "texts" / "alpha.txt").read_text("utf-8")


@pytest.mark.parametrize(("passage", "difference"), [
    # a wrong last word: the source's word there, not 'nothing'
    ("The call ended at 4:25 p.m. Eastern day", "yours has 'day' where the source has 'time'"),
    ("Brown, speaking from his dacha, warned of grave consequences if sanctions ended",
     "yours has 'ended' where the source has 'came'"),
    # two words too many where the citable text ends
    ("More stories about cats and dogs", "yours goes on with 'and dogs' where the source's "
                                         "text ends"),
    # a word left out
    ("President Alice Adams and Premier Brown spoke", "yours leaves out 'Bob' after 'Premier'"),
    # an all-capitals copy: found, and said to differ in capitals only, or by its one wrong word
    ('BROWN, SPEAKING FROM HIS DACHA, WARNED OF "GRAVE CONSEQUENCES" IF SANCTIONS CAME',
     "yours differs from the source in capital letters only"),
    ('BROWN, SPEAKING FROM HIS DACHA, WARNED OF "GRAVE CONSEQUENCES" IF SANCTIONS WENT',
     "yours has 'WENT' where the source has 'came'"),
])
def test_a_near_miss_says_what_the_source_has_there(passage: str, difference: str):
    """The difference named is the source's own word at that place, capitals aside."""
    message = mismatch_message("quote", passage, FoldedText.of(ALPHA), "alpha-report")
    assert "; closest passage in the source: " in message, message
    assert message.endswith(f" ({difference})"), message


def test_a_text_with_cr_only_line_ends_keeps_its_paragraphs_on_the_source_page(mini_copy, tmp_path):
    """Built HTML: a text saved with old-Mac line ends shows the same paragraphs as the
    original, not one."""
    beta = mini_copy / "texts" / "beta.txt"
    original = beta.read_text("utf-8")
    beta.write_bytes(original.replace("\n", "\r").encode("utf-8"))
    site = build(mini_copy, tmp_path / "site")
    html = (site / "sources" / "beta-report" / "index.html").read_text("utf-8")
    body = html[html.index('<div class="verbatim"'):]
    paragraphs = re.findall(r"<p>(.*?)</p>", body[: body.index("</div>")], re.S)
    expected = [part.strip()[:20] for part in original.split("\n\n") if part.strip()]
    assert len(expected) > 3
    assert [unescape(re.sub(r"<[^>]+>", "", p))[:20] for p in paragraphs] == expected


_SENTENCES = [sentence.split(" ") for sentence in re.split(r"(?<=[.”]) ", fold(ALPHA.split(
    "Share this story")[0])) if len(sentence.split(" ")) >= 5]


@given(data=st.data())
@settings(max_examples=60, deadline=None)
def test_a_changed_word_of_any_sentence_is_named_with_the_source_s_word(data):
    """Any one word of a sentence replaced (the last one too), or the whole sentence typed in
    capitals: the message names the source's own word at that place, or says capitals only."""
    text = FoldedText.of(ALPHA.split("Share this story")[0])
    words = data.draw(st.sampled_from(_SENTENCES))
    at = data.draw(st.integers(0, len(words) - 1))
    original = words[at].strip("\"'.,;:!?()[]")
    if not any(char.isalnum() for char in original):
        return  # a dash alone is punctuation, not a word to name
    changed = [*words[:at], "zqx", *words[at + 1:]]
    message = mismatch_message("quote", " ".join(changed), text, "alpha-report")
    assert message.endswith(f"(yours has 'zqx' where the source has {original!r})"), message
    shouted = mismatch_message("quote", " ".join(words).upper(), text, "alpha-report")
    assert shouted.endswith("(yours differs from the source in capital letters only)"), shouted
