"""Shared fixtures: the fixture corpus, throwaway copies of it, and built sites."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini" / "content"
REAL = Path(os.environ.get("BRIEFING_TEST_CONTENT") or ROOT / "content")
"""The live corpus (or the one `briefing check --content DIR` names): tests over it are generic,
about every record, never pinned to what it holds today."""
SEED = ROOT / "tests" / "fixtures" / "seed" / "content"
"""A frozen copy of the seed corpus (the five articles, two calls): tests of specific facts and
search rankings read this copy, so a correct corpus update never turns them red."""

# Test harness only: Material prints its end-of-life notice (5 May 2027) when the program is
# `mkdocs` itself, and tests that run `python -m mkdocs` compare its stderr line by line. Users
# see the notice; the README's "Builders and the end of Material" gives the plan.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    """A writable copy of the mini fixture corpus."""
    target = tmp_path / "content"
    shutil.copytree(MINI, target)
    return target


def build(content: Path, out: Path) -> Path:
    """Build a site from `content` with the project's mkdocs.yml, strict, into `out`."""
    from generator.adapters.site_build import build_site

    return build_site(ROOT / "mkdocs.yml", out, content=content)


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini fixture corpus built into a site (once per test session)."""
    return build(MINI, tmp_path_factory.mktemp("mini") / "site")


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The frozen seed corpus built into a site (once per test session)."""
    return build(SEED, tmp_path_factory.mktemp("seed") / "site")


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real corpus built into a site (once per test session)."""
    return build(REAL, tmp_path_factory.mktemp("real") / "site")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "content: reads the live corpus in content/ (generic rules over every record); "
                   "CI's content lane runs only these: pytest -m content")
