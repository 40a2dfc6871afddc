"""Joins every command module to the app. Each module exposes ``install(app)`` and keeps
its heavy imports inside its functions, so that ``ropa --help`` and ``ropa check`` start fast."""

from __future__ import annotations

import typer


def install(app: typer.Typer) -> None:
    from ropa.cli import (
        check, db, export, import_cmd, init, reference, rules, schema, show, validate,
    )

    for module in (validate, check, rules, schema, show, init, db, export, import_cmd, reference):
        module.install(app)
