"""The curator's commands of the `briefing` command line: ingest an article, scaffold a record,
rename or remove one. Thin adapters over generator/curator/; `cli.py` adds them to `briefing`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from .cli_options import content_option


@click.command("ingest", short_help="Store an article's text and draft its source record.")
@click.argument("article", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--id", "source_id", default=None, metavar="ID",
              help="Id of the source record (default: outlet and date, else the headline, else "
                   "the file name).")
@click.option("--text-name", default=None, metavar="NAME",
              help="File name of the stored text in content/texts/ (default: the article's).")
@click.option("--url", default=None, metavar="URL",
              help="The article's address (the text cannot carry it); a date in its path "
                   "fills `published` when the text gives none, marked as from the URL.")
@click.option("--outlet", default=None, metavar="NAME",
              help="The outlet that published this copy, when the text does not say.")
@click.option("--published", default=None, type=click.DateTime(formats=["%Y-%m-%d"]),
              metavar="YYYY-MM-DD", help="The publication date, when the text does not give it "
                                         "(it dates a call the text names by weekday).")
@click.option("--lang", default=None, metavar="CODE",
              help="The language (ISO 639-1), when the text's words do not settle it.")
@content_option
def ingest_command(article: Path, source_id: str | None, text_name: str | None,
                   url: str | None, outlet: str | None, published: Any, lang: str | None,
                   content: Path) -> None:
    """Add ARTICLE (a plain-text news article) to the corpus as a draft source.

    Stores its verbatim text in content/texts/ (byte-identical) and writes a draft record in
    content/sources/: headline, outlet, authors and dates as far as the text gives them
    (unknown otherwise), the calls it covers, and, as comments, its quotes with their likely
    speakers, the known records it mentions and the candidate calls. Refuses an article already
    in the corpus and never overwrites a file. Then prints what a curator must still decide.
    """
    from ..curator.ingest import ingest

    draft = ingest(article, content, source_id=source_id, text_name=text_name, url=url,
                   outlet=outlet, published=published.date() if published else None, lang=lang)
    stored = "already in the corpus, reused" if draft.text_reused else "stored byte-identical"
    click.echo(f"Text: {draft.text_path} ({stored})")
    click.echo(f"Draft source record: {draft.path}")
    for label, value in (("headline", draft.headline), ("outlet", draft.outlet),
                         ("published", draft.published)):
        click.echo(f"  {label}: {value.value if value else 'unknown'}")
    click.echo(f"  authors: {', '.join(a.value for a in draft.authors) or 'none named'}")
    click.echo(f"  language: {draft.language.value if draft.language else 'unknown'}")
    new_call = [draft.new_call.rsplit(" ", 1)[-1]] if draft.new_call and draft.call.date else []
    click.echo(f"  calls: {', '.join(new_call + draft.calls) or 'none matched'}")
    if draft.call is not None and draft.call.sentence:
        people = ", ".join(name for _, name in draft.call.participants)
        click.echo(f"  reported call: {draft.call.date or 'date unknown'}, "
                   f"{draft.call.format or 'format unknown'}, {people} (drafted in the record)")
    mentioned = ", ".join(f"{len(ids)} {kind}" for kind, ids in sorted(draft.mentions.items()))
    click.echo(f"  {len(draft.quotes)} quotes keyed under passages: with their likely speakers; "
               f"the known records mentioned ({mentioned or 'none'}) are listed as comments")
    click.echo("A curator must still decide:")
    for item in draft.to_decide():
        click.echo(f"  - {item}")
    click.echo("Then run 'briefing validate'.")


@click.command("new", short_help="Scaffold a record with every field documented.")
@click.argument("kind")
@click.argument("record_id", metavar="ID")
@content_option
def new_command(kind: str, record_id: str, content: Path) -> None:
    """Scaffold a KIND record (call, actor, source, organization, topic, event) named ID.

    Writes content/<kind>/<ID>.yaml listing every field with its meaning. Required fields are
    left empty so that 'briefing validate' points at each one until it is filled. A call's ID
    starts with its date (2022-01-05-…), which also fills its date. Refuses invalid ids,
    unknown kinds and existing files.
    """
    from ..curator.scaffold import new_record, required_keys, resolve_kind

    target = new_record(content, kind, record_id)
    empty, unknown = required_keys(resolve_kind(kind))
    click.echo(f"Wrote {target}. Fill in: {', '.join(empty)}"
               + (f"; decide: {', '.join(unknown)} (written unknown)" if unknown else "")
               + "; then run 'briefing validate'.")


@click.command("rename", short_help="Give a record a new id; references follow, the old URL redirects.")
@click.argument("old_name", metavar="OLD-ID")
@click.argument("new_id", metavar="NEW-ID")
@content_option
def rename_command(old_name: str, new_id: str, content: Path) -> None:
    """Give the record OLD-ID the id NEW-ID.

    Write KIND/OLD-ID where two kinds share the id. Rewrites every reference to it (reference
    fields and [[links]] in prose) where it stands, keeping comments and layout; moves the file
    to NEW-ID.yaml; and lists OLD-ID in the record's
    `redirect_from`, so that its old URL keeps sending readers to it. Changes nothing unless the
    content validates before and after.
    """
    from ..curator.rename import rename_record

    old, new, references = rename_record(content, old_name, new_id)
    files = {r.loaded.path for r in references}
    click.echo(f"Renamed {old.kind}/{old.id} to {new.kind}/{new.id}: {len(references)} "
               f"reference(s) in {len(files)} file(s) rewritten; {old.kind}/{old.id}/ now "
               f"redirects to {new.kind}/{new.id}/.")


@click.command("remove", short_help="Remove a record (and its source text) once nothing refers to it.")
@click.argument("name", metavar="ID")
@content_option
def remove_command(name: str, content: Path) -> None:
    """Remove the record ID and its unused source text.

    Write KIND/ID where two kinds share the id. A source's verbatim text goes with it unless
    another source uses the text. While other records refer to it, lists every reference
    (FILE:LINE:COLUMN: FIELD) and changes nothing; remove or change them, then run it again.
    """
    from ..curator.rename import remove_record

    key, removed = remove_record(content, name)
    click.echo(f"Removed {key.kind}/{key.id}: " + ", ".join(str(p) for p in removed) + ".")


@click.command("migrate", short_help="Key every passage typed out in full, once, on its source.")
@click.option("--check", is_flag=True,
              help="Change nothing; exit 1 and say what would change if anything would.")
@content_option
def migrate_command(check: bool, content: Path) -> None:
    """Key every passage typed out in full, once, on its source record.

    Each passage a citation or quote types out (`source:` with `passage:` or `words:`) is
    written once, under `passages:` on its source record, and cited by its key; a call's
    `format:` is left out where its `format` fact gives it. Comments and layout stay. The migrated corpus is loaded and compared record by record with
    the corpus as it was, and the files are replaced only when every record reads the same.
    """
    from ..curator.migrate import migrate

    done = migrate(content, write=not check)
    if not done.files:
        click.echo("Nothing to migrate: every passage is cited by key.")
        return
    parts = ([f"{done.citations} citation(s) and {done.quotes} quote(s) as {done.passages} "
              "passage(s) keyed on their sources"] if done.passages else []) + (
        [f"the `format:` of {done.formats} call(s) whose `format` fact gives it (left out)"]
        if done.formats else [])
    what = " and ".join(parts) + f", in {len(done.files)} file(s)"
    if check:
        click.echo(f"Would migrate {what}; run 'briefing migrate' to do it.")
        raise SystemExit(1)
    click.echo(f"Migrated {what}; every record reads as before.")


CURATOR_COMMANDS = (ingest_command, new_command, rename_command, remove_command, migrate_command)
