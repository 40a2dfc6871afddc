"""``ropa validate SOURCE``: load the register and report every problem at once."""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ropa.cli.common import ExitCode, err, fail, out
from ropa.cli.sources import SOURCE_HELP

if TYPE_CHECKING:
    from ropa.loading import LoadResult

__all__ = ["SOURCE_HELP", "install", "validate"]

NO_CACHE_HELP = ("Read every file again, without ropa's cache of files already read "
                 "(.ropa-cache/ in the register folder, or $ROPA_CACHE_DIR).")
CLEAR_CACHE_HELP = ("Delete ropa's cache of files already read before checking (the check fills it "
                    "again, unless --no-cache).")


@contextmanager
def one_shot_gc() -> Iterator[None]:
    """A command that builds a large register and exits: the cyclic garbage collector stays
    off (reference counting frees the rest), and what was built is then handed to the oldest
    generation without a scan, which would cost more than the command itself."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
        if enabled:
            gc.enable()


def load_register(source: str, *, use_cache: bool = True, clear_cache: bool = False) -> LoadResult:
    """Load a register for a command, with ropa's cache unless ``use_cache`` is false; a
    register that cannot be read at all stops the command (exit 2)."""
    from ropa.loading import SourceError, is_database_url, load

    cache = None
    if not is_database_url(source):
        from ropa.loading.cache import clear, default_folder

        folder = default_folder(Path(source))
        if clear_cache:
            clear(folder)
        cache = folder if use_cache else None
    try:
        return load(source, cache=cache)
    except SourceError as exc:
        fail(str(exc))


class ValidateFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


def validate(
    source: Annotated[str, typer.Argument(help=SOURCE_HELP, show_default=False)],
    format: Annotated[ValidateFormat, typer.Option("--format", "-f", help="Output format.")] = ValidateFormat.TEXT,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print problems only, no summary.")] = False,
    no_cache: Annotated[bool, typer.Option("--no-cache", help=NO_CACHE_HELP)] = False,
) -> None:
    """Check that a register reads and matches the format: YAML syntax, schema, ids and
    references. Prints one line per problem (FILE:LINE:COL: ID name: message [path] Fix: ...).
    Exit 0 when clean, 1 when the register has problems, 2 when ropa could not run."""
    with one_shot_gc():
        _print_result(load_register(source, use_cache=not no_cache), format, quiet)


def _print_result(result: LoadResult, format: ValidateFormat, quiet: bool) -> None:
    if format == ValidateFormat.JSON:
        payload = {
            "source": result.label,
            "files": result.files,
            "problems": [
                {
                    "rule": p.rule, "name": p.name, "severity": p.severity.value, "message": p.message,
                    "fix": p.fix, "file": p.location.file, "line": p.location.line,
                    "column": p.location.column, "path": p.location.path,
                }
                for p in result.problems
            ],
        }
        out().print(json.dumps(payload, ensure_ascii=False, indent=2), markup=False)
    else:
        for problem in result.problems:
            out().print(problem.line(), markup=False)
    if not quiet:
        reg = result.register
        counts = (f"{len(result.files)} file(s), {len(reg.activities)} activities, "
                  f"{len(reg.processors)} processors")
        if result.layout == "database":
            counts = f"{len(reg.activities)} activities, {len(reg.processors)} processors"
        if result.problems:
            files = len({p.location.file for p in result.problems})
            err().print(f"{result.label}: {len(result.problems)} problem(s) in {files} file(s) ({counts})",
                        markup=False)
        else:
            err().print(f"{result.label}: valid ({counts})", markup=False)
    raise typer.Exit(ExitCode.FINDINGS if result.problems else ExitCode.OK)


def install(app: typer.Typer) -> None:
    app.command("validate")(validate)
