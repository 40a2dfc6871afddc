"""``ropa export``: the documents (Excel register, audit PDF and HTML, privacy notice).
Each format's command lives in its own module and is added to this group."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

import typer

from ropa.cli.common import fail

export_app = typer.Typer(
    help="Write the register as documents: the CNIL-style Excel workbook, the audit PDF and "
         "its HTML twin, the privacy-notice tables.",
    no_args_is_help=True,
)


class Lang(StrEnum):
    FR = "fr"
    EN = "en"


def parse_as_of(value: str | None) -> date:
    """The --as-of option: today when absent; exit 2 on a bad date."""
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"--as-of must be a date as YYYY-MM-DD, not {value!r}")


def install(app: typer.Typer) -> None:
    from ropa.cli import export_docs, export_xlsx

    export_docs.add_commands(export_app)
    export_xlsx.add_commands(export_app)
    app.add_typer(export_app, name="export")
