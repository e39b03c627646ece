"""Compiled templates are kept on disk between runs, and never used for a template that changed."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from generator.core.template_cache import CompiledTemplates, cache_folder


def _environment(templates: Path, cache: Path | None) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(templates),
                              bytecode_cache=CompiledTemplates(cache))


def _compiles(env: jinja2.Environment, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The templates `env` compiles from source from now on."""
    compiled: list[str] = []
    original = env.compile

    def compile(source, name=None, filename=None, raw=False, defer_init=False):
        compiled.append(name)
        return original(source, name, filename, raw, defer_init)

    monkeypatch.setattr(env, "compile", compile)
    return compiled


def test_a_template_is_compiled_once_then_read_back_until_it_changes(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch):
    templates, cache = tmp_path / "templates", tmp_path / "cache"
    templates.mkdir()
    cache.mkdir()
    (templates / "page.md.j2").write_text("Hello {{ name }}", "utf-8")
    first = _environment(templates, cache)
    compiled = _compiles(first, monkeypatch)
    assert first.get_template("page.md.j2").render(name="Ana") == "Hello Ana"
    assert compiled == ["page.md.j2"] and len(list(cache.glob("*.cache"))) == 1

    second = _environment(templates, cache)  # the next run
    compiled = _compiles(second, monkeypatch)
    assert second.get_template("page.md.j2").render(name="Ana") == "Hello Ana"
    assert compiled == []

    (templates / "page.md.j2").write_text("Goodbye {{ name }}", "utf-8")
    third = _environment(templates, cache)
    compiled = _compiles(third, monkeypatch)
    assert third.get_template("page.md.j2").render(name="Ana") == "Goodbye Ana"
    assert compiled == ["page.md.j2"]


def test_without_a_cache_folder_templates_are_compiled_as_before(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", "utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert cache_folder() is None
    (tmp_path / "page.md.j2").write_text("Hello {{ name }}", "utf-8")
    env = _environment(tmp_path, None)
    assert env.get_template("page.md.j2").render(name="Ana") == "Hello Ana"


def test_the_cache_folder_follows_xdg_cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_folder() == tmp_path / "briefing" / "templates"
    assert (tmp_path / "briefing" / "templates").is_dir()
