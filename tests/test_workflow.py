"""The CI workflow that publishes: what it runs, when, and with which pinned actions."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

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
        for needed in ("content/**", "generator/**", "mkdocs.yml", "pyproject.toml", "handbook/**",
                       "README.md"):  # the README and the handbook have their link test
            assert needed in paths, (event, needed)
    assert triggers["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in triggers


def test_validates_builds_and_keeps_both_editions() -> None:
    """The build job validates, checks the schemas, builds the site and the offline edition, and
    uploads both as artifacts, in that order, once every test job has passed."""
    _, flow = load()
    build = flow["jobs"]["build"]
    runs = [s.get("run", "") for s in build["steps"]]
    order = [".venv/bin/briefing validate", ".venv/bin/briefing schema --check",
             ".venv/bin/briefing build -d site",
             ".venv/bin/briefing build --offline -d site-offline"]
    assert [r for r in runs if r in order] == order
    uploads = {s["with"]["name"]: s["with"]["path"] for s in build["steps"]
               if s.get("uses", "").startswith("actions/upload-artifact@")}
    assert uploads == {"site": "site/", "site-offline": "site-offline/"}
    assert sorted(build["needs"]) == ["lane", "lowest", "package", "successor", "test"]
    for job in ("test", "lowest", "successor", "package"):
        assert flow["jobs"][job]["if"] == "needs.lane.outputs.lane == 'code'", job


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
    assert len(uses) >= 9
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


PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))


def _direct_requirements() -> list[Requirement]:
    project = PYPROJECT["project"]
    return [Requirement(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]]


def _pins(name: str) -> dict[str, str]:
    lines = (ROOT / "constraints" / name).read_text("utf-8").splitlines()
    pins = [line.split("==") for line in lines if line.strip() and not line.startswith("#")]
    return {canonicalize_name(package): Version(version) for package, version in pins}


def test_lints_and_tests_on_every_supported_python() -> None:
    """The test job runs .ci/run (ruff, mypy, then scripts/test.sh) on each Python the package
    declares, with the pinned versions."""
    _, flow = load()
    job = flow["jobs"]["test"]
    versions = job["strategy"]["matrix"]["python"]
    assert versions == ["3.11", "3.12", "3.13", "3.14"]
    declared = [c.rsplit(" :: ", 1)[1] for c in PYPROJECT["project"]["classifiers"]
                if c.startswith("Programming Language :: Python :: 3.")]
    assert declared == versions
    assert PYPROJECT["project"]["requires-python"] == f">={versions[0]}"
    assert job["container"] == "python:${{ matrix.python }}-bookworm"
    assert job["env"] == {"PYTHON": "python${{ matrix.python }}", "PIP_CONSTRAINT": "constraints/ci.txt"}
    assert [s["run"] for s in job["steps"] if "run" in s] == ["./.ci/run"]
    ci_run = (ROOT / ".ci" / "run").read_text("utf-8")
    assert ci_run.index(".venv/bin/ruff check .") < ci_run.index(".venv/bin/mypy") \
        < ci_run.index("./scripts/test.sh")


def test_the_lowest_job_installs_every_lower_bound() -> None:
    """constraints/lowest.txt pins each direct and test dependency at the lower bound
    pyproject.toml allows, and the lowest job runs the suite with it on the lowest Python."""
    _, flow = load()
    job = flow["jobs"]["lowest"]
    assert job["env"] == {"PYTHON": "python3.11", "PIP_CONSTRAINT": "constraints/lowest.txt"}
    assert job["container"] == "python:3.11-bookworm"
    assert [s["run"] for s in job["steps"] if "run" in s] == ["./scripts/test.sh"]
    lowest = _pins("lowest.txt")
    bounds = {}
    for requirement in _direct_requirements():
        floor = [s.version for s in requirement.specifier if s.operator in (">=", "==")]
        assert len(floor) == 1, f"{requirement} has no lower bound"
        bounds[canonicalize_name(requirement.name)] = Version(floor[0])
    assert lowest == bounds


def test_ci_pins_satisfy_the_declared_ranges() -> None:
    """constraints/ci.txt pins every direct dependency, each within its declared range."""
    pins = _pins("ci.txt")
    for requirement in _direct_requirements():
        version = pins.get(canonicalize_name(requirement.name))
        assert version is not None, requirement.name
        assert requirement.specifier.contains(version), (requirement, version)


def test_builders_and_the_installed_wheel_are_checked() -> None:
    """The successor path (ProperDocs) builds the real site strictly, and it is compared with
    MkDocs' build of it; the wheel, installed into an empty environment, starts a project and
    builds it."""
    _, flow = load()
    successor = [s.get("run", "") for s in flow["jobs"]["successor"]["steps"]]
    builds = [".venv/bin/mkdocs build --strict -d site-mkdocs",
              ".venv/bin/properdocs build --strict -d site-properdocs",
              ".venv/bin/python scripts/compare_sites.py site-mkdocs site-properdocs"]
    assert [run for run in successor if run in builds] == builds
    package = "\n".join(s.get("run", "") for s in flow["jobs"]["package"]["steps"])
    for command in ("python -m build", "briefing init demo", "cd demo && /tmp/user/bin/briefing build"):
        assert command in package


def test_the_published_site_knows_its_address() -> None:
    """site_url comes from the Pages configuration (mkdocs.yml reads !ENV SITE_URL), set up
    before the strict build."""
    _, flow = load()
    for job, command in (("build", ".venv/bin/briefing build -d site"),
                         ("content", ".venv/bin/briefing check -d site")):
        steps = flow["jobs"][job]["steps"]
        names = [s.get("uses", "").split("@")[0] or s.get("run", "") for s in steps]
        configure = names.index("actions/configure-pages")
        build = names.index(command)
        assert configure < build, job
        assert steps[configure]["id"] == "pages"
        assert steps[build]["env"] == {"SITE_URL": "${{ steps.pages.outputs.base_url }}"}, job
    assert "site_url: !ENV SITE_URL\n" in (ROOT / "mkdocs.yml").read_text("utf-8")


def test_runs_are_grouped_and_only_pull_requests_cancel() -> None:
    _, flow = load()
    assert flow["concurrency"] == {
        "group": "site-${{ github.event.pull_request.number || github.ref }}",
        "cancel-in-progress": "${{ github.event_name == 'pull_request' }}"}
    assert flow["jobs"]["deploy"]["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_no_deprecation_notice_is_muted_outside_the_test_harness() -> None:
    """Material's end-of-life notice reaches users: only tests/conftest.py sets the variable.
    (The CLI reads it, to print its own one-line notice under the same switch, and names it in
    that notice.)"""
    reads = (b'os.environ.get("NO_MKDOCS_2_WARNING")', b"Set NO_MKDOCS_2_WARNING=1 to hide")

    def mentions(path: Path) -> bool:
        if path.parent.name == "__pycache__" and (
                path.parent.parent / (path.name.split(".")[0] + ".py")).is_file():
            return False  # compiled from a source file that is checked itself
        data = path.read_bytes()  # bytes: a cache without its source counts too
        for allowed in reads if path == ROOT / "generator" / "adapters" / "cli.py" else ():
            data = data.replace(allowed, b"")
        return b"NO_MKDOCS_2_WARNING" in data
    muted = [path.relative_to(ROOT).as_posix()
             for folder in ("generator", "scripts", ".ci", ".github")
             for path in sorted((ROOT / folder).rglob("*")) if path.is_file() and mentions(path)]
    assert muted == []


def test_dependabot_updates_the_dependencies_and_the_actions() -> None:
    """Weekly updates for pip (pyproject.toml and CI's pins) and for the workflow's actions; the
    lower bounds in constraints/lowest.txt and the deliberately pinned builders are left to a
    person."""
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text("utf-8"))
    assert config["version"] == 2
    updates = {u["package-ecosystem"]: u for u in config["updates"]}
    assert set(updates) == {"pip", "github-actions"}
    pip = updates["pip"]
    assert pip["directories"] == ["/", "/constraints"]
    assert pip["exclude-paths"] == ["constraints/lowest.txt"]
    assert pip["versioning-strategy"] == "increase-if-necessary"
    ignored = {rule["dependency-name"] for rule in pip["ignore"]}
    assert {"mkdocs", "zensical"} <= ignored
    pinned = [r for r in _direct_requirements() if any(s.operator == "==" for s in r.specifier)]
    assert {canonicalize_name(r.name) for r in pinned} <= ignored  # an exact pin is deliberate
    assert updates["github-actions"]["directory"] == "/"
    for update in updates.values():
        assert update["schedule"]["interval"] == "weekly"
