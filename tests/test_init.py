"""`briefing init DIR`, the installed wheel and the sdist: a tool others can install and start with."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import tarfile
import tempfile
import unicodedata
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.adapters import site_files
from generator.adapters.cli import main

from .conftest import ROOT

TEMPLATE = ROOT / "generator" / "project_template"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project written by `briefing init demo`, as the current folder."""
    monkeypatch.chdir(tmp_path)
    result = run("init", "demo", "--title", 'Calls: a "sourced" briefing')
    assert result.exit_code == 0, result.output
    monkeypatch.chdir(tmp_path / "demo")
    return tmp_path / "demo"


def test_init_writes_a_project_that_builds_at_once(demo: Path) -> None:
    """The new project validates and builds strict: its example call, its source with the quote
    found in the text, the site's own page and stylesheet, under the given title."""
    assert (demo / "schemas" / "calls.json").is_file() and (demo / "docs").is_dir()
    result = run("build")
    assert result.exit_code == 0, result.output
    site = demo / "site"
    call = BeautifulSoup((site / "calls" / "2021-12-14-adams-brown-call" / "index.html")
                         .read_text("utf-8"), "html.parser")
    assert "We agreed to keep talking" in call.get_text()
    assert call.title.get_text().endswith('Calls: a "sourced" briefing')
    assert [link["href"] for link in call.select('link[rel="stylesheet"]')
            if "briefing.css" in link["href"]] == ["../../assets/briefing.css"]
    assert (site / "assets" / "briefing.css").read_bytes() == \
        (site_files.SITE / "assets" / "briefing.css").read_bytes()
    assert "How to read this briefing" in (site / "how-to-read" / "index.html").read_text("utf-8")


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine", "utf-8")
    result = run("init", "taken")
    assert result.exit_code == 1
    assert result.output == ("Error: 'taken' already exists and is not an empty folder; choose a "
                             "new folder (init never overwrites)\n")
    assert [p.name for p in (tmp_path / "taken").iterdir()] == ["notes.txt"]


def test_a_missing_stylesheet_fails_the_build(demo: Path) -> None:
    """MkDocs links an extra_css file that does not exist without a word, even strict: the
    plugin refuses it, and nothing is built."""
    config = demo / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "extra_css:\n  - assets/extra.css\n", "utf-8")
    result = run("build")
    assert result.exit_code == 1
    assert ("extra_css lists assets/extra.css, which is neither in "
            f"{demo / 'docs'} nor shipped with the briefing package") in result.output
    assert not (demo / "site").exists()


def test_an_incomplete_package_fails_the_build(demo: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A package installed without its stylesheet says so instead of losing the contrast fixes."""
    empty = tmp_path / "nosite"
    empty.mkdir()
    monkeypatch.setattr(site_files, "SITE", empty)
    result = run("build")
    assert result.exit_code == 1
    assert (f"the briefing package is incomplete: {empty / 'assets' / 'briefing.css'} is missing; "
            "reinstall it") in result.output


def test_a_project_page_replaces_the_shipped_one(demo: Path) -> None:
    (demo / "docs" / "how-to-read.md").write_text("# Our own guide\n", "utf-8")
    assert run("build").exit_code == 0
    assert "Our own guide" in (demo / "site" / "how-to-read" / "index.html").read_text("utf-8")


def test_the_template_configuration_is_this_sites() -> None:
    """A new project is configured as this repository's site is, apart from its name."""
    ours = (ROOT / "mkdocs.yml").read_text("utf-8").splitlines()
    theirs = (TEMPLATE / "mkdocs.yml").read_text("utf-8").splitlines()
    assert ours[2:] == theirs[2:]
    assert [line.split(":")[0] for line in theirs[:2]] == ["site_name", "site_description"]


def _git_files(*folders: str) -> list[str]:
    listed = subprocess.run(["git", "ls-files", "--", *folders], cwd=ROOT, capture_output=True,
                            text=True, check=True).stdout.split()
    return [path for path in listed if (ROOT / path).is_file()]


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel and the sdist, built from this checkout as pip builds them."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--disable-pip-version-check",
                    "-w", str(out), str(ROOT)], check=True, capture_output=True, timeout=600)
    subprocess.run([sys.executable, "-c", "import sys; from setuptools import build_meta; "
                    "build_meta.build_sdist(sys.argv[1])", str(out)],
                   cwd=ROOT, check=True, capture_output=True, timeout=600)
    return out


def test_the_sdist_carries_what_its_tests_need(dist: Path) -> None:
    """Every tracked file the suite reads: tests, fixtures, goldens, content, schemas, the site
    configuration and the CI files the workflow tests check; and the licence."""
    (sdist,) = dist.glob("briefing_site-*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    needed = _git_files("tests", "content", "schemas", "docs", "handbook", "generator", "constraints",
                        ".github", ".ci", "scripts", "benchmarks")
    assert len(needed) > 50
    assert sorted(set(needed) - names) == []
    assert {"LICENSE", "README.md", "mkdocs.yml", "pyproject.toml"} <= names


def test_the_installed_wheel_starts_and_builds_a_project(dist: Path, tmp_path: Path) -> None:
    """The wheel installed into a new virtual environment (its dependencies taken from this one,
    the package itself only from the wheel): `briefing init demo && cd demo && briefing build`."""
    (wheel,) = dist.glob("briefing_site-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        assert "briefing_site-0.1.0.dist-info/licenses/LICENSE" in archive.namelist()
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site_packages = Path(subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True, text=True, check=True).stdout.strip())
    # The dependencies, not this checkout: a plain path line does not run the editable finder.
    (site_packages / "deps.pth").write_text(sysconfig.get_path("purelib") + "\n", "utf-8")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps",
                    "--disable-pip-version-check", str(wheel)], check=True, capture_output=True, timeout=600)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "SOURCE_DATE_EPOCH")}
    briefing = venv / "bin" / "briefing"
    init = subprocess.run([briefing, "init", "demo"], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=120)
    assert init.returncode == 0, init.stderr
    build = subprocess.run([briefing, "build"], cwd=tmp_path / "demo", env=env,
                           capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stderr
    assert build.stdout.startswith(f"Site built in {tmp_path / 'demo' / 'site'}/")
    assert (tmp_path / "demo" / "site" / "assets" / "briefing.css").is_file()
    where = subprocess.run([python, "-c", "import generator; print(generator.__file__)"],
                           cwd=tmp_path / "demo", env=env, capture_output=True, text=True,
                           check=True).stdout.strip()
    assert Path(where).is_relative_to(site_packages)


def test_generate_writes_the_site_files_for_builders_without_the_plugin(demo: Path) -> None:
    """`briefing generate docs` writes the shipped page and stylesheet too (Zensical runs no
    plugin), but never over a project's own file."""
    (demo / "docs" / "how-to-read.md").write_text("# Our own guide\n", "utf-8")
    result = run("generate", "docs")
    assert result.exit_code == 0, result.output
    assert (demo / "docs" / "assets" / "briefing.css").read_bytes() == \
        (site_files.SITE / "assets" / "briefing.css").read_bytes()
    assert (demo / "docs" / "how-to-read.md").read_text("utf-8") == "# Our own guide\n"
    assert "assets/briefing.css" in (demo / "docs" / ".briefing-pages").read_text("utf-8").split()


HOSTILE_TITLE = '</title><script>alert(1)</script><draft> & "Calls" <b>bold</b>'


def test_the_owners_title_is_text_on_every_page(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """`init --title` with markup: every built page's <title> and header show the title as
    text, and no page gains an element from it (issue 28: it reached <title> live)."""
    monkeypatch.chdir(tmp_path)
    assert run("init", "demo", "--title", HOSTILE_TITLE).exit_code == 0
    monkeypatch.chdir(tmp_path / "demo")
    result = run("build")
    assert result.exit_code == 0, result.output
    pages = sorted((tmp_path / "demo" / "site").rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        assert soup.title is not None and soup.title.get_text().endswith(HOSTILE_TITLE), page
        assert not soup.find_all(["draft", "b"]), page
        assert all("alert" not in (script.string or "") for script in soup.find_all("script"))
        header = soup.select_one(".md-header__topic .md-ellipsis")
        assert header is not None and header.get_text().strip() == HOSTILE_TITLE, page


@settings(max_examples=200, deadline=None)
@given(title=st.text(min_size=1, max_size=40).filter(
    lambda t: t.strip() and not any(unicodedata.category(c) in ("Cc", "Cs") for c in t)))
def test_any_title_is_read_back_from_mkdocs_yml_as_given(title: str) -> None:
    """Whatever one-line title the owner gives, MkDocs reads exactly it from mkdocs.yml (a raw
    U+0085 in a JSON-quoted string was read as a line break)."""
    from mkdocs.utils.yaml import yaml_load

    from generator.curator.project import init_project

    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "demo"
        init_project(target, title)
        with open(target / "mkdocs.yml", "rb") as stream:
            assert yaml_load(stream)["site_name"] == title


@pytest.mark.parametrize("title, shown", [("two\nlines", "U+000A"), ("tab\there", "U+0009"),
                                          ("bad \udcff byte", "U+DCFF"), ("  ", None)])
def test_a_title_no_page_can_show_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             title: str, shown: str | None) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("init", "demo", "--title", title)
    assert result.exit_code == 1
    assert result.output == (f"Error: --title must be one line of text; it holds {shown}\n" if shown
                             else "Error: --title is empty; give the site's name, such as "
                                  "--title 'Trade calls'\n")
    assert not (tmp_path / "demo").exists()
