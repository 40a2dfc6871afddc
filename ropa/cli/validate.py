"""``ropa validate SOURCE``: load the register and report every problem at once."""

import json
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from ropa.cli.common import ExitCode, err, out
from ropa.cli.progress import progress_bar, wanted
from ropa.cli.sources import SOURCE_HELP, NoCacheOpt, load_or_fail, one_shot_gc

if TYPE_CHECKING:
    from ropa.loading import LoadResult

__all__ = ["install", "validate"]


class ValidateFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


def validate(
    source: Annotated[str, typer.Argument(help=SOURCE_HELP, show_default=False)],
    format: Annotated[ValidateFormat, typer.Option("--format", "-f", help="Output format.")] = ValidateFormat.TEXT,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print problems only: no progress bar, no summary.")] = False,
    no_cache: NoCacheOpt = False,
) -> None:
    """Check that a register reads and matches the format: YAML syntax, schema, ids and
    references. Prints one line per problem (FILE:LINE:COL: ID name: message [path] Fix: ...).
    Exit 0 when clean, 1 when the register has problems, 2 when ropa could not run."""
    with one_shot_gc():
        with progress_bar(wanted(quiet)) as bar:
            result = load_or_fail(source, use_cache=not no_cache, bar=bar)
        _print_result(result, format, quiet)


def _print_result(result: "LoadResult", format: ValidateFormat, quiet: bool) -> None:
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
