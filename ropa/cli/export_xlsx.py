"""``ropa export xlsx SOURCE``: the register as an Excel workbook in the CNIL model's layout."""

from pathlib import Path
from typing import Annotated

import typer

from ropa.cli.common import ExitCode, err, fail, finish
from ropa.cli.export import Lang, parse_as_of
from ropa.cli.progress import progress_bar, wanted
from ropa.cli.sources import SOURCE_HELP, NoCacheOpt, load_or_fail, one_shot_gc

DEFAULT_OUT = Path("reports/register.xlsx")


def export_xlsx(
    source: Annotated[str, typer.Argument(help=SOURCE_HELP, show_default=False)],
    out: Annotated[Path, typer.Option("--out", "-o", help="The workbook to write (its folder is created).")]
    = DEFAULT_OUT,
    lang: Annotated[Lang | None, typer.Option("--lang", help="Language of the workbook (default: the register's "
                                              "settings.language, else fr).")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Date the findings are computed for, YYYY-MM-DD "
                                              "(default: today).", show_default=False)] = None,
    no_fiches: Annotated[bool, typer.Option("--no-fiches", help="Leave out the one sheet per activity (for very "
                                            "large registers); the list and annex sheets remain.")] = False,
    config: Annotated[Path | None, typer.Option("--config", help="ropa.toml to use (default: the one beside the "
                                                "register).", show_default=False)] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary.")] = False,
    no_cache: NoCacheOpt = False,
) -> None:
    """Write the register as an .xlsx workbook laid out like the CNIL's register model: the
    list of processing activities, one fiche per activity, then the sheets an audit needs
    (legal bases, processors, transfers, security measures, DPIA, compliance). Every value
    is written as text. `ropa import xlsx` reads the workbook back into the same register.
    Exit 0 when written, 2 when it could not be."""
    from ropa.export.excel import ExcelExportError, write_workbook
    from ropa.export.prepare import prepare_view
    from ropa.rules.config import ConfigError

    day = parse_as_of(as_of)
    with one_shot_gc(), progress_bar(wanted(quiet)) as bar:
        result = load_or_fail(source, use_cache=not no_cache, bar=bar)
        bar.stage("Running the rules")
        try:
            view = prepare_view(result, language=lang.value if lang else None, as_of=day, config_path=config)
        except ConfigError as exc:
            fail(str(exc))
        bar.stage("Writing the workbook")
        try:
            write_workbook(view, out, register=result.register, fiches=not no_fiches)
        except ExcelExportError as exc:
            fail(str(exc))
    if quiet:
        finish(ExitCode.OK)
    fiches = "no fiches" if no_fiches else f"{len(view.activities)} fiche(s)"
    err().print(f"Wrote {out} ({len(view.activities)} activities, {fiches}, {view.errors} error(s) and "
                f"{view.warnings} warning(s) in the compliance sheet)", markup=False)
    finish(ExitCode.OK)


def add_commands(export_app: typer.Typer) -> None:
    export_app.command("xlsx")(export_xlsx)
