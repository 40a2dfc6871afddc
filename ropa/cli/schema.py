"""``ropa schema``: print the JSON Schema of the register format, for editors and tools."""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ropa.cli.common import err, fail, out


class SchemaKind(StrEnum):
    REGISTER = "register"
    ACTIVITY = "activity"
    PROCESSOR = "processor"


def schema(
    kind: Annotated[SchemaKind, typer.Argument(
        help="register: a one-file register or register.yaml; activity / processor: the files "
             "of activities/ and processors/.")] = SchemaKind.REGISTER,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file.")] = None,
) -> None:
    """Print the JSON Schema (Draft 2020-12) of the register format.

    Point your editor at it with a first line such as
    `# yaml-language-server: $schema=register.schema.json`."""
    from ropa.schema import schema_text

    text = schema_text(kind.value)
    if output is None:
        out().file.write(text)
        return
    from ropa.util.atomic import write_text_atomic

    try:
        write_text_atomic(output, text)
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}")
    err().print(f"wrote {output}", markup=False)


def install(app: typer.Typer) -> None:
    app.command("schema")(schema)
