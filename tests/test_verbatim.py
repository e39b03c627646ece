"""The verbatim verifier: folding, finding passages, and explaining misses."""

from generator.core.verbatim import FoldedText, fold, mismatch_message

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
