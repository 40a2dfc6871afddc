"""The ``ropa`` command: one Typer app, one module per command group."""

from __future__ import annotations

import os
import sys

import typer

from ropa import __version__

app = typer.Typer(
    name="ropa",
    help="Keep a GDPR Article 30 register as code: validate it, check it, export it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ropa {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Keep a GDPR Article 30 register as code: validate it, check it, export it."""


_installed = False


def _register_commands() -> None:
    """Add every command to the app, once."""
    global _installed
    if _installed:
        return
    from ropa.cli import register as register_commands

    register_commands.install(app)
    _installed = True


def main() -> None:
    """Entry point: run the app; no traceback ever reaches the user."""
    _register_commands()
    try:
        app()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.stderr.write("Interrupted.\n")
        sys.exit(130)
    except Exception as exc:  # the last line of defence: say what failed, not where
        if os.environ.get("ROPA_DEBUG"):
            raise
        sys.stderr.write(
            f"Error: ropa failed unexpectedly ({type(exc).__name__}: {exc}). "
            "Run again with ROPA_DEBUG=1 to see the details, and report it.\n"
        )
        sys.exit(2)
