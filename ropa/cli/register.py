"""Joins every command module to the app. Each module exposes ``install(app)`` and keeps
its heavy imports inside its functions, so that ``ropa --help`` and ``ropa check`` start fast.

The modules that define commands do not use ``from __future__ import annotations``: Typer
reads every command's parameters at start-up, and string annotations made it compile and
evaluate ~470 of them each time (a third of ``ropa --help``). Types known only to a type
checker are written in quotes there."""

from __future__ import annotations

import typer


def install(app: typer.Typer) -> None:
    from ropa.cli import (
        check,
        db,
        export,
        import_cmd,
        init,
        reference,
        rules,
        schema,
        show,
        validate,
    )

    for module in (validate, check, rules, schema, show, init, db, export, import_cmd, reference):
        module.install(app)
