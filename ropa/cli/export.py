"""``ropa export``: the documents (Excel register, audit PDF and HTML, privacy notice).
Each format's command lives in its own module and is added to this group."""

from enum import StrEnum

import typer

from ropa.cli.common import parse_as_of

__all__ = ["Lang", "export_app", "install", "parse_as_of"]

export_app = typer.Typer(
    help="Write the register as documents: the CNIL-style Excel workbook, the audit PDF and "
         "its HTML twin, the privacy-notice tables.",
    no_args_is_help=True,
)


class Lang(StrEnum):
    FR = "fr"
    EN = "en"


def install(app: typer.Typer) -> None:
    from ropa.cli import export_docs, export_xlsx

    export_docs.add_commands(export_app)
    export_xlsx.add_commands(export_app)
    app.add_typer(export_app, name="export")
