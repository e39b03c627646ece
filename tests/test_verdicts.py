"""Decisions the templates used to make, made in Python (core/render/verdicts.py) and tested
here: how a call's comparisons are grouped on its page, and how each outcome is said."""

from __future__ import annotations

import re

from generator.core.pipeline import validate
from generator.core.render.site import Site
from generator.core.render.verdicts import call_comparisons, verdict

from .conftest import MINI, ROOT, SEED

TEMPLATES = ROOT / "generator" / "templates"


def test_each_comparison_of_a_call_is_shown_in_one_group() -> None:
    """Conflicting, consistent, wording variants, the same, one source: every comparison of
    every call in exactly one of them, in the call's order."""
    for corpus in (SEED, MINI):
        site = Site(validate(corpus))
        for call, comparisons in site.comparisons.by_call.items():
            groups = call_comparisons(comparisons)
            shown = [*groups.conflicting, *groups.consistent, *groups.variants, *groups.same,
                     *groups.single]
            assert sorted(map(id, shown)) == sorted(map(id, comparisons)), call
            for group in vars(groups).values():
                assert [comparisons.index(c) for c in group] == sorted(
                    comparisons.index(c) for c in group)


def test_only_a_conflict_says_disagree() -> None:
    site = Site(validate(SEED))
    said = {c.outcome: str(verdict(c)) for cs in site.comparisons.by_call.values() for c in cs}
    assert "conflicting" in said and len(said) > 2, said
    assert all(text.startswith("**Sources disagree:** ") == (outcome == "conflicting")
               for outcome, text in said.items()), said


def test_no_template_makes_a_path() -> None:
    """Every page path is made in core/urls.py: a template links to the paths it is given."""
    literal = re.compile(r"""["'][\w/-]*\.md["']|listing_path|_path\(""")
    found = {p.name: literal.findall(p.read_text("utf-8")) for p in sorted(TEMPLATES.glob("*.j2"))}
    assert {name: hits for name, hits in found.items() if hits} == {}
