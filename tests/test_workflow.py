"""The CI workflow that publishes: what it runs, when, and with which pinned actions."""

from __future__ import annotations

import re

import yaml

from .conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"


def load() -> tuple[str, dict]:
    text = WORKFLOW.read_text("utf-8")
    return text, yaml.safe_load(text)


def test_runs_on_content_and_code_changes() -> None:
    """Pushes to main and pull requests that touch content/ or the code trigger it; so can a
    person (workflow_dispatch)."""
    _, flow = load()
    triggers = flow[True]  # YAML 1.1 reads the key 'on' as true
    for event in ("push", "pull_request"):
        paths = triggers[event]["paths"]
        for needed in ("content/**", "generator/**", "mkdocs.yml", "pyproject.toml"):
            assert needed in paths, (event, needed)
    assert triggers["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in triggers


def test_validates_tests_builds_and_keeps_both_editions() -> None:
    """The build job validates, checks the schemas, runs ./scripts/test.sh, builds the site and
    the offline edition, and uploads both as artifacts, in that order."""
    _, flow = load()
    steps = flow["jobs"]["build"]["steps"]
    runs = [s.get("run", "") for s in steps]
    order = [".venv/bin/briefing validate", ".venv/bin/briefing schema --check",
             "./scripts/test.sh", ".venv/bin/briefing build -d site",
             ".venv/bin/briefing build --offline -d site-offline"]
    assert [r for r in runs if r in order] == order
    uploads = {s["with"]["name"]: s["with"]["path"] for s in steps
               if s.get("uses", "").startswith("actions/upload-artifact@")}
    assert uploads == {"site": "site/", "site-offline": "site-offline/"}


def test_deploys_to_pages_from_main_only() -> None:
    """Pages get the strict build of main: configure-pages and upload-pages-artifact in the build
    job, deploy-pages in a deploy job with the permissions it needs, never for pull requests."""
    _, flow = load()
    main_only = "github.event_name != 'pull_request' && github.ref == 'refs/heads/main'"
    build = {s.get("uses", "").split("@")[0]: s for s in flow["jobs"]["build"]["steps"]}
    for action in ("actions/configure-pages", "actions/upload-pages-artifact"):
        assert build[action]["if"] == main_only
    assert build["actions/upload-pages-artifact"]["with"]["path"] == "site/"
    deploy = flow["jobs"]["deploy"]
    assert main_only in deploy["if"] and deploy["needs"] == ["content", "build"]
    assert "needs.content.result != 'failure' && needs.build.result != 'failure'" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["steps"][-1]["uses"].startswith("actions/deploy-pages@")
    assert flow["permissions"] == {"contents": "read"}


def test_every_action_is_pinned_to_a_commit() -> None:
    """Each 'uses:' names a full 40-character commit SHA with the version in a comment."""
    text, _ = load()
    uses = [line.strip() for line in text.splitlines() if line.strip().startswith(("uses:", "- uses:"))]
    assert len(uses) >= 6
    for line in uses:
        assert re.fullmatch(r"(- )?uses: [\w-]+/[\w-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+", line), line


def test_a_content_only_change_runs_the_content_lane_and_anything_else_everything() -> None:
    """The `lane` job picks `content` when every changed file is under content/, else `code`;
    the content job runs `briefing check` (validate, strict build, links, content tests) and the
    offline edition and hands the site to Pages; the code job (`build`) runs everything."""
    _, flow = load()
    jobs = flow["jobs"]
    assert "grep -qv '^content/'" in jobs["lane"]["steps"][-1]["run"]
    assert jobs["content"]["if"] == "needs.lane.outputs.lane == 'content'"
    assert jobs["build"]["if"] == "needs.lane.outputs.lane == 'code'"
    runs = [s.get("run", "") for s in jobs["content"]["steps"]]
    assert ".venv/bin/briefing check -d site" in runs
    assert ".venv/bin/briefing build --offline -d site-offline" in runs
    assert "./scripts/test.sh" not in runs
    content_uses = {s.get("uses", "").split("@")[0] for s in jobs["content"]["steps"]}
    assert {"actions/upload-artifact", "actions/upload-pages-artifact"} <= content_uses
