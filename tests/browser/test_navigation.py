"""A reader walks the cross-links in a real browser: home → call → person → another call of
theirs → a source of that call → back to the call from the source, then Back through history."""

from __future__ import annotations

from generator.core.link import Key
from generator.core.render import Site as RenderedSite
from generator.core.urls import record_url


def _walk_plan(graph) -> list[Key]:
    """The latest call, a participant who took part in another call, that call, one of its
    sources (by id), chosen from the corpus so the walk works on any corpus that allows it."""
    site = RenderedSite(graph)
    latest = Key("calls", graph.calls_in_order[-1])
    for participant in graph.record(latest).participants:
        actor = Key("actors", participant.actor)
        others = [k for k in site.calls_of(actor) if k != latest]
        if others:
            other = others[0]
            sources = sorted(s for s in graph.corpus.records["sources"]
                             if other.id in graph.corpus.get("sources", s).calls)
            assert sources, f"no source lists {other.id}"
            return [latest, actor, other, Key("sources", sources[0])]
    raise AssertionError("no participant of the latest call took part in another call")


def _heading(graph, key: Key) -> str:
    site = RenderedSite(graph)
    return graph.record(key).title if key.kind == "calls" else site.name(key)


def _follow(tab, key: Key) -> None:
    """Click the first link in the page's article that leads to the record's page."""
    target = tab.site.url(record_url(key.kind, key.id))
    links = tab.page.locator("article a[href]")
    # links inside a collapsed block (the evidence on a call page) cannot be clicked
    hrefs = links.evaluate_all("links => links.map(a => a.checkVisibility() ?"
                               " a.href.split('#')[0] : null)")
    assert target in hrefs, f"{tab.here()} has no link to {key.path}"
    with tab.page.expect_navigation():
        links.nth(hrefs.index(target)).click()


def test_a_reader_walks_the_cross_links_and_back(reader, served):
    """Each click lands on the page it names (its URL and h1); the source page links back to the
    call; Back retraces every step to the home page; nothing is requested from another host."""
    graph = served.graph
    tab = reader(served)
    tab.open()
    plan = _walk_plan(graph)
    visited = [""]
    for key in [*plan, plan[2]]:  # the last step: from the source back to its call
        _follow(tab, key)
        assert tab.here() == record_url(key.kind, key.id)
        heading = tab.page.locator("article h1").inner_text().removesuffix("¶")  # permalink
        assert heading == _heading(graph, key)
        visited.append(tab.here())
    for path in reversed(visited[:-1]):
        tab.page.go_back(wait_until="load")
        assert tab.here() == path
    assert tab.page.locator("article h1").count() == 1
    assert tab.foreign == [] and tab.errors == []
