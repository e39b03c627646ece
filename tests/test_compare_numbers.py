"""Numbers are compared as numbers before any folding (issue 28); wording variants of one remark
are told from conflicts of fact, and only conflicts are counted (issue 25); a remark key names
one speaker's remark (validate)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.core.compare import (
    CLASH,
    COMPATIBLE,
    CONFLICTING,
    SAME,
    VARIANT,
    compare_fact,
    compare_remark,
    normalise,
)
from generator.core.errors import ContentError
from generator.core.models import Fact, Quote
from generator.core.pipeline import generate, validate

DAY = dt.date(2021, 12, 7)


def fact(*values: str) -> Fact:
    return Fact.model_validate({"key": "k", "label": "L", "reports": [
        {"source": f"s{i}", "passage": "the words", "value": v} for i, v in enumerate(values)]})


def remark(*words: str):
    return compare_remark("r", [("call", Quote(words=w, source=f"s{i}")) for i, w in enumerate(words)])


ISSUE_PAIRS = [("1.5 million", "15 million"), ("5.5 percent", "55 percent"),
               ("-5 degrees", "5 degrees"), ("3.14", "314"), ("10:07", "1007"),
               ("5%", "55%"), ("minus 5 degrees", "5 degrees"), ("$1.5 million", "€1.5 million"),
               ("5 degrees below zero", "5 degrees"), ("10²", "102"), ("1½ million", "1 million"),
               ("1,5", "15"), ("1.500", "1500"), ("10:07 p.m.", "10:07 a.m.")]


@pytest.mark.parametrize("a,b", ISSUE_PAIRS)
def test_different_numbers_are_two_versions_that_clash(a, b):
    comparison = compare_fact("call", fact(a, b), DAY)
    assert [v.value for v in comparison.versions] == [a, b]
    assert comparison.outcome == CONFLICTING and comparison.disagrees


@pytest.mark.parametrize("a,b", ISSUE_PAIRS)
def test_a_remark_quoted_with_different_numbers_is_a_conflict(a, b):
    comparison = remark(f"we counted {a} on Tuesday", f"We counted {b} on Tuesday.")
    assert comparison.outcome == CONFLICTING, [p.reason for p in comparison.pairs]


# --- properties over numbers -------------------------------------------------------------------

values = st.decimals(min_value=Decimal("-1e7"), max_value=Decimal("1e7"), places=3,
                     allow_nan=False, allow_infinity=False)
units = st.sampled_from(["", " percent", "%", " degrees", " million", " troops", " billion"])
contexts = st.sampled_from(["{}", "about {} people said", "the figure: {}.", "({})"])


def written(value: Decimal, style: int) -> str:
    """One of several English ways of writing the value."""
    sign = "-" if value < 0 else ""
    magnitude = abs(value).normalize()
    text = format(magnitude, "f")
    if style == 1 and magnitude == magnitude.to_integral_value():
        text = f"{int(magnitude):,}"
    elif style == 2 and "." in text:
        text = text + "0"  # a trailing zero: the same value
    return sign + text


@settings(max_examples=300, deadline=None)
@given(values, values, units, contexts, st.integers(0, 2), st.integers(0, 2))
def test_two_different_values_are_never_folded_to_one_version(a, b, unit, context, sa, sb):
    if a == b:
        return
    ta, tb = context.format(written(a, sa) + unit), context.format(written(b, sb) + unit)
    assert normalise(ta) != normalise(tb)
    comparison = compare_fact("call", fact(ta, tb), DAY)
    assert len(comparison.versions) == 2
    if not context.startswith("about"):  # "about" is an approximation, and may hold the other
        assert comparison.outcome == CONFLICTING, (ta, tb, comparison.reasons)
    assert remark(f"we said {ta}", f"we said {tb}").outcome == CONFLICTING


@settings(max_examples=200, deadline=None)
@given(values, units, st.integers(0, 2), st.integers(0, 2))
def test_one_value_written_two_ways_is_one_version_or_the_same_figure(value, unit, sa, sb):
    ta, tb = written(value, sa) + unit, written(value, sb) + unit
    comparison = compare_fact("call", fact(ta, tb), DAY)
    assert comparison.outcome in (SAME, COMPATIBLE), (ta, tb)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 999), st.sampled_from([("thousand", 1_000), ("million", 1_000_000)]))
def test_a_scale_word_and_the_full_digits_are_the_same_figure_shown_as_two_versions(n, scale):
    word, factor = scale
    short, full = f"{n / 10} {word}", f"{int(Decimal(n) / 10 * factor):,}"
    comparison = compare_fact("call", fact(short, full), DAY)
    assert len(comparison.versions) == 2  # never merged: the reader sees both writings
    assert comparison.outcome == COMPATIBLE and "same figure" in comparison.reasons[0]


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 23), st.integers(0, 59), st.integers(0, 23), st.integers(0, 59))
def test_two_clock_times_fold_together_only_when_equal(h1, m1, h2, m2):
    a, b = f"{h1}:{m1:02d}", f"{h2}:{m2:02d}"
    assert (normalise(a) == normalise(b)) == ((h1, m1) == (h2, m2))
    assert normalise(a) != normalise(f"{h1}{m1:02d}")


# --- round figures and parts of the day ---------------------------------------------------------

def test_each_pair_of_three_durations_is_shown_and_a_bare_round_hour_holds_62_minutes():
    comparison = compare_fact("call", fact("just over an hour", "62-minute", "one hour"), DAY)
    assert len(comparison.pairs) == 3
    assert all(p.kind == COMPATIBLE for p in comparison.pairs), [p.reason for p in comparison.pairs]
    assert any("round figure" in p.reason and "62-minute" in p.reason for p in comparison.pairs)


def test_a_bare_round_hour_does_not_hold_70_minutes_and_the_pair_that_clashes_is_named():
    comparison = compare_fact("call", fact("just over an hour", "70 minutes", "one hour"), DAY)
    assert comparison.outcome == CONFLICTING
    kinds = {(p.a.value, p.b.value): p.kind for p in comparison.pairs}
    assert kinds == {("just over an hour", "70 minutes"): COMPATIBLE,
                     ("just over an hour", "one hour"): COMPATIBLE,
                     ("70 minutes", "one hour"): CLASH}


@pytest.mark.parametrize("part,clock,expected", [
    ("Tuesday morning", "10:07 a.m.", COMPATIBLE), ("in the evening", "10:07 a.m.", CONFLICTING),
    ("late at night", "11:30 p.m.", COMPATIBLE), ("in the afternoon", "3:35 p.m.", COMPATIBLE),
])
def test_a_part_of_the_day_is_an_approximation_of_a_clock_time(part, clock, expected):
    assert compare_fact("call", fact(part, clock), DAY).outcome == expected


# --- wording variants of one remark versus conflicts of fact -------------------------------------

@pytest.mark.parametrize("a,b", [
    ("Unfortunately, last time we didn't get to see one another at G-20",
     "Unfortunately last time we didn't get to see one another at the G20."),
    ("intensive period", "a very intense period of consultation"),
    ("I welcome you, Mr. President", "Greetings, Mr. President!"),
    ("I hope next time we meet to do it in person.", "I am hoping next time we meet we do it in person."),
])
def test_wordings_of_one_remark_are_variants_shown_not_counted(a, b):
    comparison = remark(a, b)
    assert comparison.outcome == VARIANT and not comparison.disagrees
    assert len(comparison.versions) == 2 and comparison.pairs[0].kind == VARIANT


@pytest.mark.parametrize("a,b", [("we accept the terms", "we do not accept the terms"),
                                 ("the F-16 jets", "the F-15 jets"),
                                 ("over the past 30 years", "over the past 20 years"),
                                 ("we lost five million", "we lost fifty million"),
                                 ("at the G-20", "at the G-7")])
def test_wordings_of_one_remark_that_negate_or_give_other_numbers_conflict(a, b):
    assert remark(a, b).outcome == CONFLICTING


# --- the pages: counts, lists, and what the reader sees ------------------------------------------

MINI = Path(__file__).parent / "fixtures" / "mini" / "content"


def _numbers_corpus(tmp_path: Path) -> Path:
    import shutil
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    (content / "texts" / "alpha.txt").write_text(
        (content / "texts" / "alpha.txt").read_text("utf-8").replace(
            "Adams proposed", "The ministry counted 1.5 million viewers. Adams proposed"), "utf-8")
    (content / "texts" / "beta.txt").write_text(
        (content / "texts" / "beta.txt").read_text("utf-8").replace(
            "Brown asked for the call.", "Brown asked for the call. It had 15 million viewers."),
        "utf-8")
    call = content / "calls" / "2021-12-07-adams-brown-video-call.yaml"
    call.write_text(call.read_text("utf-8").replace("facts:\n", """facts:
  - key: viewers
    label: How many watched
    reports:
      - source: alpha-report
        value: 1.5 million
        passage: The ministry counted 1.5 million viewers.
      - source: beta-report
        value: 15 million
        passage: It had 15 million viewers.
""", 1), "utf-8")
    return content


def test_different_figures_are_shown_as_a_disagreement_on_every_page(tmp_path):
    pages = generate(_numbers_corpus(tmp_path))
    call = pages["calls/2021-12-07-adams-brown-video-call.md"]
    disagree, _, rest = call.partition("## Stated differently, consistent")
    assert "### How many watched" in disagree and "### How many watched" not in rest
    agree = call.partition("### Where they agree")[2].partition("### Source coverage")[0]
    assert "How many watched" not in agree
    assert "The sources disagree on 2 facts" in call
    assert re.search(r"\| How many watched ⚠ \| 1\\\.5 million \| 15 million \|", call), call
    assert "How many watched" in pages["disagreements/2021-12.md"]
    assert re.search(r"^- 2 facts on which the sources disagree", pages["index.md"], re.M)


def test_home_and_call_count_conflicts_of_fact_only_each_once():
    """The mini corpus: one conflict of fact (where Brown was) and one remark worded two ways."""
    pages = generate(MINI)
    assert re.search(r"^- 1 facts? on which the sources disagree", pages["index.md"], re.M)
    call = pages["calls/2021-12-07-adams-brown-video-call.md"]
    assert "The sources disagree on 1 fact:" in call
    assert "## Wording variants of one remark" in call
    assert "Wording variants of one remark" in pages["disagreements/2021-12.md"]


def test_a_fact_with_several_reasons_renders_one_list_item_per_pair(mini_site):
    html = (mini_site / "calls" / "2021-12-07-adams-brown-video-call" / "index.html").read_text("utf-8")
    block = html[html.index('id="fact-duration"'):]
    block = block[:block.index("<h3")] if "<h3" in block else block
    items = re.findall(r"<li>(.*?)</li>", block, re.S)
    assert len(items) == 3, items
    assert all(item.count("Consistent") == 1 for item in items), items
    # The disagreements page lists each consistent fact as its own item.
    page = (mini_site / "disagreements" / "2021-12" / "index.html").read_text("utf-8")
    listed = page[page.index('id="stated-differently-consistent"'):]
    listed = listed[:listed.index("</ul>")]
    consistent = [c for c in validate_mini().consistent()]
    assert len(re.findall(r"<li>", listed)) == len(consistent) >= 3


def validate_mini():
    from generator.core.compare import compare_corpus
    graph = validate(MINI)
    return compare_corpus(graph.corpus, graph.calls_in_order)


# --- validate: one remark key, one speaker -------------------------------------------------------

def test_one_remark_key_for_two_speakers_is_refused_naming_both(tmp_path):
    import shutil
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    call = content / "calls" / "2021-12-07-adams-brown-video-call.yaml"
    text = call.read_text("utf-8")
    call.write_text(text.replace("    context: On the call's purpose.\n",
                                 "    context: On the call's purpose.\n    remark: peace-and-trade\n"),
                    "utf-8")
    with pytest.raises(ContentError) as caught:
        validate(content)
    (problem,) = caught.value.problems
    assert problem.file.endswith("calls/2021-12-07-adams-brown-video-call.yaml")
    assert problem.field == "quotes[1].remark" and problem.line > 0
    assert "'alice-adams'" in problem.message and "'bob-brown'" in problem.message
    assert "give this quote its own remark key" in problem.message


# --- the normal form never merges wordings whose numbers differ ---------------------------------

wordings = st.text(alphabet="0123456789 ,.:-%$°amp", max_size=14).map(lambda t: f"x {t} y")


@settings(max_examples=1000, deadline=None)
@given(wordings, wordings)
def test_wordings_folded_together_read_the_same_numbers(a, b):
    """Whatever the characters, two wordings with one normal form give the same numbers, value
    for value."""
    from generator.core.figures import numbers
    if normalise(a) == normalise(b):
        assert numbers(a) == numbers(b), (a, b)


def test_leading_zeros_are_kept_as_written():
    comparison = compare_fact("call", fact("1 000 000", "1 0 0"), DAY)
    assert len(comparison.versions) == 2 and comparison.outcome == CONFLICTING
    assert len(compare_fact("call", fact("007", "7"), DAY).versions) == 2
