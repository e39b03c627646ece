"""The brief's rules in the page builder (issue 12), on the frozen mini fixture: topic asides
dropped from running text, first mention linked per section, one note per passage, sources and
attributions named in plain English."""

from __future__ import annotations

from generator.core.models import Citation
from generator.core.pipeline import validate
from generator.core.render import PageBuilder, Site

from .conftest import MINI

SITE = Site(validate(MINI))


def _builder() -> PageBuilder:
    return PageBuilder(SITE, "calls/x.md")


def test_a_parenthesis_of_topic_links_is_dropped_and_other_links_are_kept():
    p = _builder()
    assert str(p.prose("Tariffs rose ([[trade]]).")) == "Tariffs rose\\."
    assert str(p.prose("Tariffs rose ([[trade]], [[sanctions-vote]]).")) == (
        "Tariffs rose \\([Sanctions vote](../events/sanctions-vote.md)\\)\\.")


def test_a_record_is_linked_at_its_first_mention_in_a_section_only():
    p = _builder()
    assert str(p.prose("[[bob-brown|Brown]] and [[bob-brown|Brown]]")) == (
        "[Brown](../actors/bob-brown.md) and [Brown](../actors/bob-brown.md)")  # no section yet
    p.section()
    assert str(p.prose("[[bob-brown|Brown]] spoke; [[bob-brown|Brown]] left")) == (
        "[Brown](../actors/bob-brown.md) spoke; Brown left")
    assert str(p.prose("then [[bob-brown|Brown]]")) == "then Brown"
    p.section()
    assert str(p.prose("[[bob-brown|Brown]]")) == "[Brown](../actors/bob-brown.md)"


def test_one_note_per_passage_with_each_attribution_in_plain_english():
    p = _builder()
    said = Citation.model_validate({"source": "alpha-report", "passage": "warned of",
                                    "attribution": "on-record", "speaker": "bob-brown",
                                    "as": "the premier"})
    plain = Citation.model_validate({"source": "alpha-report", "passage": "warned of"})
    other = Citation.model_validate({"source": "alpha-report", "passage": "just over two hours",
                                     "attribution": "anonymous", "as": "an aide"})
    text, notes_text = p.finish(str(p.cite([said])) + str(p.cite([plain, other])))
    assert text == "[^1][^1][^2]"
    notes = str(notes_text).splitlines()
    assert len(notes) == 2
    assert notes[0].startswith("[^1]: [The Alpha Times, “Leaders Talk For Two Hours”, "
                               "7 December 2021](../sources/alpha-report.md#cite-")
    assert notes[0].endswith("— Bob Brown \\(the premier\\) said, on the record\\.")
    assert notes[1].startswith("[^2]: [The Alpha Times](")  # short form once named in full
    assert notes[1].endswith("— An aide, speaking on condition of anonymity\\.")


def test_a_source_without_outlet_or_date_says_so_plainly():
    assert SITE.source_label("beta-report") == (
        "Outlet not stated, “Second call between Adams and Brown”, date not stated")


def test_a_speaker_the_statement_already_names_is_not_named_again_in_its_tag():
    """'According to Brown, …' needs no '(according to Bob Brown)'; another voice, a readout
    or a statement that does not name the speaker keeps its tag."""
    p = _builder()
    said = Citation.model_validate({"source": "alpha-report", "passage": "warned of",
                                    "attribution": "on-record", "speaker": "bob-brown"})
    readout = Citation.model_validate({"source": "alpha-report", "passage": "warned of",
                                       "attribution": "readout", "speaker": "bob-brown"})
    assert str(p.attributed([said], "According to [[bob-brown]], tariffs rose.")) == ""
    assert str(p.attributed([said], "Tariffs rose, Bob Brown said.")) == ""
    assert "Bob Brown" in str(p.attributed([said], "Tariffs rose."))
    assert "readout" in str(p.attributed([readout], "According to [[bob-brown]], tariffs rose."))


def test_key_quotes_are_only_what_was_said_in_or_after_the_call(mini_copy):
    """A side's card is its longest whole quote said in or after the call: a remark made before
    it, or one the sources do not date, never stands for what the call produced."""
    from generator.core.render.record_pages import key_quotes
    from generator.core.render.site import Site

    bob = mini_copy / "actors" / "bob-brown.yaml"  # Bob speaks for the call's one side
    bob.write_text(bob.read_text("utf-8").replace(
        "  - title: Premier\n", "  - title: Premier\n    organization: ruritania-government\n"), "utf-8")
    call_file = mini_copy / "calls" / "2021-12-07-adams-brown-video-call.yaml"
    original = call_file.read_text("utf-8")
    said = "  - cite: beta-we-want-peace-and-trade\n"  # Bob's "We want peace and trade too."

    def cards(timing: str | None) -> list[str]:
        text = original if timing is None else original.replace(
            said, said + f"    timing: {timing}\n")
        call_file.write_text(text, "utf-8")
        graph = validate(mini_copy)
        return [q.words for q in key_quotes(Site(graph), graph.corpus.get(
            "calls", "2021-12-07-adams-brown-video-call"))]

    assert said in original
    assert cards("after") == ["We want peace and trade too."]
    assert cards("during") == ["We want peace and trade too."]
    # Left: "grave consequences", said in the call but a fragment; so the side gets no card.
    assert cards("before") == cards(None) == []
