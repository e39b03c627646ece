"""The `briefing` command line: a thin adapter over the pipeline and MkDocs."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..core.citekeys import typed_out_count
from ..core.errors import BriefingError, ContentError, one_line
from ..core.pipeline import content_epoch, read_manifest, render, validate, write_pages
from .cli_curator import CURATOR_COMMANDS
from .cli_options import config_content_option, content_folder, content_option


class _Group(click.Group):
    """Turn every BriefingError into a message and a non-zero exit, never a traceback."""

    def invoke(self, ctx: click.Context):
        typed = list(ctx.args)  # what follows the command's name, as typed
        try:
            return super().invoke(ctx)
        except ContentError as exc:
            click.echo(exc.report(), err=True)
            ctx.exit(1)
        except BriefingError as exc:
            click.echo(f"Error: {_escaped(str(exc), typed)}", err=True)
            ctx.exit(1)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except OSError as exc:  # the disk, not the tool: a full disk, a read-only folder
            where = f" ({exc.filename})" if exc.filename else ""
            click.echo(f"Error: {exc.strerror or exc}{where}", err=True)
            ctx.exit(1)
        except Exception as exc:  # a bug, not a content problem: say so briefly
            if os.environ.get("BRIEFING_TRACEBACK"):
                raise
            click.echo(f"Internal error, please report it with the command you ran: "
                       f"{type(exc).__name__}: {exc}\n(set BRIEFING_TRACEBACK=1 to see the "
                       "traceback)", err=True)
            ctx.exit(INTERNAL_ERROR)


def _escaped(message: str, typed: list[str]) -> str:
    """The message with each value typed on the command line shown as `one_line` shows content
    (a line break in --content or --id written \\n), so that it stays on its line; the message's
    own lines (a build's report) are left as they are."""
    for value in typed:
        for shown in {value, str(Path(value))}:
            if shown and one_line(shown) != shown:
                message = message.replace(shown, one_line(shown))
    return message


DISTRIBUTION = "briefing-site"
"""The name on PyPI (`briefing` belongs to another project); the command stays `briefing`."""

INTERNAL_ERROR = 3
"""Exit status of a bug in the tool (content and setup errors exit 1, usage errors 2)."""


END_OF_LIFE = ("Note: Material for MkDocs, the theme this site is built with, reaches end of life on "
               "5 May 2027 (critical and security fixes until then); the README's \"Builders and "
               "the end of Material\" says what this project does about it. "
               "Set NO_MKDOCS_2_WARNING=1 to hide this note.")


def _end_of_life_notice() -> None:
    """Material prints its end-of-life notice only when the program is `mkdocs` itself, so
    briefing's building commands say it in one line, under Material's own switch (read before
    Material is imported: importing it sets the switch)."""
    if not os.environ.get("NO_MKDOCS_2_WARNING"):
        click.echo(END_OF_LIFE, err=True)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name=DISTRIBUTION)
def main() -> None:
    """Build a sourced, cross-linked briefing website from curated YAML.

    Content lives in content/<kind>/<id>.yaml (calls, actors, sources, organizations, topics,
    events) with verbatim source texts in content/texts/. Every error names file, line and field.
    """


@main.command("init")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--title", default=None, help="The site's name (default: 'A sourced briefing').")
def init_command(folder: Path, title: str | None) -> None:
    """Start a new briefing project in FOLDER (new or empty).

    Writes mkdocs.yml, content/ with one small invented example call, its source and the source's
    text, schemas/ for editors, docs/ for your own pages and a .gitignore. 'briefing build' in
    FOLDER then builds the site at once; replace the example with real content.
    """
    from ..curator.project import DEFAULT_TITLE, init_project
    from .output_guard import PROJECT, check_folder
    from .project_paths import find_project

    here = find_project(None, None, lenient=True)
    check_folder(folder, PROJECT, project=None, content=here.content)
    written = init_project(folder, title or DEFAULT_TITLE)
    click.echo(f"Created a briefing project in {folder}/ ({len(written)} files): mkdocs.yml, "
               "content/ with an invented example call and its source, schemas/, docs/.\n"
               f"Next: cd {folder} && briefing build — then replace the example with real content "
               "(briefing ingest ARTICLE, briefing new KIND ID).")


@main.command("validate")
@content_option
def validate_command(content: Path) -> None:
    """Check all content: schemas, references, verbatim quotes and passages.

    Reports every problem at once as FILE:LINE:COLUMN: FIELD: MESSAGE and exits 1 if any.
    """
    graph = validate(content)
    counts = ", ".join(f"{len(records)} {kind}" for kind, records in graph.corpus.records.items())
    quotes = sum(len(c.quotes) for c in graph.corpus.all("calls"))
    passages = sum(len(p) for p in graph.passages.values())
    click.echo(f"Content is valid: {counts}; {quotes} quotes and {passages} cited passages "
               "verified against their source texts.")
    typed = typed_out_count(graph.corpus)
    if typed:
        click.echo(f"Note: {typed} citation(s) and quote(s) type their passage out in full; "
                   "'briefing migrate' writes each passage once, keyed on its source, and cites "
                   "it by key (see the curator's guide).")


@main.command("generate")
@click.argument("out", type=click.Path(path_type=Path))
@content_option
def generate_command(out: Path, content: Path) -> None:
    """Write the generated Markdown pages into OUT (for any builder that reads mkdocs.yml).

    Also writes what 'briefing build' publishes beside the pages: the Atom feeds (feeds/, titled
    with mkdocs.yml's site_name, linked to its site_url) and the data export (data/), and the
    site's own pages and stylesheet (how-to-read.md, assets/briefing.css), unless OUT has its
    own. Only files whose bytes change are rewritten; those of removed records are deleted. A
    generated page edited by hand since is never overwritten nor deleted: generate then stops
    and names it.
    """
    from .output_guard import PAGES, check_folder
    from .project_paths import find_project, read_config
    from .published import publish, settings_address
    from .site_files import site_files

    project = find_project(None, content)
    check_folder(out, PAGES, project=project.folder, content=project.content)
    site = (settings_address(read_config(project.config_file), project.config_file)
            if project.config_file else None)
    graph = validate(project.content)
    pages: dict[str, str | bytes] = dict(render(graph))
    ours = set(read_manifest(out))
    extra = {path: source.read_bytes() for path, source in site_files().items()}
    for path, body in {**extra, **publish(graph, site)}.items():
        if path in ours or not (out / path).exists():  # a project's own file of that path wins
            pages[path] = body
    stats = write_pages(pages, out)
    if site is None:
        click.echo("Note: no feeds written: they are titled with the site's name, and there is "
                   "no mkdocs.yml here to give it (site_name)", err=True)
    click.echo(f"Generated {len(stats.written)} changed pages, {stats.unchanged} unchanged, "
               f"{len(stats.removed)} removed, in {out}")


@main.command("build")
@click.option("-f", "--config-file", type=click.Path(path_type=Path, readable=False),
              default=Path("mkdocs.yml"),
              show_default=True, help="The MkDocs configuration.")
@click.option("-d", "--site-dir", type=click.Path(path_type=Path), default=None,
              help="Where to write the site (default: site_dir of mkdocs.yml, 'site/').")
@click.option("--offline", is_flag=True,
              help="Build the offline edition: works opened from disk (file://), search included.")
@config_content_option
def build_command(config_file: Path, site_dir: Path | None, offline: bool,
                  content: Path | None) -> None:
    """Validate, generate and build the site with MkDocs in strict mode.

    The site is built in a temporary folder and swapped in only on success: a failed build
    leaves the previous site exactly as it was.
    """
    from .site_build import build_site

    _end_of_life_notice()
    content = content_folder(content, config_file)
    graph = validate(content)  # content errors are reported before MkDocs starts
    target = build_site(config_file, site_dir, offline=offline, content=content,
                        pages=render(graph), source_date_epoch=content_epoch(graph), graph=graph)
    # The main site's directory URLs need a web server; only the offline edition opens from disk.
    click.echo(f"Site built in {target}/ — "
               + (f"open {target}/index.html directly in a browser" if offline
                  else "serve it (briefing serve) or build the offline edition to open it from disk"))


@main.command("check", short_help="Everything CI's content lane runs: validate, build, links, tests.")
@click.option("-f", "--config-file", type=click.Path(path_type=Path, readable=False),
              default=Path("mkdocs.yml"),
              show_default=True, help="The MkDocs configuration.")
@click.option("-d", "--site-dir", type=click.Path(path_type=Path), default=None,
              help="Keep the checked site there (default: a temporary folder, removed after).")
@config_content_option
def check_command(config_file: Path, site_dir: Path | None, content: Path | None) -> None:
    """Run everything CI's content lane runs, before you push a content change.

    In order, stopping at the first stage that fails: validation, the strict build, the link
    and anchor check of every built page, and the content tests (pytest -m content, over the
    --content corpus; they need the test extras). Problems are reported as FILE:LINE:COLUMN: FIELD: MESSAGE, every one at once, and exit 1.
    Run it before pushing a content change.
    """
    import tempfile

    from ..curator.check import SiteCheck, content_tests
    from .site_build import build_site

    content = content_folder(content, config_file)
    graph = validate(content)
    click.echo(f"validate: {len(graph.corpus.records.get('calls', ()))} calls, "
               f"{sum(len(r) for r in graph.corpus.records.values())} records: no problem")
    with tempfile.TemporaryDirectory(prefix="briefing-check-") as scratch:
        target = build_site(config_file, site_dir or Path(scratch) / "site", content=content,
                            pages=render(graph), source_date_epoch=content_epoch(graph), graph=graph)
        click.echo("build (strict): no problem" + (f", site in {target}/" if site_dir else ""))
        check = SiteCheck(target, graph, config=str(config_file))
        problems = check.run()
        if problems:
            for problem in problems:
                click.echo(str(problem), err=True)
            noun = "problem" if len(problems) == 1 else "problems"
            raise BriefingError(f"{len(problems)} site {noun} found in the built pages; fix the "
                                "files named above")
        click.echo(f"links and anchors: {len(check.pages)} pages, {check.links_checked} links: "
                   "no problem")
    project = config_file.resolve().parent
    if not (project / "tests").is_dir():
        click.echo("content tests: not run (no tests/ folder next to the configuration)")
        return
    try:
        import pytest  # noqa: F401
    except ImportError:
        click.echo("content tests: NOT RUN: pytest is not installed (pip install -e '.[test]'); "
                   "CI runs them")
        return
    status, output = content_tests(content, project)
    if status != 0:
        click.echo(output.rstrip(), err=True)
        raise BriefingError("content tests failed (pytest -m content): see above")
    click.echo(f"content tests: {output.strip().splitlines()[-1]}")
    click.echo("All checks passed: ready to push.")


def _dev_addr(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """HOST:PORT with a port a server can listen on, else a usage error."""
    host, colon, port = value.rpartition(":")
    if not (colon and host and port.isdigit() and 0 <= int(port) <= 65535):
        raise click.BadParameter(f"'{value}' is not HOST:PORT with a port from 0 to 65535 "
                                 "(e.g. 127.0.0.1:8000)")
    return value


@main.command("serve")
@click.option("-f", "--config-file", type=click.Path(path_type=Path, readable=False),
              default=Path("mkdocs.yml"),
              show_default=True, help="The MkDocs configuration.")
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True,
              callback=_dev_addr, help="Address to serve on.")
def serve_command(config_file: Path, dev_addr: str) -> None:
    """Live preview that rebuilds what each save of content/ changes.

    Serves the site on --dev-addr (this machine only, by default) and reloads the browser after
    each rebuild. A save re-reads only the changed files, re-renders only the pages that show
    what changed, and MkDocs rebuilds only those pages. Content errors are shown in the terminal
    and on every page in the browser (file, line and field) until they are fixed; the last site
    without errors stays served.
    """
    _end_of_life_notice()
    import mkdocs.commands.serve as mkdocs_serve
    from mkdocs.__main__ import State
    from mkdocs.config import load_config

    from .serve_config import loading_config
    from .serve_session import build

    if not config_file.exists():
        raise BriefingError(f"config file '{config_file}' does not exist")
    # MkDocs reports the address, each rebuild and content errors through its logger, which
    # only its own command line sets up: without this the terminal stays silent. (State removes
    # its handler when collected, so it is kept until serving ends.)
    logging_state = State()
    try:
        # Dirty builds: MkDocs re-renders only the pages the briefing plugin marks as changed;
        # and a save that changed only existing pages' text renders those pages alone
        # (serve_session.py), in place of serve's call to MkDocs' build.
        mkdocs_serve.build = build
        # A broken mkdocs.yml: one line naming the file and line, not MkDocs' two tracebacks.
        mkdocs_serve.load_config = loading_config(load_config)
        mkdocs_serve.serve(config_file=str(config_file), dev_addr=dev_addr, livereload=True,
                           build_type="dirty")
    finally:
        del logging_state


@main.command("schema", short_help="Write or --check the editor JSON Schemas in schemas/.")
@click.option("--check", is_flag=True,
              help="Write nothing; exit 1 if a schema file is missing or out of date.")
@click.option("--dir", "folder", type=click.Path(file_okay=False, path_type=Path),
              default=Path("schemas"), show_default=True,
              help="Where the JSON Schemas live.")
def schema_command(check: bool, folder: Path) -> None:
    """Write the JSON Schema of each record kind to schemas/<kind>.json.

    The schemas are generated from the typed model (generator/core/models/); editors with the YAML
    language server use them to validate and complete content files as you type. Run it after
    changing the model and commit the result; CI runs it with --check.
    """
    from ..core.schema import check_schemas, write_schemas
    from .output_guard import SCHEMAS, check_folder
    from .project_paths import find_project

    if check:
        check_schemas(folder)
        click.echo(f"The schemas in {folder}/ are up to date.")
        return
    project = find_project(None, None, lenient=True)
    check_folder(folder, SCHEMAS, project=project.folder, content=project.content)
    changed = write_schemas(folder)
    click.echo(f"Wrote {len(changed)} changed schema(s) in {folder}/: "
               + (", ".join(p.name for p in changed) or "all were up to date"))


for _command in CURATOR_COMMANDS:
    main.add_command(_command)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
