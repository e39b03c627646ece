"""The navigation is derived from the record kinds and the listings (core/nav.py); mkdocs.yml and
the project template's carry it for builders that run no plugin, and must say the same."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.core.nav import not_in_nav, site_nav

from .conftest import ROOT


class _Loader(yaml.SafeLoader):
    """mkdocs.yml's tags (!ENV) read as plain values."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


@pytest.mark.parametrize("config", [ROOT / "mkdocs.yml",
                                    ROOT / "generator" / "project_template" / "mkdocs.yml"])
def test_mkdocs_yml_carries_the_derived_nav(config: Path) -> None:
    """After adding a kind or a listing, paste what these give into both files."""
    data = yaml.load(config.read_text("utf-8"), Loader=_Loader)  # noqa: S506 - SafeLoader
    assert data["nav"] == site_nav(), yaml.safe_dump({"nav": site_nav()}, sort_keys=False)
    assert data["not_in_nav"] == not_in_nav()


def test_the_nav_lists_every_section_and_listing_once() -> None:
    paths = [path for entry in site_nav() for value in entry.values()
             for path in (value if isinstance(value, list) else [value])]
    flat = [p for item in paths for p in (item.values() if isinstance(item, dict) else [item])]
    assert len(flat) == len(set(flat)) == 1 + 6 + 1 + 4 + 1  # home, sections, how to read, listings, what changed
    assert "actors/index.md" in flat and "coverage.md" in flat and "changes.md" in flat
