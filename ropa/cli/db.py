"""``ropa db``: keep the register in a database (import, export, upgrade)."""

from pathlib import Path
from typing import Annotated

import typer

from ropa.cli.common import ExitCode, err, fail, finish, out
from ropa.cli.progress import progress_bar, wanted
from ropa.cli.sources import NoCacheOpt, load_or_fail, one_shot_gc

DB_HELP = "Database URL: sqlite:///path/to/file.db or postgresql+psycopg://user@host/db."


def _url(db: str | None) -> str:
    from ropa.store import default_url

    return db or default_url()


def import_command(
    source: Annotated[str, typer.Argument(metavar="SOURCE", help="The register: a .yaml file, a register folder "
                                               "or a database URL.")],
    db: Annotated[str | None, typer.Option("--db", metavar="URL", help=f"{DB_HELP} Default: ropa.db "
                                                          "in the current folder.")] = None,
    no_cache: NoCacheOpt = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary.")] = False,
) -> None:
    """Store a register in the database, in place of the one stored there (all or nothing).
    Files unchanged since ropa last read them come from its cache, as for `ropa check`."""
    from ropa.store import StoreError, import_register

    with one_shot_gc():
        with progress_bar(wanted(quiet)) as bar:
            result = load_or_fail(source, use_cache=not no_cache, bar=bar)
            if not result.problems:
                bar.stage("Writing to the database")
                try:
                    summary = import_register(result.register, _url(db))
                except StoreError as exc:
                    fail(str(exc))
        if result.problems:
            for problem in result.problems:
                out().print(problem.line(), markup=False)
            count = len(result.problems)
            err().print(f"Not imported: {source} has {count} problem{'s' if count > 1 else ''}; "
                        "fix them and run again.", markup=False)
            raise typer.Exit(ExitCode.FINDINGS)
    if not quiet:
        err().print(f"Imported {summary.counts()} into {summary.url}.", markup=False)
    finish(ExitCode.OK)


def export_command(
    target: Annotated[Path, typer.Argument(metavar="OUT", help="Where to write: a .yaml file "
                                                               "(one file) or a folder.")],
    db: Annotated[str | None, typer.Option("--db", metavar="URL", help=f"{DB_HELP} Default: ropa.db "
                                                          "in the current folder.")] = None,
) -> None:
    """Write the stored register as YAML: one file (OUT ends in .yaml) or a register folder."""
    from ropa.store import StoreError, read_register
    from ropa.writer import WriteError, write_register

    url = _url(db)
    try:
        register = read_register(url)
        written = write_register(register, target)
    except (StoreError, WriteError) as exc:
        fail(str(exc))
    files = len(written)
    err().print(f"Wrote {files} file{'s' if files > 1 else ''} to {target}.", markup=False)


def upgrade_command(
    db: Annotated[str | None, typer.Option("--db", metavar="URL", help=f"{DB_HELP} Default: ropa.db "
                                                          "in the current folder.")] = None,
) -> None:
    """Bring the database layout up to this version of ropa (Alembic migrations)."""
    from ropa.store import StoreError, upgrade

    try:
        summary = upgrade(_url(db))
    except StoreError as exc:
        fail(str(exc))
    if summary.changed:
        before = summary.before or "empty"
        err().print(f"Upgraded {summary.url} from layout {before} to {summary.after}.",
                    markup=False)
    else:
        err().print(f"{summary.url} is up to date (layout {summary.after}).", markup=False)


def install(app: typer.Typer) -> None:
    db_app = typer.Typer(
        name="db",
        help="Keep the register in a database (SQLite by default, PostgreSQL for a team).",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )
    db_app.command("import")(import_command)
    db_app.command("export")(export_command)
    db_app.command("upgrade")(upgrade_command)
    app.add_typer(db_app, name="db")
