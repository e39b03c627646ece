"""The content rules of tests/content_rules.py judge by the source text around a passage and never
fail a correct update: each case is a throwaway copy of the mini corpus with one paragraph and
one claim added, as a curator would add them (issue 28: an anonymous official's words, cited
from the middle of the sentence that grants the anonymity, turned CI red)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.core.pipeline import validate

from . import content_rules
from .conftest import MINI

PHONE = "calls/2021-12-14-adams-brown-phone-call.yaml"
GRANTED = ("A senior administration official, speaking on condition of anonymity, said there was "
           "\"no fundamental change\" in the talks.")
PLAIN = "A senior administration official said there was \"no fundamental change\" in the talks."
CLAIM = """  - text: An official said nothing fundamental had changed.
    cites:
      - source: beta-report
        passage: said there was "no fundamental change"
        attribution: {attribution}
        as: a senior administration official
"""


def _corpus(tmp_path: Path, paragraphs: list[str], attribution: str = "anonymous") -> Path:
    """The mini corpus with paragraphs added to beta.txt and one reaction citing the official."""
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    text = content / "texts/beta.txt"
    text.write_text(text.read_text("utf-8") + "".join(f"\n{p}\n" for p in paragraphs), "utf-8")
    call = content / PHONE
    call.write_text(call.read_text("utf-8") + CLAIM.format(attribution=attribution), "utf-8")
    return content


def test_anonymity_granted_in_the_passage_sentence_passes(tmp_path: Path):
    """The curator's case: the passage starts after "speaking on condition of anonymity,"."""
    graph = validate(_corpus(tmp_path, [GRANTED]))
    found = content_rules.anonymity(graph)
    assert (found.failures, found.doubts) == ([], [])
    found.report()


def test_anonymity_the_text_never_grants_fails(tmp_path: Path):
    """`anonymous` where the text names no anonymity anywhere is wrong for certain: it fails."""
    graph = validate(_corpus(tmp_path, [PLAIN]))
    found = content_rules.anonymity(graph)
    assert found.doubts == []
    assert found.failures == [
        "calls/2021-12-14-adams-brown-phone-call: anonymous attribution of 'said there was \"no "
        "fundamental change\"' (beta-report): the text never says anyone spoke anonymously"]
    with pytest.raises(AssertionError):
        found.report()


def test_anonymity_granted_in_another_paragraph_only_warns(tmp_path: Path):
    """Officials introduced as anonymous a paragraph earlier: the rule cannot be sure, so it
    warns and the run stays green."""
    earlier = "Officials briefed reporters on condition of anonymity after the call."
    graph = validate(_corpus(tmp_path, [earlier, PLAIN]))
    found = content_rules.anonymity(graph)
    assert found.failures == [] and len(found.doubts) == 1
    with pytest.warns(content_rules.ContentRuleDoubt, match="not in its paragraph"):
        found.report()


def test_unnamed_official_is_not_checked_for_anonymity(tmp_path: Path):
    graph = validate(_corpus(tmp_path, [PLAIN], attribution="unnamed"))
    found = content_rules.anonymity(graph)
    assert (found.failures, found.doubts) == ([], [])


def test_a_preview_that_came_true_warns_and_never_fails(tmp_path: Path):
    """'had been expected to …, and she did' stated as done is right by the text; the preview
    rule cannot tell, so it warns instead of failing."""
    said = "Adams had been expected to demand a tariff cut, and she did."
    content = _corpus(tmp_path, [GRANTED, said])
    call = content / PHONE
    call.write_text(call.read_text("utf-8") + (
        "  - text: Adams demanded a tariff cut.\n"
        "    cites:\n"
        "      - source: beta-report\n"
        f"        passage: {said}\n"), "utf-8")
    found = content_rules.previews(validate(content))
    assert found.failures == []
    assert found.doubts == ["calls/2021-12-14-adams-brown-phone-call: stated as done, resting "
                            "only on previews: 'Adams demanded a tariff cut.'"]
    with pytest.warns(content_rules.ContentRuleDoubt, match="resting only on previews"):
        found.report()


def test_may_the_month_is_no_hedge(tmp_path: Path):
    """'in May' hedges nothing: a claim resting on it needs no hedge of its own."""
    said = "The two leaders last met in May."
    content = _corpus(tmp_path, [GRANTED, said])
    call = content / PHONE
    call.write_text(call.read_text("utf-8") + (
        "  - text: The two leaders had met before.\n"
        "    cites:\n"
        "      - source: beta-report\n"
        f"        passage: {said}\n"), "utf-8")
    found = content_rules.hedges(validate(content))
    assert (found.failures, found.doubts) == ([], [])
