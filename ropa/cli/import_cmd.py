"""``ropa import xlsx FILE -o DIR``: a spreadsheet register (a filled copy of the CNIL
model, .ods or .xlsx, or a workbook ropa exported) -> a ropa register folder."""

from pathlib import Path
from typing import Annotated

import typer

from ropa.cli.common import ExitCode, err, fail, out

HELP = "Bring an existing register into ropa: the spreadsheets people already keep."
REPORT_NAME = "import-report.md"


def _report_path(target: Path) -> Path:
    """import-report.md inside a register folder, or beside a one-file register."""
    return target.parent / REPORT_NAME if target.suffix.lower() in (".yaml", ".yml") else target / REPORT_NAME


def _holds_register(target: Path) -> bool:
    if target.suffix.lower() in (".yaml", ".yml"):
        return target.is_file()
    return any((target / name).is_file() for name in ("register.yaml", "register.yml"))


def import_xlsx(
    file: Annotated[Path, typer.Argument(help="The spreadsheet: .xlsx or .ods.", show_default=False)],
    output: Annotated[Path, typer.Option("--out", "-o", help="The register to write: a folder (register.yaml, "
                                         "activities/, processors/) or a file ending in .yaml.",
                                         show_default=False)],
    force: Annotated[bool, typer.Option("--force", help="Replace the register already at --out.")] = False,
) -> None:
    """Read a filled copy of the CNIL register model (the original .ods, or the same saved
    as .xlsx by Excel or LibreOffice) or a workbook `ropa export xlsx` wrote, and write a
    ropa register. Every value that cannot be mapped is printed, kept in the notes of the
    activity or organisation, and listed in import-report.md beside the register. Then run
    `ropa validate` and `ropa check`: they say what the CNIL model never asked for (legal
    bases, for one). Exit 0 when written, 2 when the file cannot be imported (nothing is
    written then)."""
    from ropa.importing import SpreadsheetError, import_workbook
    from ropa.util.atomic import write_text_atomic
    from ropa.writer import WriteError, write_register

    if _holds_register(output) and not force:
        fail(f"{output} already holds a register; choose another --out, or pass --force to replace it")
    try:
        result = import_workbook(file)
    except SpreadsheetError as exc:
        fail(str(exc))
    report = result.report
    try:
        write_register(result.register, output)
        report_path = _report_path(output)
        write_text_atomic(report_path, report.markdown())
    except WriteError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"cannot write {exc.filename or output}: {exc.strerror or exc}")
    for entry in report.entries:
        out().print(entry.line(), markup=False)
    source = "a workbook ropa exported" if report.kind == "ropa" else "the CNIL model"
    err().print(f"Imported {report.activities} activit{'y' if report.activities == 1 else 'ies'} from {file} "
                f"({source}) into {output}; {len(report.entries)} value(s) not mapped, listed in {report_path}.",
                markup=False)
    err().print(f"Next: ropa validate {output} && ropa check {output}", markup=False)
    raise typer.Exit(ExitCode.OK)


def install(app: typer.Typer) -> None:
    group = typer.Typer(help=HELP, no_args_is_help=True)
    group.command("xlsx")(import_xlsx)
    app.add_typer(group, name="import")
