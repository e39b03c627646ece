"""The comparison model: same, compatible (by rule or by the curator's cited relation),
conflicting, and one source; each rule alone, on the fixture corpus, and generically on the real
corpus (no counts pinned)."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.core.compare import (
    COMPATIBLE,
    CONFLICTING,
    ONE_SOURCE,
    SAME,
    VARIANT,
    compare_corpus,
    compare_fact,
    compare_remark,
    excerpt_rule,
    normalise,
)
from generator.core.models import Fact, Quote
from generator.core.pipeline import validate

from .conftest import MINI, REAL

DAY = dt.date(2021, 12, 30)


def fact(*reports: dict, relation: dict | None = None) -> Fact:
    base = {"source": "a", "passage": "the words"}
    data = {"key": "k", "label": "L", "reports": [{**base, **r} for r in reports]}
    if relation:
        data["relation"] = relation
    return Fact.model_validate(data)


def outcome(*reports: dict, relation: dict | None = None) -> str:
    return compare_fact("call", fact(*reports, relation=relation), DAY).outcome


# --- each rule alone ---------------------------------------------------------------------------

def test_same_after_folding_case_punctuation_and_quote_marks():
    assert outcome({"value": "Good to see you again!"},
                   {"source": "b", "value": "good to see you again"}) == SAME
    assert outcome({"value": "“serious”"}, {"source": "b", "value": '"Serious."'}) == SAME
    assert normalise("G-20") == normalise("G 20")


def test_one_source_is_never_agreement():
    assert outcome({"value": "Putin"}) == ONE_SOURCE
    comparison = compare_fact("call", fact({"value": "Putin"}, {"value": "Putin"}), DAY)
    assert comparison.outcome == ONE_SOURCE and not comparison.disagrees


def test_the_same_value_from_one_source_twice_is_one_source():
    assert outcome({"value": "nearly 100,000"}, {"value": "nearly 100,000"}) == ONE_SOURCE


def test_the_same_instant_in_two_time_zones_is_compatible():
    comparison = compare_fact("call", fact(
        {"value": "4:25 p.m. Eastern time", "time": "16:25", "timezone": "America/New_York"},
        {"source": "b", "value": "past midnight in Moscow", "time": "00:00",
         "timezone": "Europe/Moscow"}), DAY)
    assert comparison.outcome == COMPATIBLE
    assert "00:25 in Europe/Moscow" in comparison.reasons[0]


def test_different_instants_in_two_time_zones_conflict():
    assert outcome({"value": "4:25 p.m.", "time": "16:25", "timezone": "America/New_York"},
                   {"source": "b", "value": "past 2 a.m. in Moscow", "time": "02:00",
                    "timezone": "Europe/Moscow"}) == CONFLICTING


def test_a_zone_as_words_cannot_be_converted_so_no_rule_decides():
    assert outcome({"value": "4:25 p.m.", "time": "16:25", "timezone": "Eastern time"},
                   {"source": "b", "value": "past midnight", "time": "00:00",
                    "timezone": "Europe/Moscow"}) == CONFLICTING


@pytest.mark.parametrize("rough,precise", [
    ({"value": "nearly an hour"}, {"value": "50 minutes", "minutes": 50}),
    ({"value": "tens of thousands"}, {"value": "70,000 troops"}),
    ({"value": "just over two hours"}, {"value": "roughly two hours"}),
])
def test_an_approximation_that_holds_the_figure_is_compatible(rough, precise):
    assert outcome(rough, {"source": "b", **precise}) == COMPATIBLE


@pytest.mark.parametrize("rough,precise", [
    ({"value": "nearly an hour"}, {"value": "two hours"}),
    ({"value": "tens of thousands"}, {"value": "about 200,000"}),
    ({"value": "50 minutes", "minutes": 50}, {"value": "55 minutes", "minutes": 55}),
])
def test_an_approximation_that_misses_the_figure_conflicts(rough, precise):
    assert outcome(rough, {"source": "b", **precise}) == CONFLICTING


def test_an_excerpt_is_compatible_but_a_negated_excerpt_is_not():
    assert excerpt_rule("areas where agreements may be impossible",
                        "there were areas where agreements may be impossible and")
    assert excerpt_rule("guarantees", "no guarantees") is None
    assert excerpt_rule("we accept", "we don't accept") is None
    assert outcome({"value": "serious"}, {"source": "b", "value": "serious and substantive"}) \
        == COMPATIBLE


def test_different_words_conflict_unless_the_curator_cites_a_relation():
    reports = ({"value": "the White House Situation Room"},
               {"source": "b", "value": "the White House in Washington"})
    assert outcome(*reports) == CONFLICTING
    relation = {"kind": "within", "reason": "The Situation Room is in the White House.",
                "cites": [{"source": "a", "passage": "the White House Situation Room"}]}
    comparison = compare_fact("call", fact(*reports, relation=relation), DAY)
    assert comparison.outcome == COMPATIBLE and comparison.relation is not None
    assert comparison.reasons == ["The Situation Room is in the White House."]


def test_a_relation_needs_a_reason_and_a_citation():
    with pytest.raises(ValueError):
        fact({"value": "x"}, relation={"reason": "because"})


def _quote(words: str, source: str) -> tuple[str, Quote]:
    return "call", Quote(words=words, source=source)


def test_remarks_excerpts_and_parts_of_one_source_are_compatible_rival_wordings_are_variants():
    assert compare_remark("r", [_quote("serious and substantive", "a"),
                                _quote("The tone was serious and substantive", "b")]).outcome \
        == COMPATIBLE
    assert compare_remark("r", [_quote("A lot of such mistakes", "a"),
                                _quote("and it is advisable not to", "a")]).outcome == ONE_SOURCE
    rival = compare_remark("r", [_quote("our ancestors would see as a grave error", "a"),
                                 _quote("our descendants would see as a huge error", "b")])
    assert rival.outcome == VARIANT and not rival.disagrees


# --- the fixture corpus --------------------------------------------------------------------------

MINI_GRAPH = validate(MINI)
MINI_COMPARISONS = compare_corpus(MINI_GRAPH.corpus, MINI_GRAPH.calls_in_order)


def _mini(call_prefix: str, key: str):
    call = next(c for c in MINI_COMPARISONS.by_call if c.startswith(call_prefix))
    return next(c for c in MINI_COMPARISONS.by_call[call] if c.key == key)


@pytest.mark.parametrize("call,key,expected", [
    ("2021-12-07", "duration", COMPATIBLE),
    ("2021-12-07", "end", COMPATIBLE),
    ("2021-12-07", "location-alice-adams", COMPATIBLE),
    ("2021-12-07", "requested-by", ONE_SOURCE),
    ("2021-12-07", "peace-and-trade", ONE_SOURCE),
    ("2021-12-07", "brown-consequences", VARIANT),
    ("2021-12-07", "location-bob-brown", CONFLICTING),
    ("2021-12-14", "phone-time", ONE_SOURCE),
])
def test_fixture_outcomes(call, key, expected):
    assert _mini(call, key).outcome == expected


def test_fixture_disagreements_are_the_conflicts_only():
    assert [c.key for c in MINI_COMPARISONS.disagreements()] == ["location-bob-brown"]
    assert [c.key for c in MINI_COMPARISONS.variants()] == ["brown-consequences"]


def test_fixture_figure_with_a_topic_is_a_series_over_time_not_a_conflict():
    (series,) = MINI_COMPARISONS.series
    assert (series.key, series.topic) == ("tariff", "customs-duties")
    assert [row.versions[0].value for row in series.rows] == ["10 percent", "15 percent"]
    assert not any(c.key == "tariff" for c in MINI_COMPARISONS.disagreements())


# --- the real corpus, generically --------------------------------------------------------------

REAL_GRAPH = validate(REAL)
REAL_COMPARISONS = compare_corpus(REAL_GRAPH.corpus, REAL_GRAPH.calls_in_order)
EVERYTHING = {id(c): c for c in REAL_COMPARISONS.all()}.values()


def test_real_no_conflict_is_an_excerpt_of_another_version():
    for c in REAL_COMPARISONS.disagreements():
        texts = [v.value for v in c.versions]
        for a in texts:
            for b in texts:
                if a is not b:
                    assert not excerpt_rule(a, b), (c.key, a, b)


def test_real_no_conflict_differs_only_in_case_or_punctuation():
    for c in REAL_COMPARISONS.disagreements():
        assert len({normalise(v.value) for v in c.versions}) == len(c.versions), c.key


def test_real_single_source_comparisons_are_never_counted_as_agreement():
    for c in EVERYTHING:
        if c.single_source:
            assert c.outcome in (ONE_SOURCE, CONFLICTING), (c.key, c.outcome)
        if c.outcome == SAME:
            assert len(c.sources) > 1


def test_real_compatible_comparisons_say_why():
    for c in EVERYTHING:
        if c.consistent:
            assert c.reasons, c.key


def test_real_series_rows_are_never_disagreements_across_calls():
    for series in REAL_COMPARISONS.series:
        assert len({row.call for row in series.rows}) == len(series.rows) > 1


def test_a_figure_must_open_the_value_to_count_as_a_quantity():
    """'the Blue Room 1.' states no quantity, so no approximation rule reconciles it."""
    from generator.core.compare import quantity
    assert quantity("the Blue Room 1.") is None
    assert quantity("her office, room 12") is None
    assert quantity("nearly 100,000")[0] == "count"
    assert outcome({"value": "the Blue Room 1."}, {"source": "b", "value": "office 1"}) \
        == CONFLICTING


def test_a_sides_statements_are_grouped_by_when_they_were_made():
    """Remarks before the call are never shown as what a side said afterwards."""
    from generator.core.models import Position

    def claim(text, timing=None):
        return {"text": text, "cites": [{"source": "a", "passage": "abc"}],
                **({"timing": timing} if timing else {})}
    position = Position.model_validate({"side": "s", "statements": [
        claim("after"), claim("before", "before"), claim("unknown", "unknown"),
        claim("during", "during")]})
    assert [(h, [c.text for c in cs]) for h, cs in position.statement_groups()] == [
        ("What it said before the call", ["before"]), ("What it said in the call", ["during"]),
        ("What it said afterwards", ["after"]),
        ("What it said (the sources do not say when)", ["unknown"])]


def test_each_outlet_keeps_its_own_wording_of_a_remark():
    """An outlet printing "Good to see you again" is never shown with another's "!": each
    printed wording is its own version, with its own outlets, and the two are a wording variant
    of one remark, not a conflict (the fact-check found the AP's "!" credited to two outlets)."""
    comparison = compare_remark("greeting", [_quote("Good to see you again!", "ap"),
                                             _quote("Good to see you again", "nyt"),
                                             _quote("Good to see you  again", "spar")])
    assert [(v.value, v.sources) for v in comparison.versions] == [
        ("Good to see you again!", ["ap"]), ("Good to see you again", ["nyt", "spar"])]
    assert not comparison.disagrees
