"""Every command and subcommand of `briefing` documents itself: a summary, a description, and
help for every option and argument (as sqlite-utils tests its CLI)."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from generator.adapters.cli import main


def commands(group: click.Group = main, prefix: tuple[str, ...] = ()):
    """(path of names, command) for every command, subcommands included."""
    for name, command in sorted(group.commands.items()):
        yield prefix + (name,), command
        if isinstance(command, click.Group):
            yield from commands(command, prefix + (name,))


ALL = list(commands())


def test_top_level_help_lists_every_command() -> None:
    """'briefing --help' lists each command with its one-line summary."""
    result = CliRunner().invoke(main, ["--help"], prog_name="briefing")
    assert result.exit_code == 0
    assert result.output.startswith("Usage: briefing [OPTIONS] COMMAND [ARGS]...\n")
    for path, command in ALL:
        if len(path) == 1:
            summary = command.get_short_help_str(limit=200).rstrip(".")
            assert f"  {path[0]} " in result.output, path
            assert summary.split()[0] in result.output, path
    for name in ("validate", "build", "serve", "generate", "ingest", "new", "schema"):
        assert name in main.commands


@pytest.mark.parametrize(("path", "command"), ALL, ids=[" ".join(p) for p, _ in ALL])
def test_command_help_is_complete(path: tuple[str, ...], command: click.Command) -> None:
    """Each command has a summary line and a description; every option has help text; every
    argument is named in the description; '-h' and '--help' both print it."""
    assert command.help and command.help.strip(), path
    lines = command.help.strip().splitlines()
    assert lines[0].strip().endswith("."), f"{path}: summary should be a sentence"
    assert len(lines) > 2, f"{path}: the help should say more than its summary"
    for param in command.params:
        if isinstance(param, click.Option):
            if param.name in ("help",):
                continue
            assert param.help and param.help.strip(), f"{path}: option {param.opts} has no help"
        elif isinstance(param, click.Argument):
            name = param.human_readable_name.upper()
            assert name in command.help, f"{path}: argument {name} is not described"
    for flag in ("--help", "-h"):
        result = CliRunner().invoke(main, [*path, flag], prog_name="briefing")
        assert result.exit_code == 0, result.output
        assert result.output.startswith(f"Usage: briefing {' '.join(path)} "), result.output
        assert " ".join(lines[0].split()) in " ".join(result.output.split())


def test_build_says_how_to_open_each_edition(tmp_path):
    """The main site needs a web server (directory URLs); only the offline edition opens from disk."""
    import shutil

    from click.testing import CliRunner

    from generator.adapters.cli import main

    from .conftest import MINI, ROOT

    shutil.copytree(MINI, tmp_path / "content")
    runner = CliRunner()
    args = ["build", "-f", str(ROOT / "mkdocs.yml"), "--content", str(tmp_path / "content")]
    site = runner.invoke(main, args + ["-d", str(tmp_path / "site")])
    assert site.exit_code == 0, site.output
    assert site.stdout.endswith(f"Site built in {tmp_path / 'site'}/ — serve it (briefing serve) "
                                "or build the offline edition to open it from disk\n")
    offline = runner.invoke(main, args + ["--offline", "-d", str(tmp_path / "offline")])
    assert offline.exit_code == 0, offline.output
    assert offline.stdout.endswith(f"Site built in {tmp_path / 'offline'}/ — open "
                                   f"{tmp_path / 'offline'}/index.html directly in a browser\n")


@pytest.mark.parametrize("command", ["build", "serve"])
def test_building_commands_say_material_reaches_end_of_life(command, monkeypatch, tmp_path):
    """Material prints its end-of-life notice only under the `mkdocs` program: `briefing build`
    and `serve` say it in one line (here before the missing configuration is reported), unless
    NO_MKDOCS_2_WARNING is set, Material's own switch."""
    from generator.adapters.cli import END_OF_LIFE

    missing = str(tmp_path / "nope.yml")
    monkeypatch.delenv("NO_MKDOCS_2_WARNING", raising=False)
    result = CliRunner().invoke(main, [command, "-f", missing])
    assert result.exit_code == 1
    assert result.stderr.startswith(END_OF_LIFE + "\n")
    assert "5 May 2027" in END_OF_LIFE
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    result = CliRunner().invoke(main, [command, "-f", missing])
    assert result.exit_code == 1 and END_OF_LIFE not in result.stderr
