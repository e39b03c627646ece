"""Each page's path is claimed once: a second builder claiming a path is an error naming both,
never a page silently replaced (Pelican's writer refuses to write one path twice)."""

from __future__ import annotations

import pytest

from generator.core.errors import PathClaimed
from generator.core.link import Key
from generator.core.pipeline import validate
from generator.core.render import Renderer
from generator.core.render import renderer as renderer_module
from generator.core.render.plan import Plan
from generator.core.urls import PagePath

from .conftest import MINI


def test_a_second_claim_of_a_path_is_refused() -> None:
    plan = Plan()
    plan.claim(PagePath("calls/x.md"), lambda: "first", "the record calls/x")
    with pytest.raises(PathClaimed) as raised:
        plan.claim(PagePath("calls/x.md"), lambda: "second", "the redirect from calls/x")
    assert str(raised.value) == ("two pages claim the path calls/x.md: the record calls/x and the "
                                 "redirect from calls/x; each page needs a path of its own "
                                 "(core/urls.py)")
    assert plan[PagePath("calls/x.md")]() == "first"


def test_the_site_refuses_a_page_over_another(monkeypatch: pytest.MonkeyPatch) -> None:
    """A redirect left at a record's path (content validation refuses one; here it slips
    through) stops the plan instead of replacing the record's page."""
    graph = validate(MINI)
    topic = sorted(graph.corpus.records["topics"])[0]
    monkeypatch.setattr(renderer_module, "redirects",
                        lambda corpus: {Key("topics", topic): Key("topics", topic)})
    with pytest.raises(PathClaimed, match=f"the path topics/{topic}.md: the record topics/{topic} "
                                          f"and the redirect from topics/{topic};"):
        Renderer(graph).plan()


def test_every_page_of_the_fixture_has_a_path_of_its_own() -> None:
    plan = Renderer(validate(MINI)).plan()
    assert len(plan) == len(plan.claimants) > 30
    assert set(plan) == set(Renderer(validate(MINI)).pages())
